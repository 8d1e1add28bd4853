/**
 * npm run db:migrate
 *
 * Applies the committed migrations (migrations/) to the database at DATABASE_URL (default
 * data/slant.db) and says which ones it applied.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { databasePath, migrateDatabase, openDatabase, type Db } from '../src/lib/server/db/open';

interface JournalEntry {
	tag: string;
	when: number;
}

/** The migrations drizzle-kit generated, oldest first. */
function journal(): JournalEntry[] {
	const path = resolve(process.cwd(), 'migrations/meta/_journal.json');
	return (JSON.parse(readFileSync(path, 'utf8')) as { entries: JournalEntry[] }).entries;
}

/** Creation times of the migrations recorded as applied (none before the first migration). */
function appliedTimes(db: Db): Set<number> {
	const table = db.$client
		.prepare(
			"SELECT name FROM sqlite_master WHERE type = 'table' AND name = '__drizzle_migrations'"
		)
		.get();
	if (!table) return new Set();
	const rows = db.$client.prepare('SELECT created_at AS at FROM __drizzle_migrations').all() as {
		at: number;
	}[];
	return new Set(rows.map((r) => Number(r.at)));
}

function main(): number {
	const path = databasePath(process.env.DATABASE_URL);
	const db = openDatabase(path);
	try {
		const before = appliedTimes(db);
		migrateDatabase(db);
		const applied = journal().filter((m) => !before.has(m.when));
		if (applied.length === 0) console.log(`${path}: already up to date, nothing to apply`);
		else console.log(`${path}: applied ${applied.map((m) => m.tag).join(', ')}`);
		return 0;
	} finally {
		db.$client.close();
	}
}

process.exitCode = main();
