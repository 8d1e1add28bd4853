/**
 * The span-identification score of SemEval-2020 Task 11 (subtask SI), as its official scorer
 * computes it: overlapping spans are merged (per article, in the predictions and in the gold
 * labels alike), then every predicted span s and gold span t that share characters add
 * |s ∩ t| / |s| to the precision sum and |s ∩ t| / |t| to the recall sum; precision is that sum
 * over the number of predicted spans, recall over the number of gold spans, both pooled over all
 * articles (micro average), and F1 is their harmonic mean. Offsets are whatever unit the two
 * lists share (code points for the PTC).
 */

/** A half-open range [start, end). */
export interface SpanRange {
	start: number;
	end: number;
}

/** What one article (or several, summed) adds to the score. */
export interface SpanTally {
	precisionSum: number;
	predicted: number;
	recallSum: number;
	gold: number;
}

/** Precision, recall and F1 of a tally. */
export interface SpanScore {
	precision: number;
	recall: number;
	f1: number;
}

/** The ranges sorted, with every two that share at least one position merged into one. */
export function mergeOverlapping(ranges: readonly SpanRange[]): SpanRange[] {
	const sorted = ranges
		.filter((r) => r.end > r.start)
		.map((r) => ({ start: r.start, end: r.end }))
		.sort((a, b) => a.start - b.start || a.end - b.end);
	const out: SpanRange[] = [];
	for (const r of sorted) {
		const last = out[out.length - 1];
		if (last && r.start < last.end) last.end = Math.max(last.end, r.end);
		else out.push(r);
	}
	return out;
}

/** One article's contribution: predicted and gold spans are merged first, as the scorer does. */
export function spanTally(predicted: readonly SpanRange[], gold: readonly SpanRange[]): SpanTally {
	const s = mergeOverlapping(predicted);
	const t = mergeOverlapping(gold);
	let precisionSum = 0;
	let recallSum = 0;
	// Both lists are sorted and disjoint, so one sweep finds every overlapping pair.
	let j = 0;
	for (const p of s) {
		while (j < t.length && t[j].end <= p.start) j++;
		for (let k = j; k < t.length && t[k].start < p.end; k++) {
			const overlap = Math.min(p.end, t[k].end) - Math.max(p.start, t[k].start);
			if (overlap <= 0) continue;
			precisionSum += overlap / (p.end - p.start);
			recallSum += overlap / (t[k].end - t[k].start);
		}
	}
	return { precisionSum, predicted: s.length, recallSum, gold: t.length };
}

/** The sum of several articles' tallies. */
export function sumTallies(tallies: readonly SpanTally[]): SpanTally {
	const sum: SpanTally = { precisionSum: 0, predicted: 0, recallSum: 0, gold: 0 };
	for (const t of tallies) {
		sum.precisionSum += t.precisionSum;
		sum.predicted += t.predicted;
		sum.recallSum += t.recallSum;
		sum.gold += t.gold;
	}
	return sum;
}

/**
 * Precision, recall and F1 of a tally, with the official scorer's conventions: a rate with no
 * spans to divide by is 0, F1 is 0 unless both rates are positive, and 1 when there were neither
 * predicted nor gold spans.
 */
export function spanScore(t: SpanTally): SpanScore {
	const precision = t.predicted > 0 ? t.precisionSum / t.predicted : 0;
	const recall = t.gold > 0 ? t.recallSum / t.gold : 0;
	let f1 = 0;
	if (t.predicted === 0 && t.gold === 0) f1 = 1;
	else if (precision > 0 && recall > 0) f1 = (2 * precision * recall) / (precision + recall);
	return { precision, recall, f1 };
}
