import { and, eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { openTestDatabase, type Db } from '../src/lib/server/db/open';
import { answers, games, players } from '../src/lib/server/db/schema';
import { GRACE_MS } from '../src/lib/game/answering';
import { LiveGames } from '../src/lib/server/live/liveGames';
import { addTestTeacher } from '../src/lib/server/accounts/testTeachers';
import { fixtureConfig, fixtureQuestions, refusal } from './liveFixtures';

const T0 = new Date('2025-03-01T09:00:00Z').getTime();

let db: Db;
let live: LiveGames;
let owner: { id: string };

function setup(config = fixtureConfig()) {
	const created = live.create(config, {
		ownerId: owner.id,
		questions: fixtureQuestions(),
		seed: 'fixture'
	});
	const game = live.get(created.gameId);
	return { ...created, game };
}

function join(code: string, nickname: string) {
	return live.join(code, nickname);
}

const right = { kind: 'name', techniqueId: 'loaded-language' } as const;
const wrong = { kind: 'name', techniqueId: 'doubt' } as const;

beforeEach(() => {
	vi.useFakeTimers();
	vi.setSystemTime(T0);
	db = openTestDatabase();
	live = new LiveGames(db);
	owner = addTestTeacher(db);
});

afterEach(() => {
	live.dispose();
	db.$client.close();
	vi.useRealTimers();
});

describe('creating and joining a live game', () => {
	it('names a game without a title after its content and the day (1 Mar 2025)', () => {
		const { gameId } = setup();
		const row = db.select().from(games).where(eq(games.id, gameId)).get();
		expect(row?.title).toBe('Fixture article · 1 Mar');
	});

	it('stores the game with a 6-digit code, its owner and a persisted snapshot', () => {
		const { gameId, joinCode } = setup();
		expect(joinCode).toMatch(/^\d{6}$/);
		const row = db.select().from(games).where(eq(games.id, gameId)).get();
		expect(row?.mode).toBe('live');
		expect(row?.status).toBe('open');
		expect(row?.ownerId).toBe(owner.id);
		expect(row?.hostTokenHash).toBeNull();
		expect(row?.snapshot).toMatchObject({ value: 'lobby' });
	});

	it('seats players with normalised nicknames and counts them in the machine', () => {
		const { joinCode, game } = setup();
		const a = join(joinCode, '  Ada  ');
		expect(a.player.nickname).toBe('Ada');
		join(joinCode, 'Bob');
		expect(game.snapshot.context.players).toBe(2);
	});

	it('refuses a nickname already taken in the game, whatever its case, and writes nothing', () => {
		const { joinCode, gameId, game } = setup();
		join(joinCode, 'Ada');
		const e = refusal(() => join(joinCode, 'ADA'));
		expect(e.status).toBe(409);
		expect(e.code).toBe('nickname_taken');
		expect(e.message).toMatch(/already called “ADA”/);
		const seats = () => db.select().from(players).where(eq(players.gameId, gameId)).all();
		expect(seats().map((p) => p.nickname)).toEqual(['Ada']);
		expect(game.snapshot.context.players).toBe(1);
		// A removed seat keeps its nickname: the name cannot be taken over by someone else.
		const bob = join(joinCode, 'Bob');
		live.remove(game, bob.player.id);
		expect(refusal(() => join(joinCode, 'bob')).code).toBe('nickname_taken');
		expect(seats()).toHaveLength(2);
		// The same nickname is free in another game.
		const other = setup();
		expect(join(other.joinCode, 'Ada').player.nickname).toBe('Ada');
	});

	it('refuses an empty or too long nickname with a message', () => {
		const { joinCode } = setup();
		expect(refusal(() => join(joinCode, '   ')).status).toBe(400);
		expect(refusal(() => join(joinCode, 'x'.repeat(21))).message).toMatch(/at most 20/);
	});

	it('refuses an unknown code', () => {
		setup();
		const e = refusal(() => live.join('000000', 'Ada'));
		expect([400, 404]).toContain(e.status);
	});

	it('takes players up to the limit, removed ones not counted, also after a restart', () => {
		live.dispose();
		live = new LiveGames(db, { maxPlayers: 3 });
		const { joinCode, game } = setup();
		const seats = ['Ada', 'Bob', 'Cy'].map((n) => join(joinCode, n));
		expect(refusal(() => join(joinCode, 'Dee'))).toMatchObject({ status: 429, code: 'game_full' });
		live.remove(game, seats[1].player.id);
		join(joinCode, 'Dee');
		expect(refusal(() => join(joinCode, 'Eve')).code).toBe('game_full');
		// A restarted server counts the seats again from the players table.
		live.dispose();
		live = new LiveGames(db, { maxPlayers: 4 });
		live.restoreAll();
		join(joinCode, 'Eve');
		expect(refusal(() => join(joinCode, 'Fay')).code).toBe('game_full');
		const active = db
			.select()
			.from(players)
			.all()
			.filter((p) => !p.removed);
		expect(active).toHaveLength(4);
		expect(live.get(game.id).snapshot.context.players).toBe(4);
	});

	it('gives the same seat back to a device that holds the token', () => {
		const { joinCode } = setup();
		const first = join(joinCode, 'Ada');
		const again = live.join(joinCode, 'Someone else', first.token);
		expect(again.rejoined).toBe(true);
		expect(again.player.id).toBe(first.player.id);
		expect(again.player.nickname).toBe('Ada');
	});

	it('lets only the teacher who owns the game host it; anyone else is told it does not exist', () => {
		const { game } = setup();
		expect(() => live.authorizeHost(game, owner.id)).not.toThrow();
		const other = addTestTeacher(db);
		for (const someone of [other.id, undefined, '']) {
			const refused = refusal(() => live.authorizeHost(game, someone));
			expect(refused.status).toBe(404);
			expect(refused.code).toBe('game_not_found');
		}
	});
});

describe('answering a live question', () => {
	function started() {
		const s = setup();
		const ada = join(s.joinCode, 'Ada');
		const bob = join(s.joinCode, 'Bob');
		live.command(s.game, 'start');
		return { ...s, ada, bob };
	}

	it('accepts one answer and refuses a second with 409', () => {
		const { game, ada } = started();
		const receipt = live.answer(game, ada.token, {
			questionIndex: 0,
			requestId: 'r1',
			response: right
		});
		expect(receipt).toEqual({ accepted: true, questionIndex: 0, requestId: 'r1', replayed: false });
		const e = refusal(() =>
			live.answer(game, ada.token, { questionIndex: 0, requestId: 'r2', response: wrong })
		);
		expect(e.status).toBe(409);
		expect(e.code).toBe('already_answered');
		const rows = db.select().from(answers).where(eq(answers.playerId, ada.player.id)).all();
		expect(rows).toHaveLength(1);
		expect(rows[0].correct).toBe(true);
	});

	it('remembers the hash of seated tokens only, so made-up tokens cost no memory', () => {
		const { game, ada, bob } = started();
		for (let i = 0; i < 50; i++) {
			const e = refusal(() =>
				live.answer(game, `made-up-${i}`, { questionIndex: 0, requestId: `x${i}`, response: right })
			);
			expect(e.status).toBe(401);
		}
		live.answer(game, ada.token, { questionIndex: 0, requestId: 'a', response: right });
		// Looking up a seated token remembers its hash; made-up ones were never remembered.
		expect(live.playerByToken(game, bob.token)?.id).toBe(bob.player.id);
		expect(live.playerByToken(game, ada.token)?.id).toBe(ada.player.id);
		expect([...(game.tokenHashes?.keys() ?? [])].sort()).toEqual([ada.token, bob.token].sort());
	});

	it('answers a retried request with the same id the same way and stores it once', () => {
		const { game, ada } = started();
		const body = { questionIndex: 0, requestId: 'same', response: right };
		const first = live.answer(game, ada.token, body);
		const second = live.answer(game, ada.token, body);
		expect(second).toEqual({ ...first, replayed: true });
		expect(db.select().from(answers).where(eq(answers.playerId, ada.player.id)).all()).toHaveLength(
			1
		);
	});

	it('refuses malformed and out-of-range answers with 400 and writes nothing', () => {
		const { game, ada } = started();
		const bodies: unknown[] = [
			null,
			'x',
			{ questionIndex: 0, requestId: 'a', response: { kind: 'name', techniqueId: 'nope' } },
			{ questionIndex: 0, requestId: 'b', response: { kind: 'name', techniqueId: 'fear' } },
			{ questionIndex: 0, requestId: 'c', response: { kind: 'judge', loaded: true } },
			{ questionIndex: -1, requestId: 'd', response: right },
			{ questionIndex: 0, requestId: '', response: right },
			{ questionIndex: 0, requestId: 'e', response: { kind: 'find', range: [5, 99999] } }
		];
		for (const body of bodies) {
			const e = refusal(() => live.answer(game, ada.token, body));
			expect(e.status, JSON.stringify(body)).toBe(400);
		}
		expect(db.select().from(answers).all()).toHaveLength(0);
	});

	it('refuses an answer without a seat, and one from a removed player', () => {
		const { game, ada } = started();
		expect(
			refusal(() =>
				live.answer(game, 'forged', { questionIndex: 0, requestId: 'x', response: right })
			).status
		).toBe(401);
		live.remove(game, ada.player.id);
		const e = refusal(() =>
			live.answer(game, ada.token, { questionIndex: 0, requestId: 'x', response: right })
		);
		expect(e.status).toBe(403);
		expect(e.code).toBe('removed');
	});

	it('refuses an answer after the deadline and its grace period', () => {
		const { game, ada } = started();
		vi.advanceTimersByTime(20_000 + GRACE_MS + 1);
		const e = refusal(() =>
			live.answer(game, ada.token, { questionIndex: 0, requestId: 'late', response: right })
		);
		expect(e.status).toBe(409);
		expect(live.phase(game)).toBe('reveal');
		const mine = db.select().from(answers).where(eq(answers.playerId, ada.player.id)).get();
		expect(mine?.timedOut).toBe(true);
		expect(mine?.points).toBe(0);
	});

	it('accepts an answer within the grace period after the deadline', () => {
		const { game, ada } = started();
		vi.setSystemTime(T0 + 20_000 + GRACE_MS - 10);
		expect(
			live.answer(game, ada.token, { questionIndex: 0, requestId: 'g', response: right }).accepted
		).toBe(true);
	});

	it('closes the question when the deadline timer fires', () => {
		const { game } = started();
		vi.advanceTimersByTime(20_000 + GRACE_MS);
		expect(live.phase(game)).toBe('reveal');
		expect(game.snapshot.context.closeReason).toBe('time');
	});

	it('closes the question as soon as every player has answered', () => {
		const { game, ada, bob } = started();
		live.answer(game, ada.token, { questionIndex: 0, requestId: 'a', response: right });
		expect(live.phase(game)).toBe('question');
		live.answer(game, bob.token, { questionIndex: 0, requestId: 'b', response: wrong });
		expect(live.phase(game)).toBe('reveal');
		const row = db.select().from(games).where(eq(games.id, game.id)).get();
		expect(row?.snapshot).toMatchObject({ value: 'reveal' });
	});

	it('closes the question when the only player missing is removed', () => {
		const { game, ada, bob } = started();
		live.answer(game, ada.token, { questionIndex: 0, requestId: 'a', response: right });
		live.remove(game, bob.player.id);
		expect(live.phase(game)).toBe('reveal');
	});

	it('adds points, correct answers and streaks to the players when the question closes', () => {
		const { game, ada, bob } = started();
		vi.advanceTimersByTime(5_000);
		live.answer(game, ada.token, { questionIndex: 0, requestId: 'a', response: right });
		const adaBefore = db.select().from(players).where(eq(players.id, ada.player.id)).get();
		expect(adaBefore?.score).toBe(0);
		live.answer(game, bob.token, { questionIndex: 0, requestId: 'b', response: wrong });
		const stored = db
			.select()
			.from(answers)
			.where(and(eq(answers.playerId, ada.player.id), eq(answers.questionIndex, 0)))
			.get();
		// Kahoot's formula: 5 s of 20 s gives 1 - 0.25 / 2 of the points.
		expect(stored?.points).toBe(Math.round((1 - 5 / 20 / 2) * 1000));
		const adaAfter = db.select().from(players).where(eq(players.id, ada.player.id)).get();
		const bobAfter = db.select().from(players).where(eq(players.id, bob.player.id)).get();
		expect(adaAfter).toMatchObject({ score: stored?.points, correctCount: 1, streak: 1 });
		expect(bobAfter).toMatchObject({ score: 0, correctCount: 0, streak: 0 });
	});

	it('keeps each seat’s totals over questions: streaks, answered counts, timed-out answers', () => {
		const s = setup();
		const [ada, bob, cy, dee] = ['Ada', 'Bob', 'Cy', 'Dee'].map((n) => join(s.joinCode, n));
		const seat = (p: typeof ada) =>
			db.select().from(players).where(eq(players.id, p.player.id)).get();
		const answerOf = (p: typeof ada, index: number) =>
			db
				.select()
				.from(answers)
				.where(and(eq(answers.playerId, p.player.id), eq(answers.questionIndex, index)))
				.get();
		live.command(s.game, 'start');
		// Question 0: Ada and Dee right, Bob wrong, Cy silent.
		live.answer(s.game, ada.token, { questionIndex: 0, requestId: 'a0', response: right });
		live.answer(s.game, bob.token, { questionIndex: 0, requestId: 'b0', response: wrong });
		live.answer(s.game, dee.token, { questionIndex: 0, requestId: 'd0', response: right });
		vi.advanceTimersByTime(20_000 + GRACE_MS);
		expect(live.phase(s.game)).toBe('reveal');
		expect(answerOf(cy, 0)).toMatchObject({
			requestId: null,
			response: null,
			correct: false,
			timedOut: true,
			points: 0,
			timeMs: 20_000,
			itemKey: 'fixture:name',
			kind: 'name',
			techniqueId: 'loaded-language'
		});
		expect(seat(ada)).toMatchObject({ correctCount: 1, answeredCount: 1, streak: 1 });
		expect(seat(bob)).toMatchObject({ correctCount: 0, answeredCount: 1, streak: 0 });
		expect(seat(cy)).toMatchObject({ score: 0, correctCount: 0, answeredCount: 0, streak: 0 });
		// Question 1 (straight passage): Ada and Bob right, Dee wrong and then removed, Cy silent.
		live.command(s.game, 'next');
		live.command(s.game, 'next');
		const straight = { kind: 'judge', loaded: false } as const;
		live.answer(s.game, ada.token, { questionIndex: 1, requestId: 'a1', response: straight });
		live.answer(s.game, bob.token, { questionIndex: 1, requestId: 'b1', response: straight });
		live.answer(s.game, dee.token, {
			questionIndex: 1,
			requestId: 'd1',
			response: { kind: 'judge', loaded: true }
		});
		live.remove(s.game, dee.player.id);
		live.command(s.game, 'skip');
		expect(seat(ada)).toMatchObject({ correctCount: 2, answeredCount: 2, streak: 2 });
		expect(seat(bob)).toMatchObject({ correctCount: 1, answeredCount: 2, streak: 1 });
		// A removed player's answer still counts; Cy times out again.
		expect(seat(dee)).toMatchObject({ correctCount: 1, answeredCount: 2, streak: 0 });
		expect(answerOf(cy, 1)).toMatchObject({ timedOut: true, kind: 'judge', techniqueId: null });
		// Question 2: only Bob answers, wrongly; Ada's streak breaks on the missed question, and the
		// removed player gets no timed-out answer.
		live.command(s.game, 'next');
		live.command(s.game, 'next');
		live.answer(s.game, bob.token, {
			questionIndex: 2,
			requestId: 'b2',
			response: { kind: 'find', range: [8, 9] }
		});
		live.command(s.game, 'skip');
		expect(seat(ada)).toMatchObject({ correctCount: 2, answeredCount: 2, streak: 0 });
		expect(seat(bob)).toMatchObject({ answeredCount: 3, streak: 0 });
		expect(answerOf(dee, 2)).toBeUndefined();
		expect(answerOf(ada, 2)).toMatchObject({ timedOut: true, points: 0 });
		// Every seat's score is the sum of its answers' points.
		for (const p of [ada, bob, cy, dee]) {
			const points = db
				.select()
				.from(answers)
				.where(eq(answers.playerId, p.player.id))
				.all()
				.reduce((sum, a) => sum + a.points, 0);
			expect(seat(p)?.score).toBe(points);
		}
		expect(seat(ada)?.score).toBeGreaterThan(seat(bob)?.score ?? 0);
	});

	it('scores accuracy-only games without speed', () => {
		const s = setup(fixtureConfig({ scoring: 'accuracy', streaks: false }));
		const ada = join(s.joinCode, 'Ada');
		live.command(s.game, 'start');
		vi.advanceTimersByTime(15_000);
		live.answer(s.game, ada.token, { questionIndex: 0, requestId: 'a', response: right });
		expect(db.select().from(players).where(eq(players.id, ada.player.id)).get()?.score).toBe(1000);
	});

	it('refuses answers to a question that is not the current one', () => {
		const { game, ada } = started();
		const e = refusal(() =>
			live.answer(game, ada.token, {
				questionIndex: 1,
				requestId: 'x',
				response: { kind: 'judge', loaded: true }
			})
		);
		expect(e.status).toBe(409);
	});

	it('plays a whole game to the podium with ranks from the database', () => {
		const { game, ada, bob } = started();
		live.answer(game, ada.token, { questionIndex: 0, requestId: 'a0', response: right });
		live.answer(game, bob.token, { questionIndex: 0, requestId: 'b0', response: wrong });
		live.command(game, 'next'); // leaderboard
		expect(live.playerView(game, ada.player.id).leaderboard?.[0]).toMatchObject({
			nickname: 'Ada',
			rank: 1
		});
		live.command(game, 'next'); // question 1
		live.answer(game, ada.token, {
			questionIndex: 1,
			requestId: 'a1',
			response: { kind: 'judge', loaded: false }
		});
		live.answer(game, bob.token, {
			questionIndex: 1,
			requestId: 'b1',
			response: { kind: 'judge', loaded: false }
		});
		live.command(game, 'skip'); // over the leaderboard to question 2
		live.answer(game, ada.token, {
			questionIndex: 2,
			requestId: 'a2',
			response: { kind: 'find', range: [0, 7] }
		});
		vi.advanceTimersByTime(20_000 + GRACE_MS);
		expect(live.phase(game)).toBe('reveal');
		live.command(game, 'next');
		live.command(game, 'next');
		expect(live.phase(game)).toBe('podium');
		const view = live.playerView(game, bob.player.id);
		expect(view.me.rank).toBe(2);
		expect(view.leaderboard?.map((r) => r.nickname)).toEqual(['Ada', 'Bob']);
		const adaRow = db.select().from(players).where(eq(players.id, ada.player.id)).get();
		expect(adaRow?.correctCount).toBe(3);
		expect(adaRow?.score).toBe(view.leaderboard?.[0].score);
		live.command(game, 'end');
		expect(db.select().from(games).where(eq(games.id, game.id)).get()?.status).toBe('ended');
	});

	it('refuses a host command the phase does not allow', () => {
		const { game } = setup();
		expect(refusal(() => live.command(game, 'next')).status).toBe(409);
	});
});

describe('restoring live games', () => {
	it('resumes a game mid-question from the database with its deadline and answers', () => {
		const s = setup();
		const ada = join(s.joinCode, 'Ada');
		const bob = join(s.joinCode, 'Bob');
		live.command(s.game, 'start');
		live.answer(s.game, ada.token, { questionIndex: 0, requestId: 'a', response: right });
		live.dispose();

		vi.advanceTimersByTime(3_000);
		live = new LiveGames(db);
		expect(live.restoreAll()).toBe(1);
		const game = live.get(s.gameId);
		expect(live.phase(game)).toBe('question');
		expect(game.snapshot.context.deadline).toBe(T0 + 20_000);
		expect(game.snapshot.context.answered).toBe(1);
		live.answer(game, bob.token, { questionIndex: 0, requestId: 'b', response: right });
		expect(live.phase(game)).toBe('reveal');
		expect(db.select().from(players).where(eq(players.id, ada.player.id)).get()?.correctCount).toBe(
			1
		);
	});

	it('closes a restored question whose deadline passed while the server was down', () => {
		const s = setup();
		join(s.joinCode, 'Ada');
		live.command(s.game, 'start');
		live.dispose();
		vi.advanceTimersByTime(60_000);
		live = new LiveGames(db);
		live.restoreAll();
		expect(live.phase(live.get(s.gameId))).toBe('reveal');
	});
});
