/**
 * Scoring of one answer. The server calls this with its own clock's elapsed time; clients never
 * score. Speed scoring follows Kahoot's formula (a correct answer earns at least half the points)
 * plus an optional streak bonus; accuracy scoring ignores time and streaks.
 */
import { isTechniqueId } from './techniques';
import type { AnswerResult, Question, Response, ScoringMode, Token, TokenRange } from './types';

/** Points for a fully correct answer before speed and streak adjustments. */
export const BASE_POINTS = 1000;
/** A find selection whose F1 against a target reaches this earns full credit. */
export const FULL_CREDIT_F1 = 0.8;
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

function f1(selected: number[], target: number[]): number {
	if (selected.length === 0 || target.length === 0) return 0;
	const chosen = new Set(selected);
	let overlap = 0;
	for (const i of target) if (chosen.has(i)) overlap++;
	return (2 * overlap) / (selected.length + target.length);
}

/**
 * Credit for a find selection: token-level F1 over word tokens against the best-matching target.
 * 1 when that F1 reaches FULL_CREDIT_F1, the F1 itself below, 0 without overlap. A target with no
 * word tokens (punctuation only) is compared on its non-blank tokens instead.
 */
export function spanCredit(selected: TokenRange, targets: TokenRange[], tokens: Token[]): number {
	let best = 0;
	for (const target of targets) {
		let score = f1(wordIndices(selected, tokens, true), wordIndices(target, tokens, true));
		if (wordIndices(target, tokens, true).length === 0) {
			score = f1(wordIndices(selected, tokens, false), wordIndices(target, tokens, false));
		}
		if (score > best) best = score;
	}
	return best >= FULL_CREDIT_F1 ? 1 : best;
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
		return { correct: false, credit: 0, points: 0, timedOut: true, streak: 0 };
	}
	const credit = creditFor(q, response);
	const correct = credit >= 1;
	const streak = correct ? ctx.streak + 1 : 0;
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
