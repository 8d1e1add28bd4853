/**
 * Item analysis across every round played: how often each item was asked, how often it was
 * answered right, and whether the players who got it right are the ones who did well on the rest
 * of their round (discrimination). An item that strong players miss more often than weak ones is
 * flagged: its key may be wrong, or its label arguable.
 */
import { ratio } from './answers';

/**
 * Sums over pairs of a right/wrong outcome and a score, enough for their point-biserial
 * correlation: a database can add them up without handing over every pair.
 */
export interface OutcomeScoreSums {
	/** Pairs. */
	n: number;
	/** Pairs whose outcome is right. */
	right: number;
	/** Sum of the scores, of their squares, and of the scores of right outcomes. */
	sum: number;
	squares: number;
	sumRight: number;
	/** Smallest and largest score (null without pairs): equal when the scores do not vary. */
	min: number | null;
	max: number | null;
}

/** The sums of no pairs. */
export const NO_PAIRS: Readonly<OutcomeScoreSums> = {
	n: 0,
	right: 0,
	sum: 0,
	squares: 0,
	sumRight: 0,
	min: null,
	max: null
};

/** `sums` with one more pair added (a new object). */
export function addPair(sums: OutcomeScoreSums, outcome: boolean, score: number): OutcomeScoreSums {
	return {
		n: sums.n + 1,
		right: sums.right + (outcome ? 1 : 0),
		sum: sums.sum + score,
		squares: sums.squares + score * score,
		sumRight: sums.sumRight + (outcome ? score : 0),
		min: sums.min === null ? score : Math.min(sums.min, score),
		max: sums.max === null ? score : Math.max(sums.max, score)
	};
}

/**
 * The point-biserial correlation from the sums of the pairs: Pearson's r with the outcome as 0/1,
 * i.e. (M1 - M0) / s * sqrt(p q) with s the population standard deviation of the scores. null
 * with fewer than two pairs or when either side does not vary.
 */
export function pointBiserialOfSums(s: OutcomeScoreSums): number | null {
	if (s.n < 2 || s.right === 0 || s.right === s.n || s.min === s.max) return null;
	const mean = s.sum / s.n;
	const variance = s.squares / s.n - mean * mean;
	// Rounding can leave a hair above or below zero for scores that barely vary.
	if (!(variance > Number.EPSILON)) return null;
	const meanRight = s.sumRight / s.right;
	const meanWrong = (s.sum - s.sumRight) / (s.n - s.right);
	const p = s.right / s.n;
	return ((meanRight - meanWrong) / Math.sqrt(variance)) * Math.sqrt(p * (1 - p));
}

/** The point-biserial correlation of paired lists (see `pointBiserialOfSums`). */
export function pointBiserial(
	outcomes: readonly boolean[],
	scores: readonly number[]
): number | null {
	if (scores.length !== outcomes.length) return null;
	let sums: OutcomeScoreSums = NO_PAIRS;
	for (let i = 0; i < outcomes.length; i++) sums = addPair(sums, outcomes[i], scores[i]);
	return pointBiserialOfSums(sums);
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
 * What an item's figures follow from: its answers counted, and the sums of (right, rest score)
 * over the answers that have a rest score. The rest score of an answer is the player's share
 * right on the other questions of the same round, so rounds of different lengths compare; a
 * round of one question gives no rest score. The database adds these up in SQL
 * (src/lib/server/results/items.ts); `tallyRounds` does it from lists of answers.
 */
export interface ItemTally {
	itemKey: string;
	asked: number;
	correct: number;
	rest: OutcomeScoreSums;
}

/** The rest score of an answer in a round of `length` answers with `total` right. */
export function restScore(total: number, length: number, correct: boolean): number | null {
	return length >= 2 ? (total - (correct ? 1 : 0)) / (length - 1) : null;
}

/** Tallies per item over rounds (one list of answers per player and game), first-seen order. */
export function tallyRounds(rounds: readonly (readonly ItemAnswer[])[]): ItemTally[] {
	const byItem = new Map<string, ItemTally>();
	for (const round of rounds) {
		const total = round.filter((a) => a.correct).length;
		for (const a of round) {
			const tally = byItem.get(a.itemKey) ?? {
				itemKey: a.itemKey,
				asked: 0,
				correct: 0,
				rest: NO_PAIRS
			};
			tally.asked++;
			if (a.correct) tally.correct++;
			const rest = restScore(total, round.length, a.correct);
			if (rest !== null) tally.rest = addPair(tally.rest, a.correct, rest);
			byItem.set(a.itemKey, tally);
		}
	}
	return [...byItem.values()];
}

/**
 * An item's figures from its tally: the one place the statistic is computed, whether the
 * answers were added up in SQL or from lists.
 */
export function itemFigures(tally: ItemTally): ItemFigures {
	const discrimination = pointBiserialOfSums(tally.rest);
	return {
		itemKey: tally.itemKey,
		timesAsked: tally.asked,
		correct: tally.correct,
		shareCorrect: ratio(tally.correct, tally.asked) ?? 0,
		discrimination,
		compared: tally.rest.n,
		possiblyMislabelled:
			discrimination !== null &&
			tally.rest.n >= MIN_ANSWERS_TO_FLAG &&
			discrimination <= FLAG_DISCRIMINATION
	};
}

/** Figures per item over rounds (one list of answers per player and game), first-seen order. */
export function itemAnalysis(rounds: readonly (readonly ItemAnswer[])[]): ItemFigures[] {
	return tallyRounds(rounds).map(itemFigures);
}
