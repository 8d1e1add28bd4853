/**
 * Importing content into the database: content packs and PTC folders. Everything is read and
 * checked first; only then is anything written, in one transaction. Bad input raises an
 * ImportError naming the file and line, and leaves the database as it was.
 */
import type { Db } from '../db/open';
import { countFlaggedSentences } from '../../game/contentFilter';
import { pageDebrisLines } from '../../game/excerptBounds';
import { formatRef, SkipLog, type ArticleDraft, type SourceRef } from './drafts';
import { ImportError } from './importError';
import { readPackFile } from './pack';
import { attachLabels, readLabelFile, readPtcArticle } from './ptc';
import { collectSources, pickPtcArticles } from './sources';
import { emptySummary, type ImportSummary } from './summary';
import { writeDrafts } from './writeContent';

/** How far an import has got: reading (and checking) files, then writing rows. */
export interface ImportProgress {
	phase: 'reading' | 'writing';
	/** Articles done so far in this phase. */
	done: number;
	total: number;
}

export interface ImportOptions {
	/** Origin of pack articles: 'pack' (a user's import, the default) or 'bundled' (content/). */
	origin?: 'pack' | 'bundled';
	/** Collection of PTC articles; by default the name of the folder they were found in. */
	collection?: string;
	onProgress?: (progress: ImportProgress) => void;
}

/** Adds `draft`, or merges it into an identical article read earlier; a different text is an error. */
function addDraft(drafts: Map<string, ArticleDraft>, draft: ArticleDraft, skips: SkipLog): void {
	const earlier = drafts.get(draft.id);
	if (!earlier) {
		drafts.set(draft.id, draft);
		return;
	}
	if (earlier.contentHash !== draft.contentHash) {
		throw new ImportError(
			draft.source.file,
			draft.source.line,
			`article "${draft.id}" is also in ${formatRef(earlier.source)} with a different text`
		);
	}
	earlier.spans.push(...draft.spans);
	earlier.clean.push(...draft.clean);
	skips.add('article found more than once with the same text (read once)', draft.source);
}

/** Keeps the first item of each key and logs the repeats as skipped. */
function keepFirst<T extends { source: SourceRef }>(
	items: T[],
	keyOf: (item: T) => string,
	reason: string,
	skips: SkipLog
): T[] {
	const keys = new Set<string>();
	return items.filter((item) => {
		const key = keyOf(item);
		if (keys.has(key)) {
			skips.add(reason, item.source);
			return false;
		}
		keys.add(key);
		return true;
	});
}

/** Drops exact repeats of a span or clean passage within each article. */
function dropRepeats(drafts: Iterable<ArticleDraft>, skips: SkipLog): void {
	for (const draft of drafts) {
		draft.spans = keepFirst(
			draft.spans,
			(s) => `${s.techniqueId}\t${s.start}\t${s.end}`,
			'span listed more than once (same article, technique and offsets)',
			skips
		);
		draft.clean = keepFirst(
			draft.clean,
			(c) => `${c.start}\t${c.end}`,
			'clean passage listed more than once',
			skips
		);
	}
}

/**
 * Reads and checks everything under `paths` without touching a database: packs, PTC articles and
 * labels. Returns the articles to write; skipped items go to `skips`.
 */
export function readContent(
	paths: readonly string[],
	options: ImportOptions,
	skips: SkipLog
): ArticleDraft[] {
	const sources = collectSources(paths);
	const packs = sources.packs.map((file) => readPackFile(file, options.origin ?? 'pack'));
	const packTextFiles = new Set(packs.flatMap((p) => p.textFiles));
	const ptcArticles = pickPtcArticles(sources.others, packTextFiles, skips);
	const drafts = new Map<string, ArticleDraft>();
	const total = packs.reduce((n, p) => n + p.articles.length, 0) + ptcArticles.length;
	let done = 0;
	const report = () => options.onProgress?.({ phase: 'reading', done: ++done, total });
	for (const pack of packs) {
		for (const article of pack.articles) {
			addDraft(drafts, article, skips);
			report();
		}
	}
	for (const source of ptcArticles) {
		addDraft(drafts, readPtcArticle(source.path, options.collection ?? source.collection), skips);
		report();
	}
	attachLabels(drafts, sources.labels.flatMap(readLabelFile), skips);
	dropRepeats(drafts.values(), skips);
	return [...drafts.values()];
}

/**
 * Imports content packs (`*.pack.json`), PTC folders or files, or folders holding them, into
 * `db`. All or nothing: reads and checks every file first, then writes in one transaction.
 * Re-importing identical articles adds nothing; an existing article id with a different text is
 * an ImportError.
 */
export function importContent(
	db: Db,
	paths: string | readonly string[],
	options: ImportOptions = {}
): ImportSummary {
	const skips = new SkipLog();
	const drafts = readContent(typeof paths === 'string' ? [paths] : paths, options, skips);
	if (drafts.length === 0) {
		throw new ImportError(
			[paths].flat().join(', '),
			undefined,
			'found no articles to import (no *.pack.json or article<ID>.txt files)'
		);
	}
	const summary = emptySummary();
	for (const draft of drafts) {
		// Scraped page debris stays in the text, so offsets stay true; its lines are never asked.
		const debris = pageDebrisLines(draft.body).length;
		if (debris > 0) {
			summary.pageDebris.lines += debris;
			summary.pageDebris.articles++;
		}
		const flagged = countFlaggedSentences(draft.body);
		if (flagged === 0) continue;
		summary.heldBack.sentences += flagged;
		summary.heldBack.articles++;
	}
	writeDrafts(db, drafts, summary, (done, total) =>
		options.onProgress?.({ phase: 'writing', done, total })
	);
	summary.skipped = skips.list();
	return summary;
}
