/**
 * npx tsx scripts/bench-steps.ts [rounds]
 *
 * What src/lib/game/pureSteps.ts saves: the cost of one step of each game machine (the live and
 * the solo one) through XState's public `transition()` against the machine's own step in one inert
 * scope (pureSteps), over the same whole games, after a warm-up. Figures only, no assertions
 * (pureSteps.spec.ts checks that both give the same states); BENCHMARKS.md keeps them.
 */
import { performance } from 'node:perf_hooks';
import {
	initialTransition,
	transition,
	type AnyStateMachine,
	type EventFromLogic,
	type InputFrom,
	type SnapshotFrom
} from 'xstate';
import { liveGameMachine, type LiveGameEvent } from '../src/lib/game/liveGame.machine';
import { pureSteps } from '../src/lib/game/pureSteps';
import { soloMachine, type SoloEvent } from '../src/lib/game/solo.machine';

const rounds = Number(process.argv[2] ?? 2000);
const t = Date.now();
const live: LiveGameEvent[] = [
	{ type: 'PLAYERS', count: 30 },
	{ type: 'START', now: t },
	...Array.from({ length: 29 }, (_, i) => ({ type: 'ANSWERED' as const, count: i + 1 })),
	{ type: 'CLOSE', now: t + 20_000 },
	{ type: 'NEXT', now: t + 25_000 },
	{ type: 'NEXT', now: t + 30_000 },
	{ type: 'SKIP', now: t + 35_000 },
	{ type: 'NEXT', now: t + 40_000 },
	{ type: 'END' }
];
const right = { correct: true, credit: 1, points: 900, timedOut: false, streak: 1 };
const solo: SoloEvent[] = [
	{ type: 'START', now: t },
	{ type: 'ANSWER', result: right, now: t + 1_000 },
	{ type: 'NEXT', now: t + 2_000 },
	{ type: 'TIMEOUT', now: t + 40_000 },
	{ type: 'NEXT', now: t + 41_000 },
	{ type: 'ANSWER', result: right, now: t + 42_000 },
	{ type: 'NEXT', now: t + 43_000 }
];

/** Microseconds per step of `step` over `rounds` games of `events`, after a warm-up. */
function perStep<S>(start: () => S, step: (s: S, e: unknown) => S, events: unknown[]): number {
	const game = () => events.reduce<S>((s, e) => step(s, e), start());
	for (let i = 0; i < 200; i++) game();
	const began = performance.now();
	for (let i = 0; i < rounds; i++) game();
	return ((performance.now() - began) * 1000) / (rounds * events.length);
}

function compare<M extends AnyStateMachine>(
	name: string,
	machine: M,
	input: InputFrom<M>,
	events: EventFromLogic<M>[]
) {
	const steps = pureSteps(machine, input);
	const publicApi = perStep(
		() => initialTransition(machine, input)[0] as SnapshotFrom<M>,
		(s, e) => transition(machine, s, e as EventFromLogic<M>)[0] as SnapshotFrom<M>,
		events
	);
	const ours = perStep(
		() => steps.initial(input),
		(s, e) => steps.transition(s, e as EventFromLogic<M>),
		events
	);
	console.log(
		`${name}: transition() ${publicApi.toFixed(1)} µs a step, pureSteps ${ours.toFixed(1)} µs` +
			` (${(publicApi / ours).toFixed(1)}x), ${rounds} games of ${events.length} events`
	);
}

compare('live', liveGameMachine, { questionCount: 2, limitMs: 20_000 }, live);
compare('solo', soloMachine, { questionCount: 2, secondsPerQuestion: 30 }, solo);
