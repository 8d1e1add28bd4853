import { describe, expect, it } from 'vitest';
import { countWords, snapToTokens, tokenStarts, tokenize } from './tokens';

describe('tokenize', () => {
	const text = 'Only the usual 😀 armchair-experts, said “one” 𝒳 member.\nNext line';

	it('gives back the exact text when the tokens are joined', () => {
		expect(
			tokenize(text)
				.map((t) => t.text)
				.join('')
		).toBe(text);
	});

	it('marks words but not spaces, punctuation or emoji', () => {
		const tokens = tokenize(text);
		const words = tokens.filter((t) => t.word).map((t) => t.text);
		expect(words).toEqual([
			'Only',
			'the',
			'usual',
			'armchair',
			'experts',
			'said',
			'one',
			'𝒳',
			'member',
			'Next',
			'line'
		]);
		expect(tokens.find((t) => t.text === '😀')?.word).toBe(false);
		expect(tokens.find((t) => t.text === ' ')?.word).toBe(false);
	});

	it('returns no tokens for empty text', () => {
		expect(tokenize('')).toEqual([]);
	});

	it('counts word tokens', () => {
		expect(countWords(text)).toBe(11);
		expect(countWords('  ... ')).toBe(0);
	});
});

describe('snapping ranges to tokens', () => {
	const tokens = tokenize('The reckless plan failed.');
	// Tokens: The | ␠ | reckless | ␠ | plan | ␠ | failed | .
	const starts = tokenStarts(tokens);

	it('maps exact word boundaries to the same words', () => {
		expect(snapToTokens(starts, 4, 12)).toEqual([2, 3]);
		expect(snapToTokens(starts, 4, 17)).toEqual([2, 5]);
	});

	it('widens a range that starts or ends mid-word to whole words', () => {
		expect(snapToTokens(starts, 6, 14)).toEqual([2, 5]);
		expect(snapToTokens(starts, 0, 1)).toEqual([0, 1]);
	});

	it('refuses empty or out-of-range input', () => {
		expect(snapToTokens(starts, 5, 5)).toBeNull();
		expect(snapToTokens(starts, -1, 3)).toBeNull();
		expect(snapToTokens(starts, 0, 999)).toBeNull();
	});

	it('records a start offset for every token plus the end', () => {
		expect(starts).toHaveLength(tokens.length + 1);
		expect(starts[tokens.length]).toBe('The reckless plan failed.'.length);
	});
});
