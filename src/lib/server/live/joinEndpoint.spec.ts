import type { IncomingMessage, ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { httpsOrigin, joinEndpoint } from './joinEndpoint';
import type { LiveGames } from './liveGames';

const LIMIT = 64 * 1024;

/** A join as node:http hands it over. */
function request(
	body: string,
	{ type = 'application/json', cookie = '' }: { type?: string; cookie?: string } = {}
): IncomingMessage {
	const req = Readable.from([Buffer.from(body)]) as unknown as IncomingMessage;
	req.method = 'POST';
	req.url = '/api/live/join';
	req.headers = { 'content-type': type, cookie };
	(req as { socket: unknown }).socket = { remoteAddress: '192.0.2.7' };
	return req;
}

/** A response that records the one reply it gets, with its headers. */
function response() {
	let resolve: (reply: {
		status: number;
		headers: Record<string, unknown>;
		body: Record<string, unknown>;
	}) => void;
	const replied = new Promise<{
		status: number;
		headers: Record<string, unknown>;
		body: Record<string, unknown>;
	}>((r) => (resolve = r));
	let status = 0;
	let headers: Record<string, unknown> = {};
	const res = {
		headersSent: false,
		destroyed: false,
		writeHead(code: number, h: Record<string, unknown>) {
			status = code;
			headers = h;
			this.headersSent = true;
		},
		end(text: string) {
			resolve({ status, headers, body: JSON.parse(text) });
		}
	};
	return { res: res as unknown as ServerResponse, replied };
}

const seated = {
	joinFromJson: () => ({
		reply: { gameId: 'g1', code: '123456', playerId: 'p1', nickname: 'Ada', rejoined: false },
		gameId: 'g1',
		token: 'tok/en'
	})
} as unknown as LiveGames;

describe('the node:http join endpoint', () => {
	it('seats a JSON join and sets the seat cookie as SvelteKit writes it', async () => {
		const { res, replied } = response();
		const endpoint = joinEndpoint(() => seated, LIMIT, { ORIGIN: 'https://slant.school.example' });
		expect(endpoint(request('{"nickname":"Ada"}'), res)).toBe(true);
		const reply = await replied;
		expect(reply.status).toBe(200);
		expect(reply.body).toMatchObject({ playerId: 'p1', rejoined: false });
		expect(reply.headers['set-cookie']).toBe(
			'slant_player_g1=tok%2Fen; Max-Age=43200; Path=/; HttpOnly; Secure; SameSite=Lax'
		);
	});

	it('leaves forms, text and requests carrying a teacher session to SvelteKit', () => {
		const endpoint = joinEndpoint(() => seated, LIMIT, {});
		for (const req of [
			request('code=123456', { type: 'application/x-www-form-urlencoded' }),
			request('{"code":"123456"}', { type: 'text/plain' }),
			request('{"code":"123456"}', { cookie: 'slant_session=abc' })
		]) {
			expect(endpoint(req, response().res)).toBe(false);
		}
	});

	it('reads an https ORIGIN as secure, anything else not', () => {
		expect(httpsOrigin('https://slant.school.example')).toBe(true);
		expect(httpsOrigin('http://192.168.1.20:3000')).toBe(false);
		expect(httpsOrigin(undefined)).toBe(false);
		expect(httpsOrigin('not a url')).toBe(false);
	});
});
