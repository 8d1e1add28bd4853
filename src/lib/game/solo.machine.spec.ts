import { describe, expect, it, vi } from 'vitest';
import { createActor } from 'xstate';
import { useFakeClockAt } from './fakeClock';
import {
	MACHINE_VERSION,
	correctCount,
	isPastDeadline,
	soloMachine,
	timeLeft,
	type SoloResult
} from './solo.machine';

const T0 = 1_700_000_000_000;
const right = (points = 900, streak = 1): SoloResult => ({
	correct: true,
	credit: 1,
	points,
	timedOut: false,
	streak
});
const wrong: SoloResult = { correct: false, credit: 0, points: 0, timedOut: false, streak: 0 };

function start(questionCount = 3, secondsPerQuestion: number | null = 20) {
	const actor = createActor(soloMachine, { input: { questionCount, secondsPerQuestion } });
	actor.start();
	return actor;
}

/** A game of `questionCount` questions whose first question was opened at T0. */
function started(questionCount = 3, secondsPerQuestion: number | null = 20) {
	const actor = start(questionCount, secondsPerQuestion);
	actor.send({ type: 'START', now: T0 });
	return actor;
}

describe('solo game machine', () => {
	useFakeClockAt(T0);

	it('has a version to store beside persisted snapshots', () => {
		expect(Number.isInteger(MACHINE_VERSION)).toBe(true);
	});

	it('keeps the persisted shape its MACHINE_VERSION names (a new shape must bump the version)', () => {
		const s = start().getSnapshot();
		expect({
			version: MACHINE_VERSION,
			context: Object.keys(s.context).sort(),
			states: Object.keys(soloMachine.states).sort()
		}).toEqual({
			version: 1,
			context: [
				'deadline',
				'index',
				'limitMs',
				'questionCount',
				'questionStartedAt',
				'quit',
				'results',
				'score',
				'streak'
			],
			states: ['feedback', 'question', 'ready', 'summary']
		});
	});

	it('waits in ready until started, then shows the first question with a deadline', () => {
		const actor = start();
		expect(actor.getSnapshot().hasTag('ready')).toBe(true);
		actor.send({ type: 'START', now: T0 });
		const s = actor.getSnapshot();
		expect(s.value).toBe('question');
		expect(s.hasTag('answering')).toBe(true);
		expect(s.context).toMatchObject({
			index: 0,
			questionStartedAt: T0,
			deadline: T0 + 20_000,
			score: 0,
			streak: 0
		});
		expect(s.context.results).toEqual([null, null, null]);
	});

	it('records a correct answer in time and moves to feedback', () => {
		const actor = started();
		actor.send({ type: 'ANSWER', result: right(850), now: T0 + 5_000 });
		const s = actor.getSnapshot();
		expect(s.hasTag('feedback')).toBe(true);
		expect(s.context.score).toBe(850);
		expect(s.context.streak).toBe(1);
		expect(s.context.results[0]).toEqual(right(850));
		expect(correctCount(s.context)).toBe(1);
	});

	it('records a wrong answer with no points and a broken streak', () => {
		const actor = started();
		actor.send({ type: 'ANSWER', result: right(1000), now: T0 + 1_000 });
		actor.send({ type: 'NEXT', now: T0 + 3_000 });
		actor.send({ type: 'ANSWER', result: wrong, now: T0 + 4_000 });
		const s = actor.getSnapshot();
		expect(s.context.score).toBe(1000);
		expect(s.context.streak).toBe(0);
		expect(s.context.results[1]).toEqual(wrong);
		expect(correctCount(s.context)).toBe(1);
	});

	it('refuses an answer after the deadline and leaves the snapshot unchanged', () => {
		const actor = started();
		const before = actor.getSnapshot();
		actor.send({ type: 'ANSWER', result: right(), now: T0 + 20_000 });
		expect(actor.getSnapshot()).toBe(before);
		expect(actor.getSnapshot().context.results[0]).toBeNull();
	});

	it('refuses an answer during feedback and leaves the snapshot unchanged', () => {
		const actor = started();
		actor.send({ type: 'ANSWER', result: right(700), now: T0 + 1_000 });
		const before = actor.getSnapshot();
		actor.send({ type: 'ANSWER', result: right(999, 2), now: T0 + 2_000 });
		expect(actor.getSnapshot()).toBe(before);
		expect(actor.getSnapshot().context.score).toBe(700);
	});

	it('ends a question on timeout once the deadline has passed', () => {
		const actor = start();
		actor.send({ type: 'START', now: Date.now() });
		actor.send({ type: 'ANSWER', result: right(), now: Date.now() });
		actor.send({ type: 'NEXT', now: Date.now() });
		const deadline = actor.getSnapshot().context.deadline as number;
		expect(deadline).toBe(Date.now() + 20_000);

		const early = actor.getSnapshot();
		actor.send({ type: 'TIMEOUT', now: deadline - 1 });
		expect(actor.getSnapshot()).toBe(early);

		vi.advanceTimersByTime(20_000);
		expect(isPastDeadline(actor.getSnapshot().context, Date.now())).toBe(true);
		actor.send({ type: 'TIMEOUT', now: Date.now() });
		const s = actor.getSnapshot();
		expect(s.hasTag('feedback')).toBe(true);
		expect(s.context.results[1]).toMatchObject({ timedOut: true, points: 0, correct: false });
		expect(s.context.streak).toBe(0);
	});

	it('plays untimed: no deadline, late answers accepted, timeouts refused', () => {
		const actor = started(2, null);
		expect(actor.getSnapshot().context.deadline).toBeNull();
		expect(timeLeft(actor.getSnapshot().context, T0 + 1e9)).toBeNull();
		const before = actor.getSnapshot();
		actor.send({ type: 'TIMEOUT', now: T0 + 1e9 });
		expect(actor.getSnapshot()).toBe(before);
		actor.send({ type: 'ANSWER', result: right(1000), now: T0 + 1e9 });
		expect(actor.getSnapshot().hasTag('feedback')).toBe(true);
	});

	it('goes through every question to the summary', () => {
		const actor = started(3);
		for (let i = 0; i < 3; i++) {
			expect(actor.getSnapshot().context.index).toBe(i);
			actor.send({ type: 'ANSWER', result: right(500, i + 1), now: T0 + i * 30_000 + 1_000 });
			actor.send({ type: 'NEXT', now: T0 + (i + 1) * 30_000 });
		}
		const s = actor.getSnapshot();
		expect(s.value).toBe('summary');
		expect(s.hasTag('done')).toBe(true);
		expect(s.status).toBe('done');
		expect(s.context).toMatchObject({ score: 1500, streak: 3, quit: false, index: 2 });
		expect(correctCount(s.context)).toBe(3);
	});

	it('quits to the summary from a question, keeping what was scored', () => {
		const actor = started(5);
		actor.send({ type: 'ANSWER', result: right(800), now: T0 + 1_000 });
		actor.send({ type: 'NEXT', now: T0 + 2_000 });
		actor.send({ type: 'QUIT' });
		const s = actor.getSnapshot();
		expect(s.hasTag('done')).toBe(true);
		expect(s.context.quit).toBe(true);
		expect(s.context.score).toBe(800);
		expect(s.context.results.filter((r) => r !== null)).toHaveLength(1);
	});

	it('quits from ready as well', () => {
		const actor = start();
		actor.send({ type: 'QUIT' });
		expect(actor.getSnapshot().hasTag('done')).toBe(true);
		expect(actor.getSnapshot().context.quit).toBe(true);
	});

	it('does not call quitting after the last answer a quit', () => {
		const actor = started(1);
		actor.send({ type: 'ANSWER', result: right(), now: T0 + 1 });
		actor.send({ type: 'QUIT' });
		expect(actor.getSnapshot().hasTag('done')).toBe(true);
		expect(actor.getSnapshot().context.quit).toBe(false);
	});

	it('restores a persisted snapshot mid-question with its deadline intact', () => {
		const actor = started(3);
		actor.send({ type: 'ANSWER', result: right(900), now: T0 + 2_000 });
		actor.send({ type: 'NEXT', now: T0 + 5_000 });
		const persisted = JSON.parse(JSON.stringify(actor.getPersistedSnapshot()));
		actor.stop();

		// The input is ignored when a snapshot is given (different values prove it).
		const restored = createActor(soloMachine, {
			snapshot: persisted,
			input: { questionCount: 99, secondsPerQuestion: null }
		});
		restored.start();
		const s = restored.getSnapshot();
		expect(s.value).toBe('question');
		expect(s.hasTag('answering')).toBe(true);
		expect(s.context).toMatchObject({
			questionCount: 3,
			limitMs: 20_000,
			index: 1,
			deadline: T0 + 25_000,
			score: 900,
			streak: 1
		});

		// The restored game still ends its question on time by the server's clock.
		restored.send({ type: 'ANSWER', result: right(), now: T0 + 25_000 });
		expect(restored.getSnapshot().hasTag('answering')).toBe(true);
		restored.send({ type: 'TIMEOUT', now: T0 + 25_000 });
		expect(restored.getSnapshot().hasTag('feedback')).toBe(true);
		expect(restored.getSnapshot().context.results[1]?.timedOut).toBe(true);
	});

	it('reports the time left on a question', () => {
		const actor = started();
		expect(timeLeft(actor.getSnapshot().context, T0 + 5_000)).toBe(15_000);
		expect(timeLeft(actor.getSnapshot().context, T0 + 50_000)).toBe(0);
	});
});
