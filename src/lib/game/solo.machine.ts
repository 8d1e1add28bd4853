/**
 * The solo game flow: ready → question → feedback → question … → summary. The machine
 * knows neither questions nor answer keys: the server scores an answer and sends the verdict in
 * an ANSWER event. Deadlines are timestamps in context (not `after` timers, which XState does not
 * restore from a persisted snapshot), and every time-sensitive event carries the server's `now`.
 *
 * Restoring: `createActor(soloMachine, { snapshot, input })`. TypeScript asks for `input` because
 * the machine declares one, but XState ignores it when a snapshot is given; pass any SoloInput.
 *
 * UI code asks `snapshot.hasTag('answering' | 'feedback' | 'done')` rather than naming states.
 */
import { assign, setup } from 'xstate';
import type { AnswerResult } from './types';

/** Bump when the context shape or states change; stored beside persisted snapshots. */
export const MACHINE_VERSION = 1;

/** A scored answer as the machine records it (the server's verdict plus the new streak). */
export type SoloResult = AnswerResult & { streak: number };

export interface SoloInput {
	questionCount: number;
	/** null for untimed play. */
	secondsPerQuestion: number | null;
}

export interface SoloContext {
	questionCount: number;
	/** Time limit per question in ms; null for untimed play. */
	limitMs: number | null;
	/** Index of the current (or last) question. */
	index: number;
	/** When the current question was shown (server clock, ms); null before the first. */
	questionStartedAt: number | null;
	/** When the current question's time runs out (server clock, ms); null when untimed. */
	deadline: number | null;
	score: number;
	streak: number;
	/** One entry per question; null until answered or timed out. */
	results: (SoloResult | null)[];
	/** True when the player quit before the last question. */
	quit: boolean;
}

export type SoloEvent =
	| { type: 'START'; now: number }
	| { type: 'ANSWER'; result: SoloResult; now: number }
	| { type: 'TIMEOUT'; now: number }
	/** `now` (server clock) starts the next question's deadline. */
	| { type: 'NEXT'; now: number }
	| { type: 'QUIT' };

/** True when the current question has a deadline and `now` has reached it. */
export function isPastDeadline(context: Pick<SoloContext, 'deadline'>, now: number): boolean {
	return context.deadline !== null && now >= context.deadline;
}

/** Milliseconds left on the current question (never negative); null when untimed. */
export function timeLeft(context: Pick<SoloContext, 'deadline'>, now: number): number | null {
	return context.deadline === null ? null : Math.max(0, context.deadline - now);
}

/** Number of questions answered fully correctly so far. */
export function correctCount(context: Pick<SoloContext, 'results'>): number {
	return context.results.filter((r) => r?.correct === true).length;
}

const TIMED_OUT: SoloResult = { correct: false, credit: 0, points: 0, timedOut: true, streak: 0 };

function showQuestion(context: SoloContext, index: number, now: number): Partial<SoloContext> {
	return {
		index,
		questionStartedAt: now,
		deadline: context.limitMs === null ? null : now + context.limitMs
	};
}

export const soloMachine = setup({
	types: {
		context: {} as SoloContext,
		events: {} as SoloEvent,
		input: {} as SoloInput
	},
	actions: {
		showFirstQuestion: assign(({ context, event }) =>
			event.type === 'START' ? showQuestion(context, 0, event.now) : {}
		),
		showNextQuestion: assign(({ context, event }) =>
			event.type === 'NEXT' ? showQuestion(context, context.index + 1, event.now) : {}
		),
		recordAnswer: assign(({ context, event }) => {
			if (event.type !== 'ANSWER') return {};
			const results = context.results.slice();
			results[context.index] = { ...event.result };
			return {
				results,
				score: context.score + event.result.points,
				streak: event.result.streak
			};
		}),
		recordTimeout: assign(({ context }) => {
			const results = context.results.slice();
			results[context.index] = { ...TIMED_OUT };
			return { results, streak: 0 };
		}),
		markQuit: assign({ quit: true })
	},
	guards: {
		inTime: ({ context, event }) =>
			event.type === 'ANSWER' &&
			Number.isFinite(event.result.points) &&
			!isPastDeadline(context, event.now),
		timeIsUp: ({ context, event }) =>
			event.type === 'TIMEOUT' && isPastDeadline(context, event.now),
		hasMoreQuestions: ({ context }) => context.index + 1 < context.questionCount
	}
}).createMachine({
	id: 'solo',
	context: ({ input }) => {
		const count = Math.max(0, Math.floor(input.questionCount));
		return {
			questionCount: count,
			limitMs: input.secondsPerQuestion === null ? null : input.secondsPerQuestion * 1000,
			index: 0,
			questionStartedAt: null,
			deadline: null,
			score: 0,
			streak: 0,
			results: Array.from({ length: count }, () => null),
			quit: false
		};
	},
	initial: 'ready',
	states: {
		ready: {
			tags: ['ready'],
			on: {
				START: [
					{ guard: ({ context }) => context.questionCount === 0, target: 'summary' },
					{ target: 'question', actions: 'showFirstQuestion' }
				],
				QUIT: { target: 'summary', actions: 'markQuit' }
			}
		},
		question: {
			tags: ['answering'],
			on: {
				ANSWER: { guard: 'inTime', target: 'feedback', actions: 'recordAnswer' },
				TIMEOUT: { guard: 'timeIsUp', target: 'feedback', actions: 'recordTimeout' },
				QUIT: { target: 'summary', actions: 'markQuit' }
			}
		},
		feedback: {
			tags: ['feedback'],
			on: {
				NEXT: [
					{ guard: 'hasMoreQuestions', target: 'question', actions: 'showNextQuestion' },
					{ target: 'summary' }
				],
				QUIT: [
					{ guard: 'hasMoreQuestions', target: 'summary', actions: 'markQuit' },
					{ target: 'summary' }
				]
			}
		},
		summary: {
			tags: ['done'],
			type: 'final'
		}
	}
});
