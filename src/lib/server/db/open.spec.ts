import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { databasePath, migrateDatabase, openDatabase, openTestDatabase } from './open';
import { syncTechniques } from '../content/techniques';
import { articles, spans, teachers, techniques } from './schema';

const dir = mkdtempSync(join(tmpdir(), 'slant-db-'));
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

describe('transactions when several processes share the file', () => {
	it('take the write lock at their start, so a read-then-write cannot be overtaken', () => {
		const path = join(dir, 'shared.db');
		const first = openDatabase(path);
		migrateDatabase(first);
		const second = openDatabase(path);
		// The other process gives up at once instead of waiting out busy_timeout.
		second.$client.pragma('busy_timeout = 0');
		const teacher = (id: string) => ({ id, email: `${id}@example.test`, passwordHash: 'x' });
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
});

describe('the database path', () => {
	it('defaults to data/slant.db and accepts a file: prefix', () => {
		expect(databasePath(undefined)).toBe('data/slant.db');
		expect(databasePath('')).toBe('data/slant.db');
		expect(databasePath('file:/tmp/x.db')).toBe('/tmp/x.db');
		expect(databasePath('other.db')).toBe('other.db');
	});
});
