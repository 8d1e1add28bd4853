/**
 * Opening and migrating a Slant database. Free of `$env` so that scripts (import, export,
 * migrate, benchmarks) and tests can use it outside SvelteKit.
 */
import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { RoundConfig } from '../../game/types';
import * as schema from './schema';

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

/** Where the database lives when DATABASE_URL is not set. */
export const DEFAULT_DATABASE_PATH = 'data/slant.db';

/** Resolves a DATABASE_URL value (a file path, optionally prefixed with `file:`) to a path. */
export function databasePath(url: string | undefined): string {
	const value = url && url.trim() !== '' ? url.trim() : DEFAULT_DATABASE_PATH;
	return value.startsWith('file:') ? value.slice('file:'.length) : value;
}

/**
 * Opens (creating if needed) the SQLite database at `path`, or an in-memory one for ':memory:',
 * with foreign keys on and WAL mode.
 */
export function openDatabase(path: string): Db {
	if (path !== ':memory:') mkdirSync(dirname(resolve(path)), { recursive: true });
	const sqlite = new Database(path);
	sqlite.pragma('journal_mode = WAL');
	sqlite.pragma('synchronous = NORMAL');
	sqlite.pragma('foreign_keys = ON');
	sqlite.pragma('busy_timeout = 5000');
	const db = drizzle(sqlite, { schema }) as Db;
	// Several processes write to one file (the server's workers, `npm run import`). A transaction
	// begun as a reader that writes after another process has written fails at once with
	// SQLITE_BUSY (busy_timeout cannot help it): taking the write lock at BEGIN waits instead.
	//
	// A callback that takes no transaction object (the live game's joins, answers and steps, which
	// run on every player's request) goes straight to one better-sqlite3 transaction function made
	// here, once: drizzle's own builds a transaction object and a new better-sqlite3 wrapper for
	// each call. Both begin, commit, roll back and nest (as a savepoint) the same way. "Takes" is
	// the callback's declared parameters (`fn.length`): write `(tx) => ...` to get the object.
	const drizzleTransaction = db.transaction.bind(db);
	const native = sqlite.transaction((fn: () => unknown) => fn());
	db.transaction = ((fn, config) => {
		const behavior = config?.behavior ?? 'immediate';
		if (fn.length > 0) return drizzleTransaction(fn, { ...config, behavior });
		return native[behavior](fn as () => unknown);
	}) as Db['transaction'];
	return db;
}

/** Applies the committed drizzle-kit migrations. Idempotent. */
export function migrateDatabase(db: Db, migrationsFolder = resolve(process.cwd(), 'migrations')) {
	migrate(db, { migrationsFolder });
}

/** A fresh in-memory database with every migration applied: for tests. */
export function openTestDatabase(): Db {
	const db = openDatabase(':memory:');
	migrateDatabase(db);
	return db;
}

export { schema };

/** A round configuration for test rows of `games` whose settings do not matter. */
export const TEST_ROUND_CONFIG: RoundConfig = {
	articleId: null,
	families: [],
	count: 1,
	secondsPerQuestion: null,
	scoring: 'accuracy',
	streaks: false,
	focusTechniques: []
};

/** A fresh in-memory test database (see `openTestDatabase`) holding one open live game, `gameId`. */
export function openTestDatabaseWithGame(gameId = 'g'): Db {
	const db = openTestDatabase();
	db.insert(schema.games)
		.values({
			id: gameId,
			mode: 'live',
			config: TEST_ROUND_CONFIG,
			seed: 's',
			questions: [],
			status: 'open'
		})
		.run();
	return db;
}
