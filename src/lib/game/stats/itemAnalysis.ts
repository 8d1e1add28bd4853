/**
 * Item analysis across every round played: how often each item was asked, how often it was
 * answered right, and whether the players who got it right are the ones who did well on the rest
 * of their round (discrimination). An item that strong players miss more often than weak ones is
 * flagged: its key may be wrong, or its label arguable.
 */
import { ratio } from './answers';

/**
 * The point-biserial correlation between a right/wrong outcome and a score: Pearson's r with the
 * outcome as 0/1, i.e. (M1 - M0) / s * sqrt(p q) with s the population standard deviation of the
 * scores. null with fewer than two answers or when either side does not vary.
 */
export function pointBiserial(
	outcomes: readonly boolean[],
	scores: readonly number[]
): number | null {
	const n = outcomes.length;
	if (n < 2 || scores.length !== n) return null;
	let right = 0;
	let sumRight = 0;
	let sum = 0;
	for (let i = 0; i < n; i++) {
		sum += scores[i];
		if (outcomes[i]) {
			right++;
			sumRight += scores[i];
		}
	}
	if (right === 0 || right === n) return null;
	const mean = sum / n;
	let squares = 0;
	for (const s of scores) squares += (s - mean) ** 2;
	const sd = Math.sqrt(squares / n);
	if (sd === 0) return null;
	const meanRight = sumRight / right;
	const meanWrong = (sum - sumRight) / (n - right);
	const p = right / n;
	return ((meanRight - meanWrong) / sd) * Math.sqrt(p * (1 - p));
}

/** One answer in a round, for item analysis. */
export interface ItemAnswer {
	itemKey: string;
	correct: boolean;
}

export interface ItemFigures {
	itemKey: string;
	timesAsked: number;
	correct: number;
	/** correct / timesAsked. */
	shareCorrect: number;
	/**
	 * Point-biserial correlation of being right here with the share right on the rest of the
	 * round; null when it cannot be computed (too few answers, or everyone right or wrong).
	 */
	discrimination: number | null;
	/** Answers that had a rest of round to compare with (rounds of two questions or more). */
	compared: number;
	/** Strong players miss it more than weak ones, on enough answers. */
	possiblyMislabelled: boolean;
}

/** An item is flagged only with at least this many compared answers… */
export const MIN_ANSWERS_TO_FLAG = 10;
/** …and a discrimination at or below this. */
export const FLAG_DISCRIMINATION = -0.2;

/**
 * Figures per item over rounds (one list of answers per player and game). The rest score of an
 * answer is the player's share right on the other questions of the same round, so rounds of
 * different lengths compare; a round of one question gives no rest score. Items come out in
 * first-seen order.
 */
export function itemAnalysis(rounds: readonly (readonly ItemAnswer[])[]): ItemFigures[] {
	const byItem = new Map<
		string,
		{ outcomes: boolean[]; rest: number[]; asked: number; correct: number }
	>();
	for (const round of rounds) {
		const total = round.filter((a) => a.correct).length;
		for (const a of round) {
			const entry = byItem.get(a.itemKey) ?? { outcomes: [], rest: [], asked: 0, correct: 0 };
			entry.asked++;
			if (a.correct) entry.correct++;
			if (round.length >= 2) {
				entry.outcomes.push(a.correct);
				entry.rest.push((total - (a.correct ? 1 : 0)) / (round.length - 1));
			}
			byItem.set(a.itemKey, entry);
		}
	}
	return [...byItem].map(([itemKey, e]) => {
		const discrimination = pointBiserial(e.outcomes, e.rest);
		return {
			itemKey,
			timesAsked: e.asked,
			correct: e.correct,
			shareCorrect: ratio(e.correct, e.asked) ?? 0,
			discrimination,
			compared: e.outcomes.length,
			possiblyMislabelled:
				discrimination !== null &&
				e.outcomes.length >= MIN_ANSWERS_TO_FLAG &&
				discrimination <= FLAG_DISCRIMINATION
		};
	});
}
