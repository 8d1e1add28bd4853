/**
 * Helpers for the content specs: a fresh database with the techniques, temporary folders of
 * fixture files, a one-article PTC corpus, row counts, catching an ImportError, and putting the
 * public-sources setting back.
 */
import { afterAll, afterEach } from 'vitest';
import { refusalOf } from '../testRefusals';
import { count } from 'drizzle-orm';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { openTestDatabase, type Db } from '../db/open';
import { articles, cleanPassages, spans } from '../db/schema';
import { ImportError } from './importError';
import { syncTechniques } from './techniques';

/** A fresh in-memory test database (migrations applied) with the techniques stored. */
export function openContentTestDatabase(): Db {
	const db = openTestDatabase();
	syncTechniques(db);
	return db;
}

const madeDirs: string[] = [];
// The folders a spec file made are removed once its tests have run (they may share one).
afterAll(() => {
	for (const dir of madeDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A new empty folder under the system temp folder, removed after the calling spec file. */
export function tempDir(): string {
	const dir = mkdtempSync(join(tmpdir(), 'slant-content-'));
	madeDirs.push(dir);
	return dir;
}

/** Writes `files` (relative path → text or bytes) under `dir`. Returns `dir`. */
export function writeFiles(dir: string, files: Record<string, string | Uint8Array>): string {
	for (const [name, content] of Object.entries(files)) {
		const path = join(dir, name);
		mkdirSync(dirname(path), { recursive: true });
		writeFileSync(path, content);
	}
	return dir;
}

/** Row counts of the content tables. */
export function contentCounts(db: Db) {
	const n = (table: typeof articles | typeof spans | typeof cleanPassages) =>
		db.select({ n: count() }).from(table).get()?.n ?? 0;
	return { articles: n(articles), spans: n(spans), clean: n(cleanPassages) };
}

/** Runs `fn`, which must throw an ImportError, and returns that error. */
export function importErrorOf(fn: () => unknown): ImportError {
	return refusalOf(ImportError, fn);
}

/** 1-based line of the first line of `text` that contains `needle`. */
export function lineContaining(text: string, needle: string): number {
	const index = text.split('\n').findIndex((line) => line.includes(needle));
	if (index < 0) throw new Error(`fixture has no line containing ${needle}`);
	return index + 1;
}

/** A content pack as JSON text, one key per line (tabs), like the content editor writes. */
export function packJson(articlesJson: unknown[], id = 'practice'): string {
	return JSON.stringify(
		{
			format: 'slant-pack/1',
			id,
			title: 'Practice',
			description: 'Fixture',
			articles: articlesJson
		},
		null,
		'\t'
	);
}

/**
 * The opening of the council article in PTC format (one sentence a line) that the round-source
 * and review specs import: its title, a blank line, and four sentences, the third one labelled.
 */
export const COUNCIL_OPENING = [
	'Council approves the new harbour budget after a long debate.',
	'',
	'The council met on Monday evening to discuss the new budget for the coming year.',
	'Members heard a report from the finance officer about spending on roads and schools.',
	'The mayor said the greedy developers behind the tower would stop at nothing to win.',
	'Reporters asked the mayor how many homes the tower would provide for local families.'
];

/**
 * A PTC corpus of article 111 (`body`, and `labels`, its technique-classification lines) in a new
 * temp folder; returns the corpus folder to import.
 */
export function ptcArticle111(body: string, labels: string): string {
	const dir = writeFiles(tempDir(), {
		'corpus/article111.txt': body,
		'corpus/article111.task2-TC.labels': labels
	});
	return join(dir, 'corpus');
}

/** Puts SLANT_PUBLIC_SOURCES back as it was before each test of the calling spec. */
export function restorePublicSourcesAfterEach(): void {
	const saved = process.env.SLANT_PUBLIC_SOURCES;
	afterEach(() => {
		if (saved === undefined) delete process.env.SLANT_PUBLIC_SOURCES;
		else process.env.SLANT_PUBLIC_SOURCES = saved;
	});
}
