import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { prepareSeatInsert } from './insertSeat';
import { openTestDatabase, TEST_ROUND_CONFIG } from './open';
import { games, players } from './schema';

function gameDb() {
	const db = openTestDatabase();
	db.insert(games)
		.values({
			id: 'g',
			mode: 'live',
			config: TEST_ROUND_CONFIG,
			seed: 's',
			questions: [],
			status: 'open'
		})
		.run();
	return db;
}

const seat = {
	id: 'p1',
	gameId: 'g',
	nickname: 'Ada 🦊',
	nicknameKey: 'ada 🦊',
	tokenHash: 'hash-1',
	joinedAt: new Date('2025-03-01T09:00:00.123Z')
};

describe('seating a live player with the shared insert', () => {
	it('gives the row Drizzle reads back, every default included', () => {
		const db = gameDb();
		const row = prepareSeatInsert(db).run(seat);
		const stored = db.select().from(players).where(eq(players.id, 'p1')).get();
		expect(stored).toBeDefined();
		expect(row).toEqual(stored);
		// A row built with a default the table does not have would differ from the stored one.
		expect(Object.keys(row ?? {}).sort()).toEqual(Object.keys(stored ?? {}).sort());
	});

	it('gives null and stores nothing when the game has a seat with that nickname key', () => {
		const db = gameDb();
		const insert = prepareSeatInsert(db);
		expect(insert.run(seat)).not.toBeNull();
		expect(insert.run({ ...seat, id: 'p2', nickname: 'ADA 🦊', tokenHash: 'hash-2' })).toBeNull();
		expect(
			db
				.select()
				.from(players)
				.all()
				.map((p) => p.id)
		).toEqual(['p1']);
	});

	it('refuses a seat in a game that does not exist (the foreign key), storing nothing', () => {
		const db = gameDb();
		expect(() => prepareSeatInsert(db).run({ ...seat, gameId: 'nope' })).toThrow(/FOREIGN KEY/);
		expect(db.select().from(players).all()).toEqual([]);
	});
});
