import { describe, expect, it } from 'vitest';
import { JsonSyntaxError, mapJsonLines } from './jsonLines';

const TEXT = `{
	"a": 1,
	"list": [
		{ "x": "one" },
		{
			"x": "two \\" quoted",
			"y": [true, null, -1.5e3]
		}
	]
}`;

describe('mapping JSON values to lines', () => {
	it('finds the line of a nested value by its path', () => {
		const lines = mapJsonLines(TEXT);
		expect(lines.lineOf(['a'])).toBe(2);
		expect(lines.lineOf(['list', 0, 'x'])).toBe(4);
		expect(lines.lineOf(['list', 1])).toBe(5);
		expect(lines.lineOf(['list', 1, 'y', 2])).toBe(7);
	});

	it('falls back to the nearest existing ancestor for a missing key', () => {
		expect(mapJsonLines(TEXT).lineOf(['list', 1, 'missing'])).toBe(5);
	});

	it('names the line of a syntax error', () => {
		const broken = TEXT.replace('"one" }', '"one" ,}');
		let error: unknown;
		try {
			mapJsonLines(broken);
		} catch (e) {
			error = e;
		}
		expect(error).toBeInstanceOf(JsonSyntaxError);
		expect((error as JsonSyntaxError).line).toBe(4);
	});
});
