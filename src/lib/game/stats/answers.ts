/**
 * The one shape every statistic reads an answer in: what the player chose (null when time ran
 * out) and the server's verdict. Answer rows from the database, live games and solo games all
 * fit it, so every screen and CSV computes its figures from the same functions.
 *
 * One rule for timeouts everywhere: a timed-out answer counts as a wrong answer. It is in every
 * denominator (share correct, accuracy by technique, per-student accuracy) and in signal
 * detection it is scored as the wrong call on that passage (a miss on a loaded passage, a false
 * alarm on a straight one), so hit rate and accuracy agree on the same questions.
 */
import type { Response } from '../types';

export interface ScoredAnswer {
	/** What the player chose; null when the question closed before they answered. */
	response: Response | null;
	/** The server's verdict (full credit). */
	correct: boolean;
	/** 0..1: partial credit for find-the-phrase, 0 or 1 otherwise. */
	credit: number;
}

/** n / d, or null when there is nothing to divide by. */
export const ratio = (n: number, d: number): number | null => (d === 0 ? null : n / d);

/** The median of some numbers (mean of the middle two for an even count); null when empty. */
export function median(values: readonly number[]): number | null {
	if (values.length === 0) return null;
	const sorted = [...values].sort((a, b) => a - b);
	const mid = sorted.length >> 1;
	return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}
