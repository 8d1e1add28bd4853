/**
 * The words and sentences of an article as code-point ranges, for the labelling editor: a label
 * starts on a word and ends on a word, moves by one word, and a sentence marked straight is one
 * sentence of the text. Offsets are code points (end exclusive), like every stored offset.
 */
import { CodePointIndex } from './text';

/** A code-point range, end exclusive. */
export interface TextRange {
	start: number;
	end: number;
}

const wordSegmenter = new Intl.Segmenter('en', { granularity: 'word' });
const sentenceSegmenter = new Intl.Segmenter('en', { granularity: 'sentence' });
const SPACE = /\s/u;

/** The word-like segments of `body` (letters or digits; not spaces, punctuation or emoji). */
export function wordRanges(body: string): TextRange[] {
	const cpi = new CodePointIndex(body);
	const words: TextRange[] = [];
	for (const s of wordSegmenter.segment(body)) {
		if (!s.isWordLike) continue;
		words.push({
			start: cpi.toCodePoint(s.index),
			end: cpi.toCodePoint(s.index + s.segment.length)
		});
	}
	return words;
}

/**
 * The sentences of `body`, trimmed of surrounding white space; a line break also ends a sentence
 * (headlines and paragraphs are never joined into one). Blank pieces are left out.
 */
export function sentenceRanges(body: string): TextRange[] {
	const cpi = new CodePointIndex(body);
	const out: TextRange[] = [];
	let lineStart = 0;
	for (const line of body.split('\n')) {
		for (const s of sentenceSegmenter.segment(line)) {
			let a = lineStart + s.index;
			let b = a + s.segment.length;
			while (a < b && SPACE.test(body[a])) a++;
			while (b > a && SPACE.test(body[b - 1])) b--;
			if (a < b) out.push({ start: cpi.toCodePoint(a), end: cpi.toCodePoint(b) });
		}
		lineStart += line.length + 1;
	}
	return out;
}

/**
 * A label's range with one edge moved by one word: `start` earlier takes in the word before,
 * later gives up its first word; `end` likewise. Returns null when the move would leave no word
 * or go past the text.
 */
export function moveEdge(
	words: readonly TextRange[],
	range: TextRange,
	edge: 'start' | 'end',
	direction: 'earlier' | 'later'
): TextRange | null {
	if (edge === 'start') {
		const next =
			direction === 'earlier'
				? words.findLast((w) => w.start < range.start)
				: words.find((w) => w.start > range.start);
		if (!next || next.start >= range.end) return null;
		return { start: next.start, end: range.end };
	}
	const next =
		direction === 'later'
			? words.find((w) => w.end > range.end)
			: words.findLast((w) => w.end < range.end);
	if (!next || next.end <= range.start) return null;
	return { start: range.start, end: next.end };
}

/** True when two ranges share at least one code point. */
export function overlaps(a: TextRange, b: TextRange): boolean {
	return a.start < b.end && b.start < a.end;
}

/**
 * The positions (indices into `words`, in order) of the first and the last word that share a
 * code point with `range`; null when no word does.
 */
export function wordsCovering(
	words: readonly TextRange[],
	range: TextRange
): [number, number] | null {
	const first = words.findIndex((w) => overlaps(w, range));
	if (first === -1) return null;
	let last = first;
	while (last + 1 < words.length && overlaps(words[last + 1], range)) last++;
	return [first, last];
}
