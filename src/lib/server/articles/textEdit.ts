/**
 * Editing the text of a teacher's article. Each label and straight sentence is re-anchored on its
 * words (game/reanchor.ts): kept with new offsets when its words are still there and can be told
 * apart, otherwise moved to flagged_labels with its old words and the reason, out of every round
 * until the teacher places it again. An offset never shifts onto other words.
 */
import { eq, inArray, sql } from 'drizzle-orm';
import { reanchorSpans, type CodePointRange, type ReanchorOutcome } from '../../game/reanchor';
import type { Db } from '../db/open';
import { articles, cleanPassages, flaggedLabels, spans } from '../db/schema';
import { contentHash } from '../content/drafts';
import { ownedArticle, touchArticle, type Tx } from './articles';

/**
 * Far past any offset an article can have: kept rows are parked there first, so that moving one
 * label onto a place another has not left yet never trips the unique (article, technique, range)
 * index.
 */
const PARK = 1_000_000_000;

/** A label or straight sentence whose words are gone, as a flagged_labels row. */
type FlaggedRow = typeof flaggedLabels.$inferInsert;
type Review<R extends CodePointRange> = Extract<ReanchorOutcome<R>, { status: 'review' }>;

/**
 * Applies re-anchoring to the rows of one table (labels or straight sentences): the kept rows are
 * parked, then moved to their new offsets; the others go to flagged_labels (as `flag` writes
 * them) and leave the table. Returns how many were kept and how many flagged.
 */
function reanchorRows<R extends CodePointRange & { id: number }>(
	tx: Tx,
	table: typeof spans | typeof cleanPassages,
	outcomes: ReanchorOutcome<R>[],
	flag: (outcome: Review<R>) => FlaggedRow
): { kept: number; flagged: number } {
	const keptIds = outcomes.flatMap((o) => (o.status === 'kept' ? [o.span.id] : []));
	if (keptIds.length > 0) {
		tx.update(table)
			.set({ start: sql`${table.start} + ${PARK}`, end: sql`${table.end} + ${PARK}` })
			.where(inArray(table.id, keptIds))
			.run();
	}
	for (const o of outcomes) {
		if (o.status === 'kept') {
			tx.update(table)
				.set({ start: o.span.start, end: o.span.end })
				.where(eq(table.id, o.span.id))
				.run();
			continue;
		}
		tx.insert(flaggedLabels).values(flag(o)).run();
		tx.delete(table).where(eq(table.id, o.span.id)).run();
	}
	return { kept: keptIds.length, flagged: outcomes.length - keptIds.length };
}

/**
 * Replaces the article's text (owner only; 404 or 403 otherwise) and re-anchors its labels and
 * straight sentences, in one transaction. Returns how many were kept and how many flagged.
 */
export function editArticleText(
	db: Db,
	id: string,
	teacherId: string,
	newBody: string
): { kept: number; flagged: number } {
	return db.transaction((tx) => {
		const { body: oldBody } = ownedArticle(tx, id, teacherId);
		const labelRows = tx.select().from(spans).where(eq(spans.articleId, id)).all();
		const straightRows = tx
			.select()
			.from(cleanPassages)
			.where(eq(cleanPassages.articleId, id))
			.all();
		const labels = reanchorSpans(oldBody, newBody, labelRows);
		const straight = reanchorSpans(oldBody, newBody, straightRows);
		const labelCounts = reanchorRows(tx, spans, labels, (o) => ({
			articleId: id,
			techniqueId: o.span.techniqueId,
			quote: o.words,
			explanation: o.span.explanation,
			explanationSource: o.span.explanationSource,
			reason: o.message
		}));
		const straightCounts = reanchorRows(tx, cleanPassages, straight, (o) => ({
			articleId: id,
			techniqueId: null,
			quote: o.words,
			reason: o.message
		}));
		tx.update(articles)
			.set({ body: newBody, contentHash: contentHash(newBody) })
			.where(eq(articles.id, id))
			.run();
		touchArticle(tx, id);
		return {
			kept: labelCounts.kept + straightCounts.kept,
			flagged: labelCounts.flagged + straightCounts.flagged
		};
	});
}
