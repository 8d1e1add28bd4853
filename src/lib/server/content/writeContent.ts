/**
 * Writing checked drafts to the database: one transaction, articles added only when new, spans
 * and clean passages added only when not already there.
 */
import { eq } from 'drizzle-orm';
import type { Db } from '../db/open';
import { articles, cleanPassages, spans } from '../db/schema';
import type { ArticleDraft } from './drafts';
import { ImportError } from './importError';
import { countSpan, type ImportSummary } from './summary';

type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

/** Reports how far writing has got. */
export type WriteProgress = (done: number, total: number) => void;

function existingArticle(tx: Tx, id: string) {
	return tx
		.select({ contentHash: articles.contentHash, collection: articles.collection })
		.from(articles)
		.where(eq(articles.id, id))
		.get();
}

/** Throws when an article id is already stored with a different text: imports never overwrite. */
function refuseChangedArticles(tx: Tx, drafts: readonly ArticleDraft[]): Set<string> {
	const unchanged = new Set<string>();
	for (const draft of drafts) {
		const existing = existingArticle(tx, draft.id);
		if (!existing) continue;
		if (existing.contentHash !== draft.contentHash) {
			throw new ImportError(
				draft.source.file,
				draft.source.line,
				`article "${draft.id}" is already in the database (collection ${existing.collection ?? 'none'}) with a different text; ` +
					'an import never overwrites an article: give it a new id, or delete the old one first'
			);
		}
		unchanged.add(draft.id);
	}
	return unchanged;
}

function insertArticle(tx: Tx, draft: ArticleDraft): void {
	tx.insert(articles)
		.values({
			id: draft.id,
			title: draft.title,
			author: draft.author,
			outlet: draft.outlet,
			url: draft.url,
			publishedDate: draft.publishedDate,
			language: draft.language,
			body: draft.body,
			contentHash: draft.contentHash,
			sourceNote: draft.sourceNote,
			licenseNote: draft.licenseNote,
			origin: draft.origin,
			collection: draft.collection,
			exhaustive: draft.exhaustive
		})
		.run();
}

function insertSpans(tx: Tx, draft: ArticleDraft, summary: ImportSummary): void {
	for (const span of draft.spans) {
		const result = tx
			.insert(spans)
			.values({
				articleId: draft.id,
				techniqueId: span.techniqueId,
				start: span.start,
				end: span.end,
				explanation: span.explanation,
				labelledBy: span.labelledBy
			})
			.onConflictDoNothing()
			.run();
		countSpan(summary, span.techniqueId, result.changes > 0);
	}
}

function insertClean(tx: Tx, draft: ArticleDraft, summary: ImportSummary): void {
	for (const clean of draft.clean) {
		const result = tx
			.insert(cleanPassages)
			.values({ articleId: draft.id, start: clean.start, end: clean.end, note: clean.note })
			.onConflictDoNothing()
			.run();
		if (result.changes > 0) summary.cleanAdded++;
		else summary.cleanUnchanged++;
	}
}

/**
 * Writes all drafts in one transaction and adds the counts to `summary`. Any error rolls the
 * whole run back.
 */
export function writeDrafts(
	db: Db,
	drafts: readonly ArticleDraft[],
	summary: ImportSummary,
	onProgress?: WriteProgress
): void {
	db.transaction((tx) => {
		const unchanged = refuseChangedArticles(tx, drafts);
		drafts.forEach((draft, i) => {
			if (unchanged.has(draft.id)) {
				summary.articlesUnchanged++;
				// Databases from before the flag existed learn it on re-import.
				tx.update(articles)
					.set({ exhaustive: draft.exhaustive })
					.where(eq(articles.id, draft.id))
					.run();
			} else {
				insertArticle(tx, draft);
				summary.articlesAdded++;
			}
			insertSpans(tx, draft, summary);
			insertClean(tx, draft, summary);
			onProgress?.(i + 1, drafts.length);
		});
	});
}
