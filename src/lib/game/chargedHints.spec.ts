import { describe, expect, it } from 'vitest';
import { hintKey, hintsToOffer } from './chargedHints';
import { chargedWords } from './chargedWords';

describe('hintsToOffer', () => {
	const text = 'A reckless scheme, approved for good. A disgusting betrayal.';
	const hints = chargedWords(text, 2);
	const range = (words: string) => {
		const start = text.indexOf(words);
		return { start, end: start + words.length };
	};

	it('offers the charged words outside labels and straight sentences, minus the ignored ones', () => {
		expect(hints.map((h) => h.text)).toEqual([
			'reckless',
			'approved',
			'good',
			'disgusting',
			'betrayal'
		]);
		const offered = hintsToOffer(
			hints,
			{ labels: [range('reckless scheme')], straight: [range('approved for good.')] },
			new Set([hintKey(range('betrayal'))])
		);
		expect(offered.map((h) => h.text)).toEqual(['disgusting']);
	});

	it('drops only the words inside a label, not the ones beside it', () => {
		const offered = hintsToOffer(hints, { labels: [range('A disgusting')], straight: [] });
		expect(offered.map((h) => h.text)).toContain('betrayal');
		expect(offered.map((h) => h.text)).not.toContain('disgusting');
	});
});
