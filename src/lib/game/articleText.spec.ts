import { describe, expect, it } from 'vitest';
import { moveEdge, sentenceRanges, wordRanges } from './articleText';
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
});
