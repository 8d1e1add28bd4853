import { describe, expect, it } from 'vitest';
import {
	apiBody,
	jsonNestingExceeds,
	MAX_JSON_DEPTH,
	readApiBody,
	readJsonBody
} from './bodyCheck';

const post = (body: BodyInit | null, type?: string) =>
	new Request('http://localhost/api/x', {
		method: 'POST',
		headers: type ? { 'content-type': type } : {},
		body
	});

describe('an API body read once by the request guard', () => {
	it('gives the JSON value and consumes the body, so no route parses it again', async () => {
		const request = post('{"code":"123456","name":"Zoë 🦊"}', 'application/json');
		expect(await readApiBody(request)).toEqual({
			body: { value: { code: '123456', name: 'Zoë 🦊' } }
		});
		expect(request.bodyUsed).toBe(true);
	});

	it('gives null for no body at all, and the problem for a body a route cannot read', async () => {
		expect(await readApiBody(post(null))).toEqual({ body: null });
		expect(await readApiBody(post('{"a":', 'application/json'))).toMatchObject({
			problem: { status: 400 }
		});
		expect(await readApiBody(post('a=1', 'application/x-www-form-urlencoded'))).toMatchObject({
			problem: { status: 415 }
		});
		// A lone surrogate, escaped in valid JSON, is refused as text that is not valid Unicode.
		expect(await readApiBody(post('{"a":"\\ud800"}', 'application/json'))).toMatchObject({
			problem: { status: 400 }
		});
	});

	it('hands a route what the guard read, and refuses to run where the guard did not read it', () => {
		expect(apiBody({ locals: { apiBody: { value: 'guard' } } })).toEqual({ value: 'guard' });
		expect(apiBody({ locals: { apiBody: null } })).toBeNull();
		expect(() => apiBody({ locals: {} })).toThrow(/request guard did not read/);
	});
});

const bytes = (text: string) => new TextEncoder().encode(text);
const nested = (open: string, close: string, depth: number) =>
	open.repeat(depth) + close.repeat(depth);

describe('a JSON body nested too deep', () => {
	it('is refused with 400 and a message, not a stack overflow, at 30,000 arrays', () => {
		const read = readJsonBody('application/json', bytes(nested('[', ']', 30_000)));
		expect(read).toMatchObject({ problem: { status: 400 } });
		expect('problem' in read && read.problem.message).toMatch(/nest.*at most \d+ levels/);
	});

	it('is refused the same way for objects and for arrays and objects mixed', () => {
		const objects = '{"a":'.repeat(5_000) + '1' + '}'.repeat(5_000);
		const mixed = '[{"a":'.repeat(3_000) + '1' + '}]'.repeat(3_000);
		for (const text of [objects, mixed]) {
			expect(readJsonBody('application/json', bytes(text))).toMatchObject({
				problem: { status: 400 }
			});
		}
	});

	it('is refused one level past the limit and read at the limit', () => {
		expect(
			readJsonBody('application/json', bytes(nested('[', ']', MAX_JSON_DEPTH)))
		).toHaveProperty('value');
		expect(
			readJsonBody('application/json', bytes(nested('[', ']', MAX_JSON_DEPTH + 1)))
		).toMatchObject({ problem: { status: 400 } });
	});

	it('counts only brackets outside strings, across escaped quotes and backslashes', () => {
		const deepText = '['.repeat(100);
		expect(jsonNestingExceeds(JSON.stringify({ a: deepText }), 2)).toBe(false);
		expect(jsonNestingExceeds(JSON.stringify({ a: `\\"${deepText}` }), 2)).toBe(false);
		expect(jsonNestingExceeds(JSON.stringify({ a: 'x\\' }) + deepText, 2)).toBe(true);
		expect(jsonNestingExceeds('{"a":[[1]]}', 3)).toBe(false);
		expect(jsonNestingExceeds('{"a":[[1]]}', 2)).toBe(true);
	});

	it('leaves a wide body to the size limit: many values side by side are not deep', () => {
		const wide = JSON.stringify(Array.from({ length: 5_000 }, (_, i) => [i, { i }]));
		expect(readJsonBody('application/json', bytes(wide))).toHaveProperty('value');
	});
});
