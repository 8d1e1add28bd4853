/**
 * Helpers for the content specs: a fresh database with the techniques, temporary folders of
 * fixture files, row counts, and catching an ImportError.
 */
import { refusalOf } from '../testRefusals';
import { count } from 'drizzle-orm';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
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

/** A new empty folder under the system temp folder. */
export function tempDir(): string {
	return mkdtempSync(join(tmpdir(), 'slant-content-'));
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
