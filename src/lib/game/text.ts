/**
 * Code-point offsets. The PTC (and Slant's database) count offsets in Unicode code points;
 * JavaScript strings index UTF-16 code units, which differ as soon as a character lies outside
 * the Basic Multilingual Plane (emoji, many CJK extensions). Every conversion goes through here.
 */

/**
 * Maps code-point offsets of `text` to UTF-16 offsets. Entry i is the UTF-16 index of code point
 * i; the last entry (index = code-point length) is `text.length`.
 */
export class CodePointIndex {
	readonly text: string;
	/** UTF-16 offset of each code point, plus one final entry for the end. */
	private readonly utf16: Uint32Array;

	constructor(text: string) {
		this.text = text;
		const offsets = new Uint32Array(text.length + 1);
		let cp = 0;
		for (let i = 0; i < text.length; i++) {
			offsets[cp++] = i;
			const c = text.charCodeAt(i);
			// A high surrogate followed by a low surrogate is one code point.
			if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
				const d = text.charCodeAt(i + 1);
				if (d >= 0xdc00 && d <= 0xdfff) i++;
			}
		}
		offsets[cp] = text.length;
		this.utf16 = offsets.subarray(0, cp + 1);
	}

	/** Number of code points in the text. */
	get length(): number {
		return this.utf16.length - 1;
	}

	/** UTF-16 offset of code-point offset `cp` (0..length). Throws when out of range. */
	toUtf16(cp: number): number {
		if (!Number.isInteger(cp) || cp < 0 || cp > this.length) {
			throw new RangeError(`Code-point offset ${cp} is outside 0..${this.length}`);
		}
		return this.utf16[cp];
	}

	/**
	 * Code-point offset of UTF-16 offset `u`. An offset inside a surrogate pair maps to the
	 * code point that pair forms.
	 */
	toCodePoint(u: number): number {
		if (!Number.isInteger(u) || u < 0 || u > this.text.length) {
			throw new RangeError(`UTF-16 offset ${u} is outside 0..${this.text.length}`);
		}
		let lo = 0;
		let hi = this.length;
		while (lo < hi) {
			const mid = (lo + hi + 1) >> 1;
			if (this.utf16[mid] <= u) lo = mid;
			else hi = mid - 1;
		}
		return lo;
	}

	/** The text between code-point offsets, like Python's `text[start:end]`. */
	slice(start: number, end: number): string {
		return this.text.slice(this.toUtf16(start), this.toUtf16(end));
	}
}

/** Number of code points in `text`. */
export function codePointLength(text: string): number {
	return Array.from(text).length;
}

/** `text[start:end]` with code-point offsets, for one-off use (build a CodePointIndex for many). */
export function sliceCodePoints(text: string, start: number, end: number): string {
	return new CodePointIndex(text).slice(start, end);
}
