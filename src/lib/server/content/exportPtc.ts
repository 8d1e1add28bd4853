/**
 * Export in the PTC layout: `article<ID>.txt` (the body, byte for byte) and `article<ID>.labels`
 * (tab-separated: article id, PTC technique label, start, end in code points; sorted by start).
 * Importing the folder again gives the same bodies and spans.
 */
import { asc } from 'drizzle-orm';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { technique, type TechniqueId } from '../../game/techniques';
import type { Db } from '../db/open';
import { articles, spans } from '../db/schema';
import { ARTICLE_ID_PATTERN } from './drafts';

/** What an export wrote. */
export interface ExportSummary {
	folder: string;
	articles: number;
	spans: number;
}

/** A stored span as the PTC layout keeps it. */
export interface SpanRow {
	articleId: string;
	techniqueId: string;
	start: number;
	end: number;
}

/** Every stored span's article, technique and range, by article, then start, end and technique. */
export function storedSpans(db: Db): SpanRow[] {
	return db
		.select({
			articleId: spans.articleId,
			techniqueId: spans.techniqueId,
			start: spans.start,
			end: spans.end
		})
		.from(spans)
		.orderBy(asc(spans.articleId), asc(spans.start), asc(spans.end), asc(spans.techniqueId))
		.all();
}

/** Groups span rows by article, in the order the rows come. */
function spansByArticle(rows: SpanRow[]): Map<string, SpanRow[]> {
	const groups = new Map<string, SpanRow[]>();
	for (const row of rows) {
		const group = groups.get(row.articleId) ?? [];
		group.push(row);
		groups.set(row.articleId, group);
	}
	return groups;
}

/** The labels file text for one article's spans (already sorted). */
export function formatPtcLabels(articleId: string, rows: readonly SpanRow[]): string {
	return rows
		.map((r) => {
			const label = technique(r.techniqueId as TechniqueId).ptcLabel;
			return `${articleId}\t${label}\t${r.start}\t${r.end}\n`;
		})
		.join('');
}

/** Writes every article of `db` and its spans into `folder` (created if missing). */
export function exportPtc(db: Db, folder: string): ExportSummary {
	mkdirSync(folder, { recursive: true });
	const spanRows = storedSpans(db);
	const grouped = spansByArticle(spanRows);
	const rows = db
		.select({ id: articles.id, body: articles.body })
		.from(articles)
		.orderBy(asc(articles.id))
		.all();
	for (const article of rows) {
		if (!ARTICLE_ID_PATTERN.test(article.id)) {
			throw new Error(`Article id ${JSON.stringify(article.id)} cannot be used in a file name`);
		}
		writeFileSync(join(folder, `article${article.id}.txt`), article.body, 'utf8');
		writeFileSync(
			join(folder, `article${article.id}.labels`),
			formatPtcLabels(article.id, grouped.get(article.id) ?? []),
			'utf8'
		);
	}
	return { folder, articles: rows.length, spans: spanRows.length };
}
