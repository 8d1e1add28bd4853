/**
 * The live classroom game: the truth about which phase a hosted game is in.
 *
 * lobby -> question -> reveal -> leaderboard -> question ... -> podium -> ended
 *
 * Players, answers and scores live in the database; the machine only counts them (PLAYERS,
 * ANSWERED) so it can close a question once everyone has answered. The question deadline is a
 * timestamp in context, not an `after` timer: XState does not restore timers from a persisted
 * snapshot, so the server checks the clock itself (on a timer and on every request) and sends
 * CLOSE, which the machine accepts only when the time is really up. The machine never reads a
 * clock: every event that opens or closes a question carries the server's `now`, so a step is a
 * pure function of the state and the event (and tests need no fake timers).
 */
import { assign, setup } from 'xstate';

/** Bump when the shape of the context or the states changes, so old snapshots can be migrated. */
export const MACHINE_VERSION = 1;

export interface LiveGameInput {
	questionCount: number;
	/** Milliseconds per question, or null for untimed questions (closed by the host). */
	limitMs: number | null;
}

export type CloseReason = 'time' | 'all' | 'host';

export interface LiveGameContext {
	questionCount: number;
	limitMs: number | null;
	/** Index of the current (or last shown) question; -1 before the first. */
	index: number;
	/** When the current question opened (ms since epoch). */
	startedAt: number | null;
	/** When the current question closes (ms since epoch), null when untimed. */
	deadline: number | null;
	/** Why the current question closed. */
	closeReason: CloseReason | null;
	/** Players who have answered the current question. */
	answered: number;
	/** Players expected to answer (joined and not removed). */
	players: number;
	/** Increases with every accepted event: the id of the state for event streams. */
	version: number;
}

/** `now`: the server's clock (ms since epoch) when the event happened. */
export type LiveGameEvent =
	| { type: 'PLAYERS'; count: number }
	| { type: 'START'; now: number }
	| { type: 'ANSWERED'; count: number }
	| { type: 'CLOSE'; now: number }
	| { type: 'NEXT'; now: number }
	| { type: 'SKIP'; now: number }
	| { type: 'END' };

export type LivePhase = 'lobby' | 'question' | 'reveal' | 'leaderboard' | 'podium' | 'ended';

/** Tags the screens ask for instead of listing states. */
export type LiveGameTag =
	'joinable' | 'waiting' | 'answering' | 'timed' | 'showsAnswer' | 'showsRanking' | 'over';

function allAnswered(context: LiveGameContext): boolean {
	return context.players > 0 && context.answered >= context.players;
}

function timeUp(context: LiveGameContext, now: number): boolean {
	return context.deadline !== null && now >= context.deadline;
}

export const liveGameMachine = setup({
	types: {
		context: {} as LiveGameContext,
		events: {} as LiveGameEvent,
		input: {} as LiveGameInput,
		tags: {} as LiveGameTag
	},
	guards: {
		hasQuestions: ({ context }) => context.questionCount > 0,
		allAnswered: ({ context }) => allAnswered(context),
		canClose: ({ context, event }) =>
			(event.type === 'CLOSE' && timeUp(context, event.now)) || allAnswered(context),
		hasNextQuestion: ({ context }) => context.index + 1 < context.questionCount,
		timed: ({ context }) => context.limitMs !== null
	},
	actions: {
		bump: assign({ version: ({ context }) => context.version + 1 }),
		countPlayers: assign({
			players: ({ event }) => (event.type === 'PLAYERS' ? Math.max(0, event.count) : 0)
		}),
		countAnswers: assign({
			answered: ({ event, context }) =>
				event.type === 'ANSWERED' ? Math.max(0, event.count) : context.answered
		}),
		openQuestion: assign(({ context, event }) => {
			// Only START, NEXT and SKIP open a question; each carries the server's clock.
			const now = 'now' in event ? event.now : (context.startedAt ?? 0);
			return {
				index: context.index + 1,
				startedAt: now,
				deadline: context.limitMs === null ? null : now + context.limitMs,
				answered: 0,
				closeReason: null
			};
		}),
		closeBecause: assign({
			closeReason: ({ context }, reason: CloseReason) => context.closeReason ?? reason
		})
	}
}).createMachine({
	id: 'liveGame',
	context: ({ input }) => ({
		questionCount: input.questionCount,
		limitMs: input.limitMs,
		index: -1,
		startedAt: null,
		deadline: null,
		closeReason: null,
		answered: 0,
		players: 0,
		version: 0
	}),
	initial: 'lobby',
	on: {
		PLAYERS: { actions: ['countPlayers', 'bump'] }
	},
	states: {
		lobby: {
			tags: ['joinable', 'waiting'],
			on: {
				START: { guard: 'hasQuestions', target: 'question', actions: 'bump' },
				END: { target: 'ended', actions: 'bump' }
			}
		},
		question: {
			tags: ['joinable', 'answering'],
			entry: 'openQuestion',
			always: {
				guard: 'allAnswered',
				target: 'reveal',
				actions: [{ type: 'closeBecause', params: 'all' }, 'bump']
			},
			on: {
				ANSWERED: { actions: ['countAnswers', 'bump'] },
				CLOSE: {
					guard: 'canClose',
					target: 'reveal',
					actions: [{ type: 'closeBecause', params: 'time' }, 'bump']
				},
				SKIP: {
					target: 'reveal',
					actions: [{ type: 'closeBecause', params: 'host' }, 'bump']
				},
				END: {
					target: 'podium',
					actions: [{ type: 'closeBecause', params: 'host' }, 'bump']
				}
			}
		},
		reveal: {
			tags: ['joinable', 'showsAnswer'],
			on: {
				NEXT: { target: 'leaderboard', actions: 'bump' },
				SKIP: [
					{ guard: 'hasNextQuestion', target: 'question', actions: 'bump' },
					{ target: 'podium', actions: 'bump' }
				],
				END: { target: 'podium', actions: 'bump' }
			}
		},
		leaderboard: {
			tags: ['joinable', 'waiting', 'showsRanking'],
			on: {
				NEXT: [
					{ guard: 'hasNextQuestion', target: 'question', actions: 'bump' },
					{ target: 'podium', actions: 'bump' }
				],
				SKIP: [
					{ guard: 'hasNextQuestion', target: 'question', actions: 'bump' },
					{ target: 'podium', actions: 'bump' }
				],
				END: { target: 'podium', actions: 'bump' }
			}
		},
		podium: {
			tags: ['showsRanking', 'over'],
			on: {
				NEXT: { target: 'ended', actions: 'bump' },
				END: { target: 'ended', actions: 'bump' }
			}
		},
		ended: {
			tags: ['over'],
			type: 'final'
		}
	}
});

/** The phase of a snapshot value (the machine is flat, so the value is the state name). */
export function phaseOf(value: unknown): LivePhase {
	return value as LivePhase;
}

/**
 * Whether a live game's round is over, for reports: from the moment its last question closes
 * (its reveal and leaderboard), through the podium, to the end; also when the host ended the game
 * early. Players have then finished, whether or not the host has pressed "end" yet.
 */
export function isRoundOver(phase: LivePhase, index: number, questionCount: number): boolean {
	if (phase === 'podium' || phase === 'ended') return true;
	return (phase === 'reveal' || phase === 'leaderboard') && index >= questionCount - 1;
}
