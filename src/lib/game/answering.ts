/**
 * Answering, the same in every mode (live, solo, assignments, the no-JavaScript forms): when an
 * answer is too late, how it is judged and scored, how a streak moves on, when an assignment is
 * closed, which labelled words a question asked about, the contrast line under a wrong name, and
 * how a typed join code is read. Each rule is written once here, so changing one line changes it
 * for every mode; the services only add their own storage and refusal wording.
 */
import { contrastLine } from './feedback';
import { normaliseJoinCode } from './joinCode.js';
import { scoreAnswer, nextStreak } from './scoring';
import type {
	AnswerResult,
	Question,
	Response,
	RevealAnswer,
	ScoringMode,
	ShownExcerpt,
	TokenRange
} from './types';

export { nextStreak, normaliseJoinCode };

/**
 * Answers arriving this long after a question's deadline still count (phones on a school network
 * are slow). 750 ms, as the HTTP API documents for live games; solo and assignments use it too
 * (they allowed 1,000 ms before the rules were joined).
 */
export const GRACE_MS = 750;

/**
 * True once a question with this deadline (server clock, null for untimed) takes no more answers:
 * the deadline and the grace have passed. The live deadline timer fires at exactly this moment.
 */
export function pastGrace(deadline: number | null, now: number): boolean {
	return deadline !== null && now >= deadline + GRACE_MS;
}

/**
 * How long after a question opened the server still starts a player's clock at the moment it sent
 * them the question (see `timedFrom`): a class of a thousand receives it within tens of
 * milliseconds, while a player who holds back their stream or their /state request gains at most
 * this.
 */
export const SENT_CAP_MS = 1000;

/**
 * When a player's time on a live question starts: the moment the server first sent them the
 * question (their event stream, a /state reply or the game page), so that a player late in the
 * server's fan-out loses nothing to the queue; never before the question opened and never more
 * than SENT_CAP_MS after. Unknown (`sentAt` undefined: never sent to this player, or sent before
 * a server restart) is the question's opening, as for everyone before per-player timing.
 */
export function timedFrom(openedAt: number | null, sentAt: number | undefined): number | null {
	if (openedAt === null || sentAt === undefined) return openedAt;
	return Math.min(Math.max(sentAt, openedAt), openedAt + SENT_CAP_MS);
}

/** The question's clock as the server saw it when the answer arrived. */
export interface AnswerClock {
	now: number;
	/** When the question was shown to this player (server clock, see `timedFrom`); null reads as `now`. */
	startedAt: number | null;
	deadline: number | null;
	limitMs: number | null;
}

/** What the round's configuration says about scoring. */
export interface AnswerRules {
	scoring: ScoringMode;
	streaks: boolean;
}

/** The verdict on one answer: what to store and show, and the player's streak after it. */
export type Judgement =
	{ late: true } | { late: false; result: AnswerResult; streak: number; timeMs: number };

/**
 * Judges `response` to `question`: too late once the grace has passed; otherwise scored by the
 * server's clock (an answer within the grace counts as given at the deadline), with `streak`
 * correct answers before it. An invalid response scores as wrong: callers refuse it first with
 * their own message.
 */
export function judgeAnswer(
	question: Question,
	response: Response,
	clock: AnswerClock,
	rules: AnswerRules,
	streak: number
): Judgement {
	if (pastGrace(clock.deadline, clock.now)) return { late: true };
	const timeMs = Math.max(0, clock.now - (clock.startedAt ?? clock.now));
	const { limitMs } = clock;
	const scored = scoreAnswer(question, response, {
		elapsedMs: limitMs === null ? timeMs : Math.min(timeMs, limitMs),
		limitMs,
		streak,
		scoring: rules.scoring,
		streaks: rules.streaks
	});
	const { correct, credit, points, timedOut } = scored;
	return {
		late: false,
		result: { correct, credit, points, timedOut },
		streak: scored.streak,
		timeMs
	};
}

/**
 * True when an assignment takes no more answers or students: it was ended, or its deadline has
 * passed. Reports, the student's pages and the teacher's "reopened" all read it from here.
 */
export function assignmentClosed(
	game: { status: string; deadline: Date | null },
	now: number
): boolean {
	return game.status === 'ended' || (game.deadline !== null && now > game.deadline.getTime());
}

/**
 * True when a labelled span is what the question asked about: the highlighted words of a name
 * question, the asked technique's spans of a find question, every span of a loaded-or-straight
 * passage.
 */
export function isAskedSpan(
	answer: RevealAnswer,
	span: { range: TokenRange; techniqueId: string }
): boolean {
	if (answer.kind === 'name') {
		return span.range[0] === answer.highlight[0] && span.range[1] === answer.highlight[1];
	}
	if (answer.kind === 'find') return span.techniqueId === answer.techniqueId;
	return true;
}

/**
 * The contrast line under a name answer that chose the wrong technique (null otherwise): how the
 * chosen technique differs from the right one, quoting the highlighted words.
 */
export function contrastFor(
	reveal: { answer: RevealAnswer; excerpt: ShownExcerpt },
	response: Response | null
): string | null {
	const { answer } = reveal;
	if (answer.kind !== 'name' || response?.kind !== 'name') return null;
	if (response.techniqueId === answer.techniqueId) return null;
	const words = reveal.excerpt.tokens
		.slice(answer.highlight[0], answer.highlight[1])
		.map((t) => t.text)
		.join('');
	return contrastLine(response.techniqueId, answer.techniqueId, words);
}
