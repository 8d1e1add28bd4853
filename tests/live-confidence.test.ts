import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { addTestTeacher } from '../src/lib/server/accounts/testTeachers';
import { openTestDatabase, type Db } from '../src/lib/server/db/open';
import { answers } from '../src/lib/server/db/schema';
import { LiveGames } from '../src/lib/server/live/liveGames';
import { loadResults } from '../src/lib/server/results/results';
import { fixtureConfig, fixtureQuestions } from './liveFixtures';

let db: Db;
let live: LiveGames;

beforeEach(() => {
	vi.useFakeTimers();
	vi.setSystemTime(new Date('2025-03-01T09:00:00Z'));
	db = openTestDatabase();
	live = new LiveGames(db);
});

afterEach(() => {
	live.dispose();
	db.$client.close();
	vi.useRealTimers();
});

function play(askConfidence: boolean) {
	const created = live.create(fixtureConfig({ askConfidence }), {
		ownerId: addTestTeacher(db).id,
		questions: fixtureQuestions(),
		seed: 'fixture'
	});
	const game = live.get(created.gameId);
	const ada = live.join(created.joinCode, 'Ada');
	const bob = live.join(created.joinCode, 'Bob');
	live.command(game, 'start');
	live.answer(game, ada.token, {
		questionIndex: 0,
		requestId: 'a',
		response: { kind: 'name', techniqueId: 'loaded-language' },
		confidence: 'sure'
	});
	live.answer(game, bob.token, {
		questionIndex: 0,
		requestId: 'b',
		response: { kind: 'name', techniqueId: 'doubt' },
		confidence: 'unsure'
	});
	return { game, gameId: created.gameId, ada, bob };
}

describe('confidence ratings in a live game', () => {
	it('are stored with the answers when the host asked for them, and the report shows calibration', () => {
		const { gameId, game, ada } = play(true);
		expect(live.playerView(game, ada.player.id).game.askConfidence).toBe(true);
		const rows = db.select().from(answers).where(eq(answers.gameId, gameId)).all();
		expect(rows.map((r) => [r.correct, r.confidence]).sort()).toEqual([
			[false, 'unsure'],
			[true, 'sure']
		]);
		const c = loadResults(db, gameId).calibration!;
		expect([c.sure.accuracy, c.unsure.accuracy, c.resolution]).toEqual([1, 0, 1]);
	});

	it('are not stored when the host did not ask for them', () => {
		const { gameId } = play(false);
		const rows = db.select().from(answers).where(eq(answers.gameId, gameId)).all();
		expect(rows.map((r) => r.confidence)).toEqual([null, null]);
	});

	it('refuse a rating that is neither sure nor not sure', () => {
		const created = live.create(fixtureConfig({ askConfidence: true }), {
			ownerId: addTestTeacher(db).id,
			questions: fixtureQuestions(),
			seed: 'fixture'
		});
		const game = live.get(created.gameId);
		const ada = live.join(created.joinCode, 'Ada');
		live.command(game, 'start');
		expect(() =>
			live.answer(game, ada.token, {
				questionIndex: 0,
				requestId: 'a',
				response: { kind: 'name', techniqueId: 'loaded-language' },
				confidence: 'very'
			})
		).toThrow(/malformed/);
		expect(db.select().from(answers).all()).toHaveLength(0);
	});
});
