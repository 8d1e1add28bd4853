/**
 * Scoring of one answer. The server calls this with its own clock's elapsed time; clients never
 * score. Speed scoring follows Kahoot's formula (a correct answer earns at least half the points)
 * plus an optional streak bonus; accuracy scoring ignores time and streaks.
 */
import { isTechniqueId } from './techniques';
import type { AnswerResult, Question, Response, ScoringMode, Token, TokenRange } from './types';

/** Points for a fully correct answer before speed and streak adjustments. */
export const BASE_POINTS = 1000;
/**
 * A find selection earns full credit when it covers at least this share of one target's words
 * (recall), or all of it but a word at either end, with no more than a word outside the target at
 * either end.
 */
export const FULL_CREDIT_SHARE = 0.75;
/**
 * Credit lost for every selected word outside the labelled phrases (beyond one word just before
 * and one just after a phrase that was found): four such words leave nothing.
 */
export const EXTRA_WORD_PENALTY = 0.25;
/**
 * A selection covering more than this share of the excerpt's words earns nothing unless at least
 * OVER_SELECTION_PRECISION of what it selects is labelled words of the technique.
 */
export const OVER_SELECTION_SHARE = 0.5;
export const OVER_SELECTION_PRECISION = 0.6;
/** The find-credit rule in one sentence, for the feedback and the README. */
export const FIND_CREDIT_RULE =
	'The phrase give or take a word at either end earns full credit, part of it earns the part you found (half the phrase earns half), and every other word you select outside it costs 25% of the credit, so selecting a lot never pays.';
/** Bonus per consecutive correct answer beyond the first (speed scoring with streaks on). */
export const STREAK_BONUS_STEP = 100;
/** Largest streak bonus on one answer. */
export const STREAK_BONUS_CAP = 500;

export interface ScoreContext {
	/** Time from the question being shown to the answer, by the server's clock. */
	elapsedMs: number;
	/** Time limit; null for untimed play. */
	limitMs: number | null;
	/** Consecutive correct answers before this one. */
	streak: number;
	scoring: ScoringMode;
	streaks: boolean;
}

/** True when `r` is a well-formed response to `q` (checks runtime values, not only types). */
export function isValidResponse(q: Question, r: Response): boolean {
	if (typeof r !== 'object' || r === null || r.kind !== q.kind) return false;
	switch (r.kind) {
		case 'name':
			return (
				q.kind === 'name' &&
				typeof r.techniqueId === 'string' &&
				isTechniqueId(r.techniqueId) &&
				q.choices.includes(r.techniqueId)
			);
		case 'find': {
			if (!Array.isArray(r.range) || r.range.length !== 2) return false;
			const [start, end] = r.range;
			return (
				Number.isInteger(start) &&
				Number.isInteger(end) &&
				start >= 0 &&
				start < end &&
				end <= q.excerpt.tokens.length
			);
		}
		case 'judge':
			return typeof r.loaded === 'boolean';
		default:
			return false;
	}
}

function wordIndices(range: TokenRange, tokens: readonly Token[], wordsOnly: boolean): number[] {
	const out: number[] = [];
	const end = Math.min(range[1], tokens.length);
	for (let i = Math.max(0, range[0]); i < end; i++) {
		if (wordsOnly ? tokens[i].word : tokens[i].text.trim() !== '') out.push(i);
	}
	return out;
}

/**
 * Credit for a find selection (see README, "Find the phrase: how credit is computed"). Any
 * target (a labelled span of the asked technique in the excerpt) is a right answer; the selection
 * is compared on word tokens with the target it matches best:
 *
 * - what it finds: full when it covers FULL_CREDIT_SHARE of the target's words, or more than half
 *   of them and all but a word at either end; otherwise the share of the target's words it
 *   covers (half the phrase earns 0.5, a quarter 0.25);
 * - what it adds: every selected word outside all targets costs EXTRA_WORD_PENALTY; when the
 *   target is found, the word just before and the word just after it are forgiven (a reader's
 *   boundary, not a guess); other targets' words are free (selecting two targets and nothing else
 *   is fine);
 * - over-selection earns nothing: a selection covering more than half the excerpt's words with
 *   under 0.6 of them in targets scores 0.
 *
 * Why: with precision-weighted F0.5 alone, a selection of half the excerpt that happened to hold
 * the phrase kept most of the credit, and "the last eight words" earned a third of the points
 * without reading; a fixed cost per word makes finding, not covering, pay. Partial credit is the
 * share found, and a partial find is not forgiven its neighbours, because a fixed selection of a
 * few words (the first or last five, the end of the longest clause) that grazes a short phrase
 * earned most of its credit that way: 0.13-0.15 mean credit without reading (BENCHMARKS.md).
 *
 * A target with no word tokens (punctuation only) is compared on its non-blank tokens instead.
 */
export function spanCredit(selected: TokenRange, targets: TokenRange[], tokens: Token[]): number {
	const excerptWords = wordIndices([0, tokens.length], tokens, true).length;
	let best = 0;
	for (const target of targets) {
		const wordsOnly = wordIndices(target, tokens, true).length > 0;
		const chosen = wordIndices(selected, tokens, wordsOnly);
		const wanted = wordIndices(target, tokens, wordsOnly);
		if (chosen.length === 0 || wanted.length === 0) continue;
		const inAnyTarget = new Set(targets.flatMap((t) => wordIndices(t, tokens, wordsOnly)));
		const chosenSet = new Set(chosen);
		const outside = chosen.filter((i) => !inAnyTarget.has(i));
		const found = wanted.filter((i) => chosenSet.has(i));
		if (found.length === 0) continue;
		const precision = (chosen.length - outside.length) / chosen.length;
		const share = excerptWords > 0 ? chosen.length / excerptWords : 1;
		if (share > OVER_SELECTION_SHARE && precision < OVER_SELECTION_PRECISION) continue;
		const recall = found.length / wanted.length;
		// All of the phrase but at most its first and its last word, and more than half of it.
		const core =
			recall > 0.5 && wanted.length >= 3 && wanted.slice(1, -1).every((i) => chosenSet.has(i));
		const whole = recall >= FULL_CREDIT_SHARE || core;
		const finds = whole ? 1 : recall;
		// The neighbouring word on each side of a found phrase is forgiven.
		const all = wordIndices([0, tokens.length], tokens, wordsOnly);
		const at = all.indexOf(wanted[0]);
		const forgiven = new Set(whole ? [all[at - 1], all[at + wanted.length]] : []);
		const extra = outside.filter((i) => !forgiven.has(i)).length;
		const credit = finds * Math.max(0, 1 - EXTRA_WORD_PENALTY * extra);
		best = Math.max(best, Math.round(credit * 100) / 100);
	}
	return best;
}

/**
 * The streak rule: one more after a fully correct answer, back to 0 after anything else (a wrong
 * or partly right answer, or none in time). The live service's end-of-question SQL is checked
 * against this function (tests/answering-rules.test.ts).
 */
export function nextStreak(streak: number, correct: boolean): number {
	return correct ? streak + 1 : 0;
}

function creditFor(q: Question, r: Response): number {
	if (!isValidResponse(q, r)) return 0;
	if (q.kind === 'name' && r.kind === 'name') return r.techniqueId === q.answer ? 1 : 0;
	if (q.kind === 'judge' && r.kind === 'judge') return r.loaded === q.loaded ? 1 : 0;
	if (q.kind === 'find' && r.kind === 'find')
		return spanCredit(r.range, q.targets, q.excerpt.tokens);
	return 0;
}

/**
 * Scores one answer. `response` null means no answer before the deadline; an answer arriving
 * after `limitMs` counts as timed out too. An invalid response scores as wrong. Returns the
 * verdict and the new streak (0 unless the answer is fully correct).
 *
 * - speed: round((1 - (t / T) / 2) * BASE_POINTS * credit), t clamped to [0, T]; untimed play
 *   has no speed factor. With streaks on, a correct answer adds STREAK_BONUS_STEP per
 *   consecutive correct answer beyond the first, at most STREAK_BONUS_CAP.
 * - accuracy: round(BASE_POINTS * credit); no speed factor, no streak bonus.
 */
export function scoreAnswer(
	q: Question,
	response: Response | null,
	ctx: ScoreContext
): AnswerResult & { streak: number } {
	const late = ctx.limitMs !== null && ctx.elapsedMs > ctx.limitMs;
	if (response === null || late) {
		return {
			correct: false,
			credit: 0,
			points: 0,
			timedOut: true,
			streak: nextStreak(ctx.streak, false)
		};
	}
	const credit = creditFor(q, response);
	const correct = credit >= 1;
	const streak = nextStreak(ctx.streak, correct);
	if (ctx.scoring === 'accuracy') {
		return { correct, credit, points: Math.round(BASE_POINTS * credit), timedOut: false, streak };
	}
	let factor = 1;
	if (ctx.limitMs !== null && ctx.limitMs > 0) {
		const t = Math.min(Math.max(ctx.elapsedMs, 0), ctx.limitMs);
		factor = 1 - t / ctx.limitMs / 2;
	}
	let points = Math.round(factor * BASE_POINTS * credit);
	if (correct && ctx.streaks) {
		points += Math.min(STREAK_BONUS_CAP, STREAK_BONUS_STEP * (streak - 1));
	}
	return { correct, credit, points, timedOut: false, streak };
}
