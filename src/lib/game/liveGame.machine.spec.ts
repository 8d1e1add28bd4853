import { describe, expect, it, vi } from 'vitest';
import { createActor } from 'xstate';
import { useFakeClockAt } from './fakeClock';
import {
	isRoundOver,
	liveGameMachine,
	MACHINE_VERSION,
	type LiveGameInput
} from './liveGame.machine';

const T0 = new Date('2025-03-01T09:00:00Z').getTime();

function start(input: LiveGameInput = { questionCount: 2, limitMs: 20_000 }) {
	const actor = createActor(liveGameMachine, { input });
	actor.start();
	return actor;
}

/** A game after START at `now`, with `players` joined before it (none sent when absent). */
function afterStart({
	players,
	input,
	now = Date.now()
}: { players?: number; input?: LiveGameInput; now?: number } = {}) {
	const actor = start(input);
	if (players !== undefined) actor.send({ type: 'PLAYERS', count: players });
	actor.send({ type: 'START', now });
	return actor;
}

describe('the live game machine', () => {
	useFakeClockAt(T0);

	it('keeps the persisted shape its MACHINE_VERSION names (a new shape must bump the version)', () => {
		const s = start().getSnapshot();
		const shape = {
			version: MACHINE_VERSION,
			context: Object.keys(s.context).sort(),
			states: Object.keys(liveGameMachine.states).sort()
		};
		expect(shape).toEqual({
			version: 1,
			context: [
				'answered',
				'closeReason',
				'deadline',
				'index',
				'limitMs',
				'players',
				'questionCount',
				'startedAt',
				'version'
			],
			states: ['ended', 'leaderboard', 'lobby', 'podium', 'question', 'reveal']
		});
	});

	it('reads time only from its events: a CLOSE before the deadline by its `now` is refused', () => {
		const actor = afterStart({ players: 2, now: T0 });
		expect(actor.getSnapshot().context.deadline).toBe(T0 + 20_000);
		// The process clock says the time is long up; the event's clock says it is not.
		vi.setSystemTime(T0 + 60_000);
		actor.send({ type: 'CLOSE', now: T0 + 19_999 });
		expect(actor.getSnapshot().matches('question')).toBe(true);
		actor.send({ type: 'CLOSE', now: T0 + 20_000 });
		expect(actor.getSnapshot().matches('reveal')).toBe(true);
	});

	it('opens each question at the `now` of the event that opens it', () => {
		const actor = afterStart({ players: 2, now: T0 + 5_000 });
		expect(actor.getSnapshot().context).toMatchObject({
			startedAt: T0 + 5_000,
			deadline: T0 + 25_000
		});
		actor.send({ type: 'SKIP', now: T0 + 6_000 });
		actor.send({ type: 'SKIP', now: T0 + 7_000 });
		expect(actor.getSnapshot().context).toMatchObject({
			index: 1,
			startedAt: T0 + 7_000,
			deadline: T0 + 27_000
		});
	});

	it('starts in the lobby, joinable and waiting, before any question', () => {
		const actor = start();
		const s = actor.getSnapshot();
		expect(s.matches('lobby')).toBe(true);
		expect(s.hasTag('joinable')).toBe(true);
		expect(s.hasTag('waiting')).toBe(true);
		expect(s.context.index).toBe(-1);
	});

	it('counts players in any phase and bumps the version each time', () => {
		const actor = start();
		actor.send({ type: 'PLAYERS', count: 3 });
		expect(actor.getSnapshot().context.players).toBe(3);
		expect(actor.getSnapshot().context.version).toBe(1);
	});

	it('never moves the game on a join (PLAYERS one higher) in any phase that takes players', () => {
		// A join stores only its seat, with no transaction around it (LiveGames.join): it relies on
		// this step writing nothing, that is, on the phase and the question staying as they were.
		// The server counts only the answers of seated players, so `answered` never exceeds them.
		/** Games in every phase reachable with these counts: lobby, a question, reveal, leaderboard. */
		const games = (players: number, answered: number) => {
			const inQuestion = afterStart({ players, now: T0 });
			inQuestion.send({ type: 'ANSWERED', count: answered });
			const revealed = afterStart({ players, now: T0 });
			revealed.send({ type: 'SKIP', now: T0 });
			const ranked = afterStart({ players, now: T0 });
			ranked.send({ type: 'SKIP', now: T0 });
			ranked.send({ type: 'NEXT', now: T0 });
			return [start(), inQuestion, revealed, ranked];
		};
		const counts = [0, 1, 2, 3].flatMap((players) =>
			Array.from({ length: players + 1 }, (_, answered) => ({ players, answered }))
		);
		const reached = new Set<string>();
		for (const actor of counts.flatMap(({ players, answered }) => games(players, answered))) {
			const before = actor.getSnapshot();
			if (!before.hasTag('joinable')) continue;
			reached.add(String(before.value));
			actor.send({ type: 'PLAYERS', count: before.context.players + 1 });
			const after = actor.getSnapshot();
			expect(after.value).toBe(before.value);
			expect(after.context.index).toBe(before.context.index);
			expect(after.context.players).toBe(before.context.players + 1);
		}
		expect(reached).toEqual(new Set(['lobby', 'question', 'reveal', 'leaderboard']));
	});

	it('opens the first question on START with a deadline timestamp', () => {
		const actor = afterStart({ players: 2 });
		const s = actor.getSnapshot();
		expect(s.matches('question')).toBe(true);
		expect(s.hasTag('answering')).toBe(true);
		expect(s.context.index).toBe(0);
		expect(s.context.startedAt).toBe(T0);
		expect(s.context.deadline).toBe(T0 + 20_000);
	});

	it('refuses to start a game without questions', () => {
		const actor = afterStart({ input: { questionCount: 0, limitMs: 10_000 } });
		expect(actor.getSnapshot().matches('lobby')).toBe(true);
	});

	it('keeps the question open on CLOSE before the deadline', () => {
		const actor = afterStart({ players: 2 });
		vi.advanceTimersByTime(19_999);
		actor.send({ type: 'CLOSE', now: Date.now() });
		expect(actor.getSnapshot().matches('question')).toBe(true);
	});

	it('closes the question on CLOSE once the deadline has passed', () => {
		const actor = afterStart({ players: 2 });
		vi.advanceTimersByTime(20_000);
		actor.send({ type: 'CLOSE', now: Date.now() });
		const s = actor.getSnapshot();
		expect(s.matches('reveal')).toBe(true);
		expect(s.hasTag('showsAnswer')).toBe(true);
		expect(s.context.closeReason).toBe('time');
	});

	it('closes the question by itself when every player has answered', () => {
		const actor = afterStart({ players: 2 });
		actor.send({ type: 'ANSWERED', count: 1 });
		expect(actor.getSnapshot().matches('question')).toBe(true);
		actor.send({ type: 'ANSWERED', count: 2 });
		expect(actor.getSnapshot().matches('reveal')).toBe(true);
		expect(actor.getSnapshot().context.closeReason).toBe('all');
	});

	it('closes the question when a removed player was the last one missing', () => {
		const actor = afterStart({ players: 3 });
		actor.send({ type: 'ANSWERED', count: 2 });
		actor.send({ type: 'PLAYERS', count: 2 });
		expect(actor.getSnapshot().matches('reveal')).toBe(true);
	});

	it('lets the host close a question early with SKIP', () => {
		const actor = afterStart({ players: 2 });
		actor.send({ type: 'SKIP', now: Date.now() });
		expect(actor.getSnapshot().matches('reveal')).toBe(true);
		expect(actor.getSnapshot().context.closeReason).toBe('host');
	});

	it('never closes an untimed question on CLOSE, only when all answered or skipped', () => {
		const actor = afterStart({ players: 1, input: { questionCount: 1, limitMs: null } });
		expect(actor.getSnapshot().context.deadline).toBeNull();
		vi.advanceTimersByTime(3_600_000);
		actor.send({ type: 'CLOSE', now: Date.now() });
		expect(actor.getSnapshot().matches('question')).toBe(true);
		actor.send({ type: 'ANSWERED', count: 1 });
		expect(actor.getSnapshot().matches('reveal')).toBe(true);
	});

	it('goes reveal -> leaderboard -> next question with a fresh deadline', () => {
		const actor = afterStart({ players: 1 });
		actor.send({ type: 'ANSWERED', count: 1 });
		actor.send({ type: 'NEXT', now: Date.now() });
		const board = actor.getSnapshot();
		expect(board.matches('leaderboard')).toBe(true);
		expect(board.hasTag('showsRanking')).toBe(true);
		vi.advanceTimersByTime(5_000);
		actor.send({ type: 'NEXT', now: Date.now() });
		const s = actor.getSnapshot();
		expect(s.matches('question')).toBe(true);
		expect(s.context.index).toBe(1);
		expect(s.context.answered).toBe(0);
		expect(s.context.closeReason).toBeNull();
		expect(s.context.deadline).toBe(T0 + 5_000 + 20_000);
	});

	it('skips the leaderboard from the reveal with SKIP', () => {
		const actor = afterStart({ players: 1 });
		actor.send({ type: 'SKIP', now: Date.now() });
		actor.send({ type: 'SKIP', now: Date.now() });
		expect(actor.getSnapshot().matches('question')).toBe(true);
		expect(actor.getSnapshot().context.index).toBe(1);
	});

	it('reaches the podium after the last question, then ends', () => {
		const actor = afterStart({ players: 1, input: { questionCount: 1, limitMs: 10_000 } });
		actor.send({ type: 'ANSWERED', count: 1 });
		actor.send({ type: 'NEXT', now: Date.now() });
		actor.send({ type: 'NEXT', now: Date.now() });
		expect(actor.getSnapshot().matches('podium')).toBe(true);
		expect(actor.getSnapshot().hasTag('over')).toBe(true);
		actor.send({ type: 'NEXT', now: Date.now() });
		expect(actor.getSnapshot().matches('ended')).toBe(true);
		expect(actor.getSnapshot().status).toBe('done');
	});

	it('reaches the podium from the last reveal with SKIP', () => {
		const actor = afterStart({ input: { questionCount: 1, limitMs: 10_000 } });
		actor.send({ type: 'SKIP', now: Date.now() });
		actor.send({ type: 'SKIP', now: Date.now() });
		expect(actor.getSnapshot().matches('podium')).toBe(true);
	});

	it('reaches the podium with SKIP from the last leaderboard', () => {
		const actor = afterStart({ input: { questionCount: 1, limitMs: 10_000 } });
		actor.send({ type: 'SKIP', now: Date.now() });
		actor.send({ type: 'NEXT', now: Date.now() });
		actor.send({ type: 'SKIP', now: Date.now() });
		expect(actor.getSnapshot().matches('podium')).toBe(true);
	});

	it('ends a game from the lobby straight away', () => {
		const actor = start();
		actor.send({ type: 'END' });
		expect(actor.getSnapshot().matches('ended')).toBe(true);
	});

	it.each(['question', 'reveal', 'leaderboard'] as const)(
		'goes to the podium on END from %s',
		(phase) => {
			const actor = afterStart({ players: 1 });
			if (phase !== 'question') actor.send({ type: 'SKIP', now: Date.now() });
			if (phase === 'leaderboard') actor.send({ type: 'NEXT', now: Date.now() });
			expect(actor.getSnapshot().matches(phase)).toBe(true);
			actor.send({ type: 'END' });
			expect(actor.getSnapshot().matches('podium')).toBe(true);
		}
	);

	it('ignores events that do not apply to the phase, without bumping the version', () => {
		const actor = start();
		actor.send({ type: 'NEXT', now: Date.now() });
		actor.send({ type: 'ANSWERED', count: 4 });
		actor.send({ type: 'CLOSE', now: Date.now() });
		const s = actor.getSnapshot();
		expect(s.matches('lobby')).toBe(true);
		expect(s.context.version).toBe(0);
		expect(s.context.answered).toBe(0);
	});

	it('resumes from a persisted snapshot with its deadline and closes on time', () => {
		const actor = afterStart({ players: 2 });
		actor.send({ type: 'ANSWERED', count: 1 });
		const persisted = JSON.parse(JSON.stringify(actor.getPersistedSnapshot()));
		actor.stop();

		vi.advanceTimersByTime(10_000);
		const restored = createActor(liveGameMachine, {
			snapshot: persisted,
			input: { questionCount: 2, limitMs: 20_000 }
		});
		restored.start();
		const s = restored.getSnapshot();
		expect(s.matches('question')).toBe(true);
		expect(s.context.deadline).toBe(T0 + 20_000);
		expect(s.context.answered).toBe(1);
		restored.send({ type: 'CLOSE', now: Date.now() });
		expect(restored.getSnapshot().matches('question')).toBe(true);
		vi.advanceTimersByTime(10_000);
		restored.send({ type: 'CLOSE', now: Date.now() });
		expect(restored.getSnapshot().matches('reveal')).toBe(true);
	});
});

describe('round over, for reports', () => {
	it('is over once the last question has closed, before the host ends the game', () => {
		expect(isRoundOver('question', 2, 3)).toBe(false);
		expect(isRoundOver('reveal', 1, 3)).toBe(false);
		expect(isRoundOver('leaderboard', 1, 3)).toBe(false);
		expect(isRoundOver('reveal', 2, 3)).toBe(true);
		expect(isRoundOver('leaderboard', 2, 3)).toBe(true);
		expect(isRoundOver('podium', 0, 3)).toBe(true);
		expect(isRoundOver('ended', -1, 3)).toBe(true);
		expect(isRoundOver('lobby', -1, 3)).toBe(false);
	});
});
