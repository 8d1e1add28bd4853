import { describe, expect, it } from 'vitest';
import { moveEdge, sentenceRanges, wordRanges, wordsCovering } from './articleText';
import { sliceCodePoints } from './text';

const body = 'Flood 🌊 fears\u00a0grow.\r\nThe council met on Tuesday. It voted.';

describe('article words and sentences', () => {
	it('counts word ranges in code points, past an emoji', () => {
		const words = wordRanges(body).map((w) => sliceCodePoints(body, w.start, w.end));
		expect(words.slice(0, 4)).toEqual(['Flood', 'fears', 'grow', 'The']);
	});

	it('ends a sentence at a line break and trims white space and CR', () => {
		const sentences = sentenceRanges(body).map((s) => sliceCodePoints(body, s.start, s.end));
		expect(sentences).toEqual([
			'Flood 🌊 fears\u00a0grow.',
			'The council met on Tuesday.',
			'It voted.'
		]);
	});

	it('moves a label edge by exactly one word, and refuses to empty it', () => {
		const words = wordRanges(body);
		const fears = words[1];
		const grown = moveEdge(words, fears, 'end', 'later');
		expect(grown && sliceCodePoints(body, grown.start, grown.end)).toBe('fears\u00a0grow');
		const earlier = moveEdge(words, fears, 'start', 'earlier');
		expect(earlier && sliceCodePoints(body, earlier.start, earlier.end)).toBe('Flood 🌊 fears');
		expect(moveEdge(words, fears, 'start', 'later')).toBeNull();
		expect(moveEdge(words, words[0], 'start', 'earlier')).toBeNull();
	});

	it('finds the words a range touches, for a hint or a phrase that starts or ends mid-word', () => {
		const words = wordRanges(body);
		const at = (text: string) => {
			const start = Array.from(body.slice(0, body.indexOf(text))).length;
			return { start, end: start + Array.from(text).length };
		};
		expect(wordsCovering(words, at('fears'))).toEqual([1, 1]);
		expect(wordsCovering(words, at('fears\u00a0grow'))).toEqual([1, 2]);
		// "ears gr": inside two words, both taken whole.
		expect(wordsCovering(words, at('ears\u00a0gr'))).toEqual([1, 2]);
		expect(wordsCovering(words, at(' 🌊 '))).toBeNull();
	});
});
