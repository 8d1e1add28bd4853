/**
 * Editing the text of a teacher's article. Each label and straight sentence is re-anchored on its
 * words (game/reanchor.ts): kept with new offsets when its words are still there and can be told
 * apart, otherwise moved to flagged_labels with its old words and the reason, out of every round
 * until the teacher places it again. An offset never shifts onto other words.
 */
import { eq, inArray, sql } from 'drizzle-orm';
import { reanchorSpans } from '../../game/reanchor';
import type { Db } from '../db/open';
import { articles, cleanPassages, flaggedLabels, spans } from '../db/schema';
import { contentHash } from '../content/drafts';
import { ownedArticle, touchArticle } from './articles';

/**
 * Far past any offset an article can have: kept rows are parked there first, so that moving one
 * label onto a place another has not left yet never trips the unique (article, technique, range)
 * index.
 */
const PARK = 1_000_000_000;

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
		let kept = 0;
		let flagged = 0;

		const keptLabels = labels.flatMap((o) => (o.status === 'kept' ? [o.span] : []));
		const keptStraight = straight.flatMap((o) => (o.status === 'kept' ? [o.span] : []));
		if (keptLabels.length > 0) {
			tx.update(spans)
				.set({ start: sql`${spans.start} + ${PARK}`, end: sql`${spans.end} + ${PARK}` })
				.where(
					inArray(
						spans.id,
						keptLabels.map((s) => s.id)
					)
				)
				.run();
		}
		if (keptStraight.length > 0) {
			tx.update(cleanPassages)
				.set({
					start: sql`${cleanPassages.start} + ${PARK}`,
					end: sql`${cleanPassages.end} + ${PARK}`
				})
				.where(
					inArray(
						cleanPassages.id,
						keptStraight.map((s) => s.id)
					)
				)
				.run();
		}
		for (const o of labels) {
			if (o.status === 'kept') {
				tx.update(spans)
					.set({ start: o.span.start, end: o.span.end })
					.where(eq(spans.id, o.span.id))
					.run();
				kept += 1;
				continue;
			}
			tx.insert(flaggedLabels)
				.values({
					articleId: id,
					techniqueId: o.span.techniqueId,
					quote: o.words,
					explanation: o.span.explanation,
					explanationSource: o.span.explanationSource,
					reason: o.message
				})
				.run();
			tx.delete(spans).where(eq(spans.id, o.span.id)).run();
			flagged += 1;
		}
		for (const o of straight) {
			if (o.status === 'kept') {
				tx.update(cleanPassages)
					.set({ start: o.span.start, end: o.span.end })
					.where(eq(cleanPassages.id, o.span.id))
					.run();
				kept += 1;
				continue;
			}
			tx.insert(flaggedLabels)
				.values({ articleId: id, techniqueId: null, quote: o.words, reason: o.message })
				.run();
			tx.delete(cleanPassages).where(eq(cleanPassages.id, o.span.id)).run();
			flagged += 1;
		}
		tx.update(articles)
			.set({ body: newBody, contentHash: contentHash(newBody) })
			.where(eq(articles.id, id))
			.run();
		touchArticle(tx, id);
		return { kept, flagged };
	});
}
