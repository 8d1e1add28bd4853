/**
 * Bundled content: the packs under the repo's content/ folder, loaded into an empty database at
 * start-up so a fresh install has something to play.
 */
import { count } from 'drizzle-orm';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Db } from '../db/open';
import { articles } from '../db/schema';
import { importContent } from './importContent';
import { readPackFile, type PackContent } from './pack';
import { isPackFile, listFiles } from './sources';
import type { ImportSummary } from './summary';

/** The repo's content folder, resolved against the working directory. */
export function contentRoot(): string {
	return resolve(process.cwd(), 'content');
}

/** Paths of every `*.pack.json` under `root` (default: content/), sorted; none if it is missing. */
export function findContentPacks(root = contentRoot()): string[] {
	if (!existsSync(root)) return [];
	return listFiles(root).filter((path) => isPackFile(path));
}

/** Reads and checks every bundled pack without a database (for tests and tools). */
export function loadContentPacks(root = contentRoot()): PackContent[] {
	return findContentPacks(root).map((file) => readPackFile(file, 'bundled'));
}

/**
 * When the articles table is empty, imports every bundled pack (origin 'bundled'). Returns the
 * import summary, or null when there was nothing to do. Techniques must be synced first.
 */
export function ensureBundledContent(db: Db, root = contentRoot()): ImportSummary | null {
	const { n } = db.select({ n: count() }).from(articles).get() ?? { n: 0 };
	if (n > 0) return null;
	const packs = findContentPacks(root);
	if (packs.length === 0) return null;
	return importContent(db, packs, { origin: 'bundled' });
}
