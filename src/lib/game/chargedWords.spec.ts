import { describe, expect, it } from 'vitest';
import { chargedWords, DEFAULT_CHARGE_THRESHOLD } from './chargedWords';
import { sliceCodePoints } from './text';

const words = (text: string, threshold?: number) =>
	chargedWords(text, threshold).map((w) => sliceCodePoints(text, w.start, w.end));

describe('chargedWords', () => {
	it('marks the words the AFINN-165 lexicon rates at or beyond the threshold, with their scores', () => {
		const found = chargedWords('A disgusting betrayal of trust, and a good day.', 3);
		expect(found.map((w) => [w.text, w.score])).toEqual([
			['disgusting', -3],
			['betrayal', -3],
			['good', 3]
		]);
	});

	it('leaves out milder words below the threshold', () => {
		const text = 'The greedy developers made a reckless, disgusting offer.';
		expect(words(text, 3)).toEqual(['disgusting']);
		expect(words(text, 2)).toEqual(['greedy', 'reckless', 'disgusting']);
	});

	it('gives code-point offsets after emoji, no-break spaces and CRLF line breaks', () => {
		const text = 'Fire 🔥🔥 at\u00a0the hall.\r\nA disgusting\u00a0betrayal.';
		const found = chargedWords(text, 3);
		expect(found.map((w) => w.text)).toEqual(['disgusting', 'betrayal']);
		expect(found[0].start).toBe(Array.from('Fire 🔥🔥 at\u00a0the hall.\r\nA ').length);
		expect(words(text, 3)).toEqual(['disgusting', 'betrayal']);
	});

	it('matches the lexicon’s phrases, with curly apostrophes, before their single words', () => {
		const text = 'I can’t stand it. She is kind of late. He was fed up.';
		expect(words(text, 3)).toEqual(['can’t stand', 'fed up']);
		// “kind of” is rated 0, so “kind” inside it is not charged either.
		expect(words(text, 1)).not.toContain('kind');
		expect(words('She is kind.', 1)).toEqual(['kind']);
	});

	it('matches any case and hyphenated entries, and the parts of other hyphenated words', () => {
		expect(words('WELL-BEING matters; a hate-filled, Outrageous speech.', 2)).toEqual([
			'WELL-BEING',
			'hate',
			'Outrageous'
		]);
	});

	it('treats a curly-quoted word like any other and finds nothing in plain text', () => {
		expect(words('He called it “outrageous” on Monday.', 3)).toEqual(['outrageous']);
		expect(chargedWords('The council met on Monday at 7 pm.', 1)).toEqual([]);
	});

	it('has a default threshold inside the lexicon’s range', () => {
		expect(DEFAULT_CHARGE_THRESHOLD).toBeGreaterThanOrEqual(1);
		expect(DEFAULT_CHARGE_THRESHOLD).toBeLessThanOrEqual(5);
		expect(words('A disgusting, outrageous betrayal.')).toEqual(
			words('A disgusting, outrageous betrayal.', DEFAULT_CHARGE_THRESHOLD)
		);
	});
});
