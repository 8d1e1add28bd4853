import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createActor, initialTransition, transition } from 'xstate';
import { liveGameMachine, type LiveGameEvent } from './liveGame.machine';
import { pureSteps } from './pureSteps';

const input = { questionCount: 2, limitMs: 20_000 };
const events: LiveGameEvent[] = [
	{ type: 'PLAYERS', count: 3 },
	{ type: 'NEXT' }, // ignored in the lobby
	{ type: 'START' },
	{ type: 'ANSWERED', count: 2 },
	{ type: 'ANSWERED', count: 3 },
	{ type: 'NEXT' },
	{ type: 'NEXT' },
	{ type: 'SKIP' },
	{ type: 'NEXT' },
	{ type: 'NEXT' },
	{ type: 'END' }
];

beforeEach(() => {
	vi.useFakeTimers();
	vi.setSystemTime(new Date('2026-03-01T09:00:00Z'));
});
afterEach(() => vi.useRealTimers());

describe("a machine's pure steps", () => {
	it("walk through a whole game exactly as XState's own pure functions do", () => {
		const steps = pureSteps(liveGameMachine, { questionCount: 1, limitMs: null });
		let ours = steps.initial(input);
		let theirs = initialTransition(liveGameMachine, input)[0];
		expect(ours.value).toEqual(theirs.value);
		expect(ours.context).toEqual(theirs.context);
		for (const event of events) {
			vi.advanceTimersByTime(1000);
			ours = steps.transition(ours, event);
			theirs = transition(liveGameMachine, theirs, event)[0];
			expect(ours.value, event.type).toEqual(theirs.value);
			expect(ours.context, event.type).toEqual(theirs.context);
			expect(ours.status, event.type).toBe(theirs.status);
			expect([...ours.tags].sort(), event.type).toEqual([...theirs.tags].sort());
		}
		expect(ours.status).toBe('done');
	});

	it('restore a persisted snapshot as an actor does, tags and matches included', () => {
		const steps = pureSteps(liveGameMachine, { questionCount: 1, limitMs: null });
		const started = steps.transition(steps.initial(input), { type: 'START' });
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
		steps.transition(a, { type: 'START' });
		const b = steps.transition(lobby, { type: 'PLAYERS', count: 5 });
		expect(b.context).toEqual(a.context);
		expect(lobby.context.players).toBe(0);
	});
});
