/** How the primary of scripts/cluster.js reads a request to pick the worker that owns its game. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { describe, expect, it } from 'vitest';
import {
	codeInJoinBody,
	gameInPath,
	joinTooLarge,
	parseHead,
	pathnameOf,
	workerAddressEnv
} from '../scripts/cluster.js';

const FORM_TYPE = 'application/x-www-form-urlencoded';
const ID = '1e240abc-1234-8def-9abc-0123456789ab';

describe('the game a request path names', () => {
	it('is the code of the player routes and pages', () => {
		for (const path of [
			'/api/live/play/123456/answer',
			'/api/live/play/123456/events',
			'/game/123456',
			'/game/123456/__data.json',
			'/join/123456',
			'/join/%31%323456'
		]) {
			expect(gameInPath(path)).toEqual({ code: '123456' });
		}
	});

	it('is the id of the host routes and pages', () => {
		for (const path of [
			`/api/live/host/${ID}/command`,
			`/host/${ID}`,
			`/host/${ID}/results`,
			`/host/${ID}/__data.json`
		]) {
			expect(gameInPath(path)).toEqual({ id: ID });
		}
	});

	it('is none for the pages of no live game', () => {
		for (const path of ['/', '/join', '/host', `/host/assignments/${ID}`, '/a/123456', '/play']) {
			expect(gameInPath(path)).toBeNull();
		}
	});
});

describe('the code a join posts', () => {
	it('is read from JSON as the join endpoint reads it', async () => {
		const body = Buffer.from(JSON.stringify({ code: ' 123456 ', nickname: 'Ada' }));
		expect(await codeInJoinBody(body, 'application/json')).toBe('123456');
	});

	it('is read from a urlencoded or multipart form as the join form reads it', async () => {
		const urlencoded = Buffer.from('code=123+456&nickname=Ada');
		expect(await codeInJoinBody(urlencoded, 'application/x-www-form-urlencoded')).toBe('123456');
		const data = new FormData();
		data.set('code', '654321');
		const encoded = new Response(data);
		const multipart = Buffer.from(await encoded.arrayBuffer());
		expect(await codeInJoinBody(multipart, encoded.headers.get('content-type')!)).toBe('654321');
	});

	it('is none for a body that cannot be read', async () => {
		expect(await codeInJoinBody(Buffer.from('{'), 'application/json')).toBeNull();
		expect(await codeInJoinBody(Buffer.from('x'), 'text/plain')).toBeNull();
		expect(await codeInJoinBody(Buffer.from('{"code":5}'), 'application/json')).toBeNull();
		expect(await codeInJoinBody(Buffer.from('null'), 'application/json')).toBeNull();
		expect(await codeInJoinBody(Buffer.from('[1]'), 'application/json')).toBeNull();
		expect(await codeInJoinBody(Buffer.from('nickname=A'), FORM_TYPE)).toBeNull();
	});

	it('reads a urlencoded form as the Request the form action reads does', async () => {
		for (const encoded of [
			'code=123+456',
			'code=123%20456&nickname=A',
			'nickname=A&code=%20123456'
		]) {
			const asRequest = await new Request('http://localhost/', {
				method: 'POST',
				body: encoded,
				headers: { 'content-type': FORM_TYPE }
			}).formData();
			expect(await codeInJoinBody(Buffer.from(encoded), FORM_TYPE)).toBe(
				String(asRequest.get('code')).replace(/\s+/gu, '')
			);
			expect(await codeInJoinBody(Buffer.from(encoded), FORM_TYPE)).toBe('123456');
		}
	});
});

describe('the client address the workers read', () => {
	it('is the X-Forwarded-For entry the primary appends when no proxy is in front', () => {
		expect(workerAddressEnv({})).toEqual({ ADDRESS_HEADER: 'x-forwarded-for', XFF_DEPTH: '1' });
	});

	it('is one entry deeper when a proxy in front already appends one', () => {
		expect(workerAddressEnv({ ADDRESS_HEADER: 'X-Forwarded-For', XFF_DEPTH: '2' })).toEqual({
			XFF_DEPTH: '3'
		});
		expect(workerAddressEnv({ ADDRESS_HEADER: 'x-forwarded-for' })).toEqual({ XFF_DEPTH: '2' });
	});

	it('is the configured header otherwise, passed through unchanged', () => {
		expect(workerAddressEnv({ ADDRESS_HEADER: 'x-real-ip' })).toEqual({});
	});
});

describe('the request head the primary reads before it hands a connection over', () => {
	it('gives the method, the target and the headers by lower-case name', () => {
		const head = Buffer.from(
			'POST /api/live/join HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n' +
				'Content-Length: 30\r\nX-Forwarded-For: 10.0.0.1\r\nx-forwarded-for: 10.0.0.2'
		);
		expect(parseHead(head)).toEqual({
			method: 'POST',
			target: '/api/live/join',
			headers: {
				host: 'x',
				'content-type': 'application/json',
				'content-length': '30',
				'x-forwarded-for': '10.0.0.1, 10.0.0.2'
			}
		});
	});

	it('is none for what is not HTTP/1', () => {
		expect(parseHead(Buffer.from('GET /'))).toBeNull();
		expect(parseHead(Buffer.from('PRI * HTTP/2.0'))).toBeNull();
		expect(parseHead(Buffer.from('\x16\x03\x01'))).toBeNull();
	});
});

describe('the path of a request target', () => {
	it('is read from an origin-form or absolute-form target', () => {
		expect(pathnameOf('/game/123456?x=1')).toBe('/game/123456');
		expect(pathnameOf('http://example.org/join/123456')).toBe('/join/123456');
	});

	it('is none for a target that is not a URL, instead of an exception', () => {
		expect(pathnameOf('http://[')).toBeNull();
		expect(pathnameOf('http://[/game/123456')).toBeNull();
	});
});

describe("the benchmark's figures, served by the primary for every worker", () => {
	it('are refused with 503 when a worker cannot be asked, and the process goes on', async () => {
		const { serve } = await import('../scripts/debugStats.js');
		const reply = await new Promise<{ status: number; text: string }>((resolve) => {
			let status = 0;
			const res = {
				writeHead(code: number) {
					status = code;
					return res;
				},
				end(text: string) {
					resolve({ status, text });
				}
			};
			const req = { url: '/__debug/stats', method: 'GET', socket: { remoteAddress: '127.0.0.1' } };
			const taken = serve(req as unknown as IncomingMessage, res as unknown as ServerResponse, () =>
				Promise.reject(new Error('worker 1 is restarting'))
			);
			expect(taken).toBe(true);
		});
		expect(reply).toEqual({ status: 503, text: 'Figures unavailable: worker 1 is restarting' });
	});
});

describe('a join body too large to route', () => {
	it('is refused as the app refuses a large body: JSON too_large to the API, text to the form', () => {
		const api = joinTooLarge('/api/live/join');
		expect(api.type).toBe('application/json');
		expect(JSON.parse(api.text)).toEqual({
			code: 'too_large',
			message: 'The request body is too large: a join takes at most 16 KB.'
		});
		expect(joinTooLarge('/join')).toEqual({
			type: 'text/plain; charset=utf-8',
			text: 'The request body is too large: a join takes at most 16 KB.'
		});
	});
});
