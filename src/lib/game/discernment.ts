/**
 * Signal detection for loaded-or-straight judgements. Accuracy alone rewards calling everything
 * loaded; hit rate, false-alarm rate and d' separate telling loaded from straight text apart from
 * plain suspicion.
 */

/**
 * The inverse of the standard normal CDF (the probit), by Peter Acklam's rational approximation
 * (relative error below 1.15e-9). Returns -Infinity at 0 and Infinity at 1; NaN outside [0, 1].
 */
export function inverseNormalCdf(p: number): number {
	if (Number.isNaN(p) || p < 0 || p > 1) return NaN;
	if (p === 0) return -Infinity;
	if (p === 1) return Infinity;
	const a = [
		-3.969683028665376e1, 2.209460984245205e2, -2.759285104469687e2, 1.38357751867269e2,
		-3.066479806614716e1, 2.506628277459239
	];
	const b = [
		-5.447609879822406e1, 1.615858368580409e2, -1.556989798598866e2, 6.680131188771972e1,
		-1.328068155288572e1
	];
	const c = [
		-7.784894002430293e-3, -3.223964580411365e-1, -2.400758277161838, -2.549732539343734,
		4.374664141464968, 2.938163982698783
	];
	const d = [7.784695709041462e-3, 3.224671290700398e-1, 2.445134137142996, 3.754408661907416];
	const pLow = 0.02425;
	if (p < pLow) {
		const q = Math.sqrt(-2 * Math.log(p));
		return (
			(((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) /
			((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1)
		);
	}
	if (p > 1 - pLow) {
		const q = Math.sqrt(-2 * Math.log(1 - p));
		return -(
			(((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) /
			((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1)
		);
	}
	const q = p - 0.5;
	const r = q * q;
	return (
		((((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q) /
		(((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1)
	);
}

/** d' from a hit rate and a false-alarm rate, without any correction: z(H) - z(FA). */
export function dPrimeFromRates(hitRate: number, falseAlarmRate: number): number {
	return inverseNormalCdf(hitRate) - inverseNormalCdf(falseAlarmRate);
}

export interface Discernment {
	hits: number;
	misses: number;
	falseAlarms: number;
	correctRejections: number;
	/** hits / loaded items; null without loaded items. */
	hitRate: number | null;
	/** false alarms / straight items; null without straight items. */
	falseAlarmRate: number | null;
	/**
	 * z(H) - z(FA) on log-linear corrected rates (Hautus 1995): (hits + 0.5) / (signal + 1) and
	 * (false alarms + 0.5) / (noise + 1), so perfect or empty rates stay finite. null when there
	 * are no loaded or no straight items.
	 */
	dPrime: number | null;
}

/**
 * Hit rate, false-alarm rate and d' over judgements. `loaded` says what the item is, `saidLoaded`
 * what the player answered (a timed-out judgement should be passed as saidLoaded: false or left
 * out, as the caller prefers). The rates are raw; d' uses the log-linear correction.
 */
export function discernment(items: { loaded: boolean; saidLoaded: boolean }[]): Discernment {
	let hits = 0;
	let misses = 0;
	let falseAlarms = 0;
	let correctRejections = 0;
	for (const item of items) {
		if (item.loaded) {
			if (item.saidLoaded) hits++;
			else misses++;
		} else if (item.saidLoaded) falseAlarms++;
		else correctRejections++;
	}
	const signal = hits + misses;
	const noise = falseAlarms + correctRejections;
	const hitRate = signal > 0 ? hits / signal : null;
	const falseAlarmRate = noise > 0 ? falseAlarms / noise : null;
	const dPrime =
		signal > 0 && noise > 0
			? dPrimeFromRates((hits + 0.5) / (signal + 1), (falseAlarms + 0.5) / (noise + 1))
			: null;
	return { hits, misses, falseAlarms, correctRejections, hitRate, falseAlarmRate, dPrime };
}
