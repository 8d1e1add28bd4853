import { describe, expect, it, vi } from 'vitest';
import {
	createActor,
	initialTransition,
	transition,
	type AnyMachineSnapshot,
	type AnyStateMachine,
	type EventFromLogic,
	type InputFrom,
	type SnapshotFrom
} from 'xstate';
import { liveGameMachine, type LiveGameEvent } from './liveGame.machine';
import { soloMachine, type SoloEvent } from './solo.machine';
import { pureSteps, type PureSteps } from './pureSteps';
import { useFakeClockAt } from './fakeClock';

const input = { questionCount: 2, limitMs: 20_000 };
const events: LiveGameEvent[] = [
	{ type: 'PLAYERS', count: 3 },
	{ type: 'NEXT', now: Date.now() }, // ignored in the lobby
	{ type: 'START', now: Date.now() },
	{ type: 'ANSWERED', count: 2 },
	{ type: 'ANSWERED', count: 3 },
	{ type: 'NEXT', now: Date.now() },
	{ type: 'NEXT', now: Date.now() },
	{ type: 'SKIP', now: Date.now() },
	{ type: 'NEXT', now: Date.now() },
	{ type: 'NEXT', now: Date.now() },
	{ type: 'END' }
];

useFakeClockAt(new Date('2026-03-01T09:00:00Z'));

const soloInput = { questionCount: 2, secondsPerQuestion: 30 };
const right = { correct: true, credit: 1, points: 900, timedOut: false, streak: 1 };

/**
 * Steps through `events` from `input` twice, with `steps` and with XState's public
 * `initialTransition` and `transition`, and expects the same state after every event. Returns the
 * last state of `steps`.
 */
function walkBoth<M extends AnyStateMachine>(
	machine: M,
	steps: PureSteps<M>,
	input: InputFrom<M>,
	events: EventFromLogic<M>[]
): SnapshotFrom<M> {
	let ours = steps.initial(input);
	let theirs: SnapshotFrom<M> = initialTransition(machine, input)[0];
	expectSameState(ours, theirs);
	for (const event of events) {
		vi.advanceTimersByTime(1000);
		ours = steps.transition(ours, event);
		theirs = transition(machine, theirs, event)[0];
		expectSameState(ours, theirs, event.type);
	}
	return ours;
}

/** The same state value, context, status and tags (`after` names the event in a failure). */
function expectSameState(ours: AnyMachineSnapshot, theirs: AnyMachineSnapshot, after?: string) {
	expect(ours.value, after).toEqual(theirs.value);
	expect(ours.context, after).toEqual(theirs.context);
	expect(ours.status, after).toBe(theirs.status);
	expect([...ours.tags].sort(), after).toEqual([...theirs.tags].sort());
}

describe("a machine's pure steps", () => {
	it("walk through a whole game exactly as XState's own pure functions do", () => {
		const steps = pureSteps(liveGameMachine, { questionCount: 1, limitMs: null });
		const ours = walkBoth(liveGameMachine, steps, input, events);
		expect(ours.status).toBe('done');
	});

	it('restore a persisted snapshot as an actor does, tags and matches included', () => {
		const steps = pureSteps(liveGameMachine, { questionCount: 1, limitMs: null });
		const started = steps.transition(steps.initial(input), { type: 'START', now: Date.now() });
		const persisted = liveGameMachine.getPersistedSnapshot(started);
		const ours = steps.restore(JSON.parse(JSON.stringify(persisted)));
		const theirs = createActor(liveGameMachine, {
			snapshot: JSON.parse(JSON.stringify(persisted)),
			input
		}).getSnapshot();
		expect(ours.value).toEqual(theirs.value);
		expect(ours.context).toEqual(theirs.context);
		expect(ours.matches('question')).toBe(true);
		expect(ours.hasTag('answering')).toBe(theirs.hasTag('answering'));
	});

	it('keep nothing between calls: the same step from the same state gives the same state', () => {
		const steps = pureSteps(liveGameMachine, { questionCount: 1, limitMs: null });
		const lobby = steps.initial(input);
		const a = steps.transition(lobby, { type: 'PLAYERS', count: 5 });
		steps.transition(a, { type: 'START', now: Date.now() });
		const b = steps.transition(lobby, { type: 'PLAYERS', count: 5 });
		expect(b.context).toEqual(a.context);
		expect(lobby.context.players).toBe(0);
	});

	it("walk through a whole solo game exactly as XState's own pure functions do", () => {
		const t = Date.now();
		const soloEvents: SoloEvent[] = [
			{ type: 'NEXT', now: t }, // ignored before the start
			{ type: 'START', now: t },
			{ type: 'ANSWER', result: right, now: t + 1_000 },
			{ type: 'NEXT', now: t + 2_000 },
			{ type: 'TIMEOUT', now: t + 10_000 }, // too early: ignored
			{ type: 'TIMEOUT', now: t + 40_000 },
			{ type: 'NEXT', now: t + 41_000 }
		];
		const steps = pureSteps(soloMachine, { questionCount: 0, secondsPerQuestion: null });
		const ours = walkBoth(soloMachine, steps, soloInput, soloEvents);
		expect(ours.hasTag('done')).toBe(true);
		const persisted = JSON.parse(JSON.stringify(soloMachine.getPersistedSnapshot(ours)));
		const restored = steps.restore(persisted);
		const actor = createActor(soloMachine, { snapshot: persisted, input: soloInput });
		expect(restored.context).toEqual(actor.getSnapshot().context);
		expect(restored.hasTag('done')).toBe(actor.getSnapshot().hasTag('done'));
	});
	it("close a live question by the `now` of CLOSE exactly as XState's own pure functions do", () => {
		const t = Date.now();
		const steps = pureSteps(liveGameMachine, { questionCount: 1, limitMs: null });
		const ours = walkBoth(liveGameMachine, steps, input, [
			{ type: 'PLAYERS', count: 2 },
			{ type: 'START', now: t },
			{ type: 'CLOSE', now: t + 19_999 }, // before the deadline: refused
			{ type: 'CLOSE', now: t + 20_000 },
			{ type: 'PLAYERS', count: 1 },
			{ type: 'END' }
		]);
		expect(ours.context.closeReason).toBe('time');
		expect(ours.matches('podium')).toBe(true);
	});

	it("quit a solo game exactly as XState's own pure functions do", () => {
		const t = Date.now();
		const steps = pureSteps(soloMachine, { questionCount: 0, secondsPerQuestion: null });
		const ours = walkBoth(soloMachine, steps, soloInput, [
			{ type: 'START', now: t },
			{ type: 'ANSWER', result: right, now: t + 1_000 },
			{ type: 'NEXT', now: t + 2_000 },
			{ type: 'QUIT' }
		]);
		expect(ours.hasTag('done')).toBe(true);
		expect(ours.context.quit).toBe(true);
	});
});
