import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { prepareAnswerInsert, type NewAnswer } from './insertAnswer';
import { openTestDatabaseWithGame } from './open';
import { answers, players } from './schema';

function seatedDb() {
	const db = openTestDatabaseWithGame('g');
	for (const id of ['p', 'q']) db.insert(players).values({ id, gameId: 'g', tokenHash: id }).run();
	return db;
}

const base = {
	gameId: 'g',
	itemKey: 'a1:29-42:name',
	kind: 'find',
	techniqueId: 'loaded-language',
	timeMs: 4321,
	createdAt: new Date('2025-03-01T09:00:00.123Z')
};

describe('storing an answer with the shared insert', () => {
	it('stores what Drizzle stores for the same answer, read back through Drizzle', () => {
		const db = seatedDb();
		const insert = prepareAnswerInsert(db);
		const cases: Omit<NewAnswer, 'playerId' | 'questionIndex'>[] = [
			{
				...base,
				requestId: 'r-🦊',
				// Any JSON the column holds round-trips, text outside the BMP included.
				response: { kind: 'find', start: 2, end: 5, note: '𝒞 “quoted”' } as never,
				confidence: 'unsure',
				correct: true,
				credit: 0.75,
				timedOut: false,
				points: 612
			},
			{
				...base,
				techniqueId: null,
				requestId: null,
				response: null,
				confidence: null,
				correct: false,
				credit: 0,
				timedOut: true,
				points: 0
			}
		];
		cases.forEach((answer, index) => {
			const ours = insert.run({ ...answer, playerId: 'p', questionIndex: index });
			expect(ours.changes).toBe(1);
			db.insert(answers)
				.values({ ...answer, playerId: 'q', questionIndex: index })
				.run();
			const read = (playerId: string) => {
				const row = db.select().from(answers).where(eq(answers.playerId, playerId)).all()[index];
				return { ...row, id: 0, playerId: '' };
			};
			expect(read('p')).toEqual(read('q'));
			expect(read('p').createdAt.getTime()).toBe(base.createdAt.getTime());
		});
		// The new row's id is what the insert gave.
		const first = db.select().from(answers).where(eq(answers.playerId, 'p')).all()[0];
		expect(first.id).toBeGreaterThan(0);
	});

	it('stores a missing response as NULL, not the JSON text null', () => {
		const db = seatedDb();
		prepareAnswerInsert(db).run({
			...base,
			playerId: 'p',
			questionIndex: 0,
			response: null,
			correct: false,
			credit: 0,
			timedOut: true,
			points: 0
		});
		const raw = db.$client.prepare('select response from answers').get() as { response: unknown };
		expect(raw.response).toBeNull();
	});
});
