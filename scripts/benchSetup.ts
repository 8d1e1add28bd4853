/**
 * What the benchmark scripts share: where the PTC corpus is (PTC_DIR, by default
 * ../shared/data/ptc from the working directory; the corpus is never copied into the repository)
 * and a fresh database file to measure on, removed afterwards.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { ensureBundledContent } from '../src/lib/server/content';
import { syncTechniques } from '../src/lib/server/content/techniques';
import { migrateDatabase, openDatabase, type Db } from '../src/lib/server/db/open';

/** Where the PTC corpus is looked for. */
export const PTC_DIR = resolve(process.env.PTC_DIR ?? '../shared/data/ptc');

/** The PTC train set's articles and technique labels, as `npm run import` takes them. */
export const PTC_TRAIN = [join(PTC_DIR, 'articles/train'), join(PTC_DIR, 'labels/train-TC')];

/** Whether the PTC train set is there. */
export function hasPtcTrain(): boolean {
	return existsSync(PTC_TRAIN[0]);
}

/**
 * Runs `measure` on a fresh database file in a temporary folder (migrated, techniques synced, and
 * the bundled content unless `bundled` is false), then closes it and removes the folder.
 */
export function withBenchDatabase<T>(
	name: string,
	measure: (db: Db, dir: string) => T,
	{ bundled = true }: { bundled?: boolean } = {}
): T {
	const dir = mkdtempSync(join(tmpdir(), `slant-bench-${name}-`));
	const db = openDatabase(join(dir, 'bench.db'));
	try {
		migrateDatabase(db);
		syncTechniques(db);
		if (bundled) ensureBundledContent(db);
		return measure(db, dir);
	} finally {
		db.$client.close();
		rmSync(dir, { recursive: true, force: true });
	}
}
