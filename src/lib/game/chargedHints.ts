/**
 * Which charged words (chargedWords.ts) the labelling editor offers as a hint. Kept apart from the
 * lexicon so the browser code that uses it does not carry the lexicon: the server computes the
 * charged words and the page decides which to show.
 */
import type { TextRange } from './articleText';

/**
 * The charged words the editor offers as a hint: those the teacher has not already decided on,
 * i.e. not inside a label and not inside a sentence marked straight, nor ignored (by
 * `hintKey`).
 */
export function hintsToOffer<H extends { start: number; end: number }>(
	hints: readonly H[],
	decided: { labels: readonly TextRange[]; straight: readonly TextRange[] },
	ignored: ReadonlySet<string> = new Set()
): H[] {
	const inside = (h: H, r: TextRange) => r.start <= h.start && h.end <= r.end;
	return hints.filter(
		(h) =>
			!ignored.has(hintKey(h)) &&
			!decided.labels.some((l) => inside(h, l)) &&
			!decided.straight.some((s) => inside(h, s))
	);
}

/** A hint's identity in the editor: its code-point range. */
export function hintKey(h: { start: number; end: number }): string {
	return `${h.start}-${h.end}`;
}
