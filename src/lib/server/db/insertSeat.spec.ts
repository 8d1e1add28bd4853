import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { prepareSeatInsert } from './insertSeat';
import { openTestDatabaseWithGame } from './open';
import { players } from './schema';

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
		const db = openTestDatabaseWithGame('g');
		const row = prepareSeatInsert(db).run(seat);
		const stored = db.select().from(players).where(eq(players.id, 'p1')).get();
		expect(stored).toBeDefined();
		expect(row).toEqual(stored);
		// A row built with a default the table does not have would differ from the stored one.
		expect(Object.keys(row ?? {}).sort()).toEqual(Object.keys(stored ?? {}).sort());
	});

	it('gives null and stores nothing when the game has a seat with that nickname key', () => {
		const db = openTestDatabaseWithGame('g');
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
		const db = openTestDatabaseWithGame('g');
		expect(() => prepareSeatInsert(db).run({ ...seat, gameId: 'nope' })).toThrow(/FOREIGN KEY/);
		expect(db.select().from(players).all()).toEqual([]);
	});
});
