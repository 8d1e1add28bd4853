import { describe, expect, it } from 'vitest';
import { apiBody, readApiBody } from './bodyCheck';

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
