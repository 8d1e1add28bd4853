import { describe, expect, it } from 'vitest';
import { CodePointIndex, codePointLength, sliceCodePoints } from './text';

describe('code-point offsets', () => {
	const text = 'A😀b𝒳\nc“d”';

	it('counts characters outside the BMP as one code point each', () => {
		expect(text.length).toBe(11);
		expect(codePointLength(text)).toBe(9);
		expect(new CodePointIndex(text).length).toBe(9);
	});

	it('slices like Python does, by code point', () => {
		expect(sliceCodePoints(text, 1, 2)).toBe('😀');
		expect(sliceCodePoints(text, 2, 4)).toBe('b𝒳');
		expect(sliceCodePoints(text, 3, 6)).toBe('𝒳\nc');
		expect(sliceCodePoints(text, 0, 9)).toBe(text);
	});

	it('maps UTF-16 offsets back to code points', () => {
		const index = new CodePointIndex(text);
		expect(index.toCodePoint(0)).toBe(0);
		expect(index.toCodePoint(3)).toBe(2);
		expect(index.toCodePoint(6)).toBe(4);
		expect(index.toCodePoint(text.length)).toBe(9);
		for (let cp = 0; cp <= index.length; cp++)
			expect(index.toCodePoint(index.toUtf16(cp))).toBe(cp);
	});

	it('refuses offsets outside the text', () => {
		const index = new CodePointIndex(text);
		expect(() => index.toUtf16(10)).toThrow(RangeError);
		expect(() => index.toUtf16(-1)).toThrow(RangeError);
		expect(() => index.toUtf16(1.5)).toThrow(RangeError);
	});
});
