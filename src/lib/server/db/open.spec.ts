import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { databasePath, migrateDatabase, openDatabase, openTestDatabase } from './open';
import { syncTechniques } from '../content/techniques';
import { and, count, eq } from 'drizzle-orm';
import { articles, players, spans, teachers, techniques } from './schema';

const dir = mkdtempSync(join(tmpdir(), 'slant-db-'));
const teacher = (id: string) => ({ id, email: `${id}@example.test`, passwordHash: 'x' });
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('migrations on a fresh database', () => {
	it('create every table of the schema', () => {
		const db = openTestDatabase();
		const tables = db.$client
			.prepare(
				"select name from sqlite_master where type = 'table' and name not like '\\_%' escape '\\' and name not like 'sqlite%'"
			)
			.all()
			.map((r) => (r as { name: string }).name)
			.sort();
		expect(tables).toEqual(
			expect.arrayContaining([
				'answers',
				'articles',
				'clean_passages',
				'games',
				'leaderboard',
				'players',
				'spans',
				'techniques'
			])
		);
	});

	it('can be applied twice without harm', () => {
		const db = openTestDatabase();
		expect(() => migrateDatabase(db)).not.toThrow();
	});

	it('turn foreign keys on, so a span cannot point at a missing article', () => {
		const db = openTestDatabase();
		syncTechniques(db);
		expect(db.$client.pragma('foreign_keys', { simple: true })).toBe(1);
		expect(() =>
			db
				.insert(spans)
				.values({ articleId: 'nope', techniqueId: 'doubt', start: 0, end: 1, labelledBy: 'editor' })
				.run()
		).toThrow(/FOREIGN KEY/);
	});

	it('use WAL mode for a database file', () => {
		const db = openDatabase(join(dir, 'wal.db'));
		expect(db.$client.pragma('journal_mode', { simple: true })).toBe('wal');
		db.$client.close();
	});

	it('keep an article body exactly as given, non-BMP characters included', () => {
		const db = openTestDatabase();
		const body = 'Héllo\u00a0“world” 😀\n𝒳';
		db.insert(articles)
			.values({ id: 'a', title: 't', body, contentHash: 'h', origin: 'pack' })
			.run();
		expect(db.select().from(articles).get()?.body).toBe(body);
	});

	it('write the 14 techniques, and writing them again changes nothing', () => {
		const db = openTestDatabase();
		syncTechniques(db);
		syncTechniques(db);
		expect(db.select().from(techniques).all()).toHaveLength(14);
	});
});

describe('the seats table', () => {
	it('has only the indexes a live seat needs, and its lookups still use one', () => {
		const db = openTestDatabase();
		const indexes = db.$client
			.prepare("select name, sql from sqlite_master where type = 'index' and tbl_name = 'players'")
			.all() as { name: string; sql: string | null }[];
		expect(indexes.map((i) => i.name).sort()).toEqual([
			'players_game_nickname',
			'players_resume',
			'players_token',
			'sqlite_autoindex_players_1'
		]);
		// A live seat has no resume code, so it adds no entry to the resume index.
		expect(indexes.find((i) => i.name === 'players_resume')?.sql).toMatch(/is not null/i);
		const plan = (query: { toSQL(): { sql: string; params: unknown[] } }) => {
			const { sql, params } = query.toSQL();
			return (
				db.$client.prepare(`explain query plan ${sql}`).all(...params) as { detail: string }[]
			)
				.map((row) => row.detail)
				.join('; ');
		};
		const byResume = db
			.select({ id: players.id })
			.from(players)
			.where(and(eq(players.gameId, 'g'), eq(players.resumeCodeHash, 'h')));
		expect(plan(byResume)).toMatch(/USING INDEX players_resume/);
		const seated = db
			.select({ n: count() })
			.from(players)
			.where(and(eq(players.gameId, 'g'), eq(players.removed, false)));
		expect(plan(seated)).toMatch(/USING INDEX players_game_nickname/);
	});
});

describe('transactions when several processes share the file', () => {
	/** Two connections to a new file, as two processes have; the second never waits for a lock. */
	function sharedFile(name: string) {
		const path = join(dir, name);
		const first = openDatabase(path);
		migrateDatabase(first);
		const second = openDatabase(path);
		// The other process gives up at once instead of waiting out busy_timeout.
		second.$client.pragma('busy_timeout = 0');
		return { first, second };
	}

	it('take the write lock at their start, so a read-then-write cannot be overtaken', () => {
		const { first, second } = sharedFile('shared.db');
		first.transaction((tx) => {
			expect(tx.select().from(teachers).all()).toHaveLength(0);
			expect(() => second.insert(teachers).values(teacher('other')).run()).toThrow(/locked/);
			tx.insert(teachers).values(teacher('first')).run();
		});
		second.insert(teachers).values(teacher('other')).run();
		expect(first.select({ id: teachers.id }).from(teachers).all()).toHaveLength(2);
		first.$client.close();
		second.$client.close();
	});

	it('take the write lock at their start also when the callback takes no transaction object', () => {
		const { first, second } = sharedFile('shared-no-tx.db');
		first.transaction(() => {
			expect(first.$client.inTransaction).toBe(true);
			expect(() => second.insert(teachers).values(teacher('other')).run()).toThrow(/locked/);
			first.insert(teachers).values(teacher('first')).run();
		});
		expect(first.$client.inTransaction).toBe(false);
		expect(second.select({ id: teachers.id }).from(teachers).all()).toEqual([{ id: 'first' }]);
		// A behaviour asked for is kept: a deferred transaction takes no lock until it writes.
		first.transaction(
			() => {
				expect(first.select().from(teachers).all()).toHaveLength(1);
				second.insert(teachers).values(teacher('other')).run();
			},
			{ behavior: 'deferred' }
		);
		expect(first.select().from(teachers).all()).toHaveLength(2);
		first.$client.close();
		second.$client.close();
	});
});

describe('transactions whose callback takes no transaction object', () => {
	it('commit what the callback wrote and return its value', () => {
		const db = openTestDatabase();
		const out = db.transaction(() => {
			db.insert(teachers).values(teacher('a')).run();
			return 'done';
		});
		expect(out).toBe('done');
		expect(db.select({ id: teachers.id }).from(teachers).all()).toEqual([{ id: 'a' }]);
	});

	it('write nothing when the callback throws, and pass the error on', () => {
		const db = openTestDatabase();
		expect(() =>
			db.transaction(() => {
				db.insert(teachers).values(teacher('a')).run();
				throw new Error('refused');
			})
		).toThrow('refused');
		expect(db.select().from(teachers).all()).toHaveLength(0);
		expect(db.$client.inTransaction).toBe(false);
	});

	it('nest as a savepoint: an inner failure caught outside undoes only the inner writes', () => {
		const db = openTestDatabase();
		db.transaction(() => {
			db.insert(teachers).values(teacher('outer')).run();
			expect(() =>
				db.transaction(() => {
					db.insert(teachers).values(teacher('inner')).run();
					throw new Error('inner refused');
				})
			).toThrow('inner refused');
			// A drizzle transaction object nests the same way inside it.
			db.transaction((tx) => {
				tx.insert(teachers).values(teacher('with-tx')).run();
			});
		});
		const ids = db
			.select({ id: teachers.id })
			.from(teachers)
			.all()
			.map((r) => r.id);
		expect(ids.sort()).toEqual(['outer', 'with-tx']);
	});
});

describe('the database path', () => {
	it('defaults to data/slant.db and accepts a file: prefix', () => {
		expect(databasePath(undefined)).toBe('data/slant.db');
		expect(databasePath('')).toBe('data/slant.db');
		expect(databasePath('file:/tmp/x.db')).toBe('/tmp/x.db');
		expect(databasePath('other.db')).toBe('other.db');
	});
});
