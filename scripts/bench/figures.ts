/** Figures of a scenario run and the small statistics the benchmark prints them with. */

/** A scenario's figures by name (times in ms unless the name says otherwise). */
export type Figures = Record<string, number>;

/** What one run of a scenario found: its figures, what failed, and what is worth a note. */
export interface RunResult {
	figures: Figures;
	problems: string[];
	notes: string[];
}

/** The `p`th percentile of values sorted ascending (nearest rank); NaN for none. */
export function percentile(sorted: number[], p: number): number {
	if (sorted.length === 0) return NaN;
	return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

/** Count, median, 95th and 99th percentile and maximum of `values`. */
export function stats(values: number[]) {
	const s = [...values].sort((a, b) => a - b);
	return {
		n: s.length,
		p50: percentile(s, 50),
		p95: percentile(s, 95),
		p99: percentile(s, 99),
		max: s.length ? s[s.length - 1] : NaN
	};
}

/** The median (nearest rank) of `values`. */
export const median = (values: number[]) =>
	percentile(
		[...values].sort((a, b) => a - b),
		50
	);
/** The largest of `values`; NaN for none. */
export const maxOf = (values: number[]) => (values.length ? Math.max(...values) : NaN);

/** `key ×count` pairs, or `none`. */
export function fmtMap(map: Map<string, number>): string {
	return map.size === 0 ? 'none' : [...map.entries()].map(([k, v]) => `${k} ×${v}`).join(', ');
}

/** A figure with three significant digits or so; `–` when it is not a number. */
export const fmt = (v: number) =>
	!Number.isFinite(v)
		? '–'
		: Math.abs(v) >= 100
			? v.toFixed(0)
			: Math.abs(v) >= 10
				? v.toFixed(1)
				: v.toFixed(2);
