import { describe, expect, it } from 'vitest';
import { quoted } from './quote';

describe('quoting a snippet', () => {
	it('puts a plain snippet in curly quotes', () => {
		expect(quoted('The council met on Tuesday…')).toBe('“The council met on Tuesday…”');
	});

	it('adds no second opening quote to a snippet that opens with one', () => {
		expect(quoted('“We will win,” she said…')).toBe('“We will win,” she said…');
		expect(quoted('"We will win," she said')).toBe('"We will win," she said');
	});
});
