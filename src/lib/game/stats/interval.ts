/**
 * A mean with its confidence interval, from Student's t distribution (the quantile from jStat,
 * not hand-written): the interval a class's mean change is reported with.
 */
import jstat from 'jstat';

const { jStat } = jstat;

export interface MeanInterval {
	/** How many values the mean is over. */
	n: number;
	mean: number;
	/** Sample standard deviation (n - 1 in the denominator). */
	sd: number;
	/** Lower and upper ends of the interval. */
	lower: number;
	upper: number;
	/** The interval's level, e.g. 0.95. */
	level: number;
}

/**
 * The mean of `values` with its two-sided t interval at `level` (0.95: a 95% interval): mean ±
 * t(1 - (1 - level) / 2, n - 1) · sd / √n. Null for fewer than 2 values (no spread to go on).
 */
export function meanWithInterval(values: readonly number[], level = 0.95): MeanInterval | null {
	const n = values.length;
	if (n < 2) return null;
	const mean = values.reduce((s, x) => s + x, 0) / n;
	const sd = Math.sqrt(values.reduce((s, x) => s + (x - mean) ** 2, 0) / (n - 1));
	const half = jStat.studentt.inv(1 - (1 - level) / 2, n - 1) * (sd / Math.sqrt(n));
	return { n, mean, sd, lower: mean - half, upper: mean + half, level };
}
