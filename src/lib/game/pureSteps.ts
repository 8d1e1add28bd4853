/**
 * A machine's pure steps (initial state, next state, restore) without an actor per call.
 *
 * XState's own pure `transition` and `initialTransition` build, and throw away, a whole actor for
 * every call (its system, its initial snapshot): on a hot path that was a tenth of the server's
 * work on an answer. These steps run in one inert scope made once per machine, the same kind of
 * scope XState makes: actions are collected, never executed. That is sound for machines that
 * spawn no children, defer nothing and have only `assign` actions (which the step applies itself),
 * like Slant's game machines: nothing stays in the scope between calls, and its actor never starts.
 *
 * Kept for its measured cost (BENCHMARKS.md, "The machines' pure steps": about 12 µs a step
 * against 40 µs for `transition()`), and only because pureSteps.spec.ts walks every machine (the
 * live and the solo one) through games that send every event it takes, against XState's public
 * `initialTransition`, `transition` and a restored actor: a step that differs from the public API
 * fails there. The scope's shape is XState's, not its documented API, so package.json pins xstate
 * to one version: an upgrade is a deliberate change that runs that spec.
 */
import {
	createActor,
	type AnyActorScope,
	type AnyStateMachine,
	type EventFromLogic,
	type InputFrom,
	type SnapshotFrom
} from 'xstate';

export interface PureSteps<M extends AnyStateMachine> {
	/** The machine's initial state for `input`. */
	initial(input: InputFrom<M>): SnapshotFrom<M>;
	/** The state after `event`; the same object when the event changes nothing. */
	transition(snapshot: SnapshotFrom<M>, event: EventFromLogic<M>): SnapshotFrom<M>;
	/** A snapshot with tags and `matches`, from a persisted one, as an actor would restore it. */
	restore(persisted: unknown): SnapshotFrom<M>;
}

/** The pure steps of `machine`; `input` is any valid input, used once to make the inert actor. */
export function pureSteps<M extends AnyStateMachine>(
	machine: M,
	input: InputFrom<M>
): PureSteps<M> {
	const self = createActor(machine, { input });
	const scope: AnyActorScope = {
		self,
		id: '',
		sessionId: '',
		logger: () => {},
		defer: () => {},
		emit: () => {},
		system: self.system,
		stopChild: () => {},
		actionExecutor: () => {}
	};
	return {
		initial: (input) => machine.getInitialSnapshot(scope, input) as SnapshotFrom<M>,
		transition: (snapshot, event) => machine.transition(snapshot, event, scope) as SnapshotFrom<M>,
		restore: (persisted) => machine.restoreSnapshot(persisted as never, scope) as SnapshotFrom<M>
	};
}
