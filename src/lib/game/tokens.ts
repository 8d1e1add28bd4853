/**
 * Tokens of an excerpt: the segments of Intl.Segmenter at word granularity. Every character of
 * the text belongs to exactly one token, so joining the token texts gives the text back, and
 * selections made in tokens map to exact words.
 */
import type { Token } from './types';

const wordSegmenter = new Intl.Segmenter('en', { granularity: 'word' });

/** Splits `text` into word-granularity tokens; `word` marks word-like segments. */
export function tokenize(text: string): Token[] {
	const tokens: Token[] = [];
	for (const s of wordSegmenter.segment(text)) {
		tokens.push({ text: s.segment, word: s.isWordLike === true });
	}
	return tokens;
}

/** UTF-16 start offset of each token within the tokenized text, plus one final entry (the end). */
export function tokenStarts(tokens: readonly Token[]): number[] {
	const starts = new Array<number>(tokens.length + 1);
	let offset = 0;
	for (let i = 0; i < tokens.length; i++) {
		starts[i] = offset;
		offset += tokens[i].text.length;
	}
	starts[tokens.length] = offset;
	return starts;
}

/**
 * The smallest token range covering the UTF-16 range [start, end) of the tokenized text: a
 * boundary that falls inside a token snaps outward to include the whole token. Returns null for
 * an empty or out-of-range input.
 */
export function snapToTokens(
	starts: readonly number[],
	start: number,
	end: number
): [number, number] | null {
	const count = starts.length - 1;
	const total = starts[count];
	if (!(start >= 0 && end <= total && start < end)) return null;
	// Last token whose start is at or before `start`.
	let lo = 0;
	let hi = count - 1;
	while (lo < hi) {
		const mid = (lo + hi + 1) >> 1;
		if (starts[mid] <= start) lo = mid;
		else hi = mid - 1;
	}
	const first = lo;
	// First token whose start is at or after `end` (the exclusive end).
	lo = first + 1;
	hi = count;
	while (lo < hi) {
		const mid = (lo + hi) >> 1;
		if (starts[mid] >= end) hi = mid;
		else lo = mid + 1;
	}
	return [first, lo];
}

/** Number of word tokens in `text`. */
export function countWords(text: string): number {
	let n = 0;
	for (const s of wordSegmenter.segment(text)) if (s.isWordLike) n++;
	return n;
}
