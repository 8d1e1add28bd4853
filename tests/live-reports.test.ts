import { eq } from 'drizzle-orm';
import { describe, expect, it, vi } from 'vitest';
import { addTestTeacher } from '../src/lib/server/accounts/testTeachers';
import type { Db } from '../src/lib/server/db/open';
import { answers } from '../src/lib/server/db/schema';
import { GRACE_MS } from '../src/lib/game/answering';
import type { LiveGames } from '../src/lib/server/live/liveGames';
import { loadResults, loadStudentReport } from '../src/lib/server/results/results';
import { fixtureConfig, fixtureQuestions, freshLiveGamesPerTest } from './liveFixtures';

let db: Db;
let live: LiveGames;
freshLiveGamesPerTest((fresh) => ({ db, live } = fresh), {
	frozenAt: new Date('2025-03-01T09:00:00Z')
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

describe('the live reveal and the results page', () => {
	it('show the same answer distribution, from one function', () => {
		const { game, gameId } = play(false);
		// Both players answered, so the question is revealed.
		const reveal = live.hostView(game).reveal!;
		expect(reveal.index).toBe(0);
		expect(reveal.distribution).toEqual(loadResults(db, gameId).questions[0].distribution);
		const q = fixtureQuestions()[0];
		expect(q.kind).toBe('name');
		const chosen = ['loaded-language', 'doubt'];
		expect(reveal.distribution.map((b) => [b.key, b.count])).toEqual([
			...(q.kind === 'name' ? q.choices : []).map((c) => [c, chosen.includes(c) ? 1 : 0]),
			['no-answer', 0]
		]);
	});

	it('say finished once the last question has closed, before the host ends the game', () => {
		const { game, gameId } = play(false);
		const count = fixtureQuestions().length;
		for (let i = 1; i < count; i++) {
			live.command(game, 'next'); // leaderboard
			live.command(game, 'next'); // the next question
			expect(loadResults(db, gameId).game.status).toBe('running');
			live.command(game, 'skip'); // closed: its reveal
		}
		expect(live.hostView(game).phase).toBe('reveal');
		const results = loadResults(db, gameId);
		expect([results.game.status, results.game.statusLabel]).toEqual(['finished', 'Finished']);
		expect(results.players.map((p) => [p.finished, p.reached])).toEqual([
			[true, count],
			[true, count]
		]);
	});
});

describe('a question without an answer, in the report', () => {
	it('says the teacher closed it when the host closed it early, and time ran out otherwise', () => {
		const { game, gameId, ada, bob } = play(false);
		// Question 1: both answered. Question 2: the host closes it before Bob answers.
		live.command(game, 'next');
		live.command(game, 'next');
		live.answer(game, ada.token, {
			questionIndex: 1,
			requestId: 'a2',
			response: { kind: 'judge', loaded: false }
		});
		live.command(game, 'skip');
		live.command(game, 'next');
		live.command(game, 'next');
		// Question 3: nobody answers before the 20 s run out.
		vi.advanceTimersByTime(20_000 + GRACE_MS + 1);
		const chosen = loadStudentReport(db, gameId, bob.player.id).answers.map((a) => a.chosen);
		expect(chosen.slice(1)).toEqual([
			'No answer (closed by the teacher)',
			'No answer (time ran out)'
		]);
	});
});
