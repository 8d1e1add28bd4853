/**
 * Signal detection for loaded-or-straight judgements. Accuracy alone rewards calling everything
 * loaded; hit rate, false-alarm rate and d' separate telling loaded from straight text apart from
 * plain suspicion.
 */
import type { Question, Response } from './types';

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
	/**
	 * The response bias c = -(z(H) + z(FA)) / 2 on the same corrected rates: below 0 leans to
	 * calling passages loaded, above 0 to calling them straight. null as d'.
	 */
	criterion: number | null;
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
	let dPrime: number | null = null;
	let criterion: number | null = null;
	if (signal > 0 && noise > 0) {
		const zHit = inverseNormalCdf((hits + 0.5) / (signal + 1));
		const zFalseAlarm = inverseNormalCdf((falseAlarms + 0.5) / (noise + 1));
		dPrime = zHit - zFalseAlarm;
		criterion = -(zHit + zFalseAlarm) / 2;
	}
	return {
		hits,
		misses,
		falseAlarms,
		correctRejections,
		hitRate,
		falseAlarmRate,
		dPrime,
		criterion
	};
}

/** A player's (or a class's) loaded-or-straight judgements, counted. */
export interface JudgementCounts extends Discernment {
	/** Loaded-or-straight questions reached (timed-out ones included). */
	judged: number;
	/** Of those, the ones that timed out (scored as the wrong call). */
	timedOut: number;
}

/** One loaded-or-straight judgement, a timeout scored as the wrong call. */
export interface Judgement {
	loaded: boolean;
	saidLoaded: boolean;
	timedOut: boolean;
}

/**
 * The loaded-or-straight judgements among answers to any kind of question: only judge questions
 * count. A timed-out judgement (response null) is scored as the wrong call, as it counts wrong in
 * accuracy: a miss on a loaded passage, a false alarm on a straight one.
 */
export function judgementsOf(
	answers: readonly { question: Question; response: Response | null }[]
): Judgement[] {
	return answers.flatMap((a): Judgement[] => {
		if (a.question.kind !== 'judge') return [];
		const loaded = a.question.loaded;
		return a.response?.kind === 'judge'
			? [{ loaded, saidLoaded: a.response.loaded, timedOut: false }]
			: [{ loaded, saidLoaded: !loaded, timedOut: true }];
	});
}

/** Judgement counts (see judgementsOf); null when no judge question was reached. */
export function judgementCounts(
	answers: readonly { question: Question; response: Response | null }[]
): JudgementCounts | null {
	const items = judgementsOf(answers);
	if (items.length === 0) return null;
	return {
		...discernment(items),
		judged: items.length,
		timedOut: items.filter((i) => i.timedOut).length
	};
}

/** Below this many judgements (or this many of each kind) one person's d' is noise. */
export const MIN_JUDGED_FOR_DPRIME = 8;
export const MIN_EACH_KIND_FOR_DPRIME = 3;

/** Whether there are enough judgements behind a d' to print it. */
export function enoughForDPrime(d: Discernment | null): d is Discernment & { dPrime: number } {
	if (!d || d.dPrime === null) return false;
	const loaded = d.hits + d.misses;
	const straight = d.falseAlarms + d.correctRejections;
	return (
		loaded + straight >= MIN_JUDGED_FOR_DPRIME &&
		loaded >= MIN_EACH_KIND_FOR_DPRIME &&
		straight >= MIN_EACH_KIND_FOR_DPRIME
	);
}

/**
 * One plain sentence on what the judgements say, for a teacher: too few to tell below the
 * minimum, else how well loaded and straight passages are told apart (d' below 0.5: about
 * guessing; below 1.5: some of the time; else reliably) and which way answers lean (|c| >= 0.5).
 */
export function discernmentReading(d: Discernment | null): string {
	if (!d) return 'No loaded-or-straight questions answered.';
	const loaded = d.hits + d.misses;
	const straight = d.falseAlarms + d.correctRejections;
	const count = `${loaded} loaded and ${straight} straight ${straight === 1 ? 'passage' : 'passages'}`;
	if (!enoughForDPrime(d)) {
		return `Too few to tell: ${count}; at least ${MIN_JUDGED_FOR_DPRIME} with ${MIN_EACH_KIND_FOR_DPRIME} of each are needed.`;
	}
	const skill =
		d.dPrime < 0.5
			? 'About as good as guessing at telling loaded from straight passages'
			: d.dPrime < 1.5
				? 'Tells loaded from straight passages apart some of the time'
				: 'Tells loaded from straight passages apart reliably';
	const lean =
		d.criterion !== null && d.criterion <= -0.5
			? ', and leans toward calling passages loaded'
			: d.criterion !== null && d.criterion >= 0.5
				? ', and leans toward calling passages straight'
				: '';
	return `${skill}${lean} (${count}).`;
}
