import { describe, expect, it } from 'vitest';
import { nodeRequest, recordingResponse as response, type RequestShape } from '../testing/nodeHttp';
import { httpsOrigin, joinEndpoint } from './joinEndpoint';
import type { LiveGames } from './liveGames';

const LIMIT = 64 * 1024;

/** A join as node:http hands it over. */
const request = (body: string, shape: Pick<RequestShape, 'type' | 'cookie'> = {}) =>
	nodeRequest(body, { url: '/api/live/join', remoteAddress: '192.0.2.7', ...shape });

const seated = {
	joinFromJson: () => ({
		reply: { gameId: 'g1', code: '123456', playerId: 'p1', nickname: 'Ada', rejoined: false },
		gameId: 'g1',
		token: 'tok/en'
	})
} as unknown as LiveGames;

describe('the node:http join endpoint', () => {
	it('seats a JSON join and sets the seat cookie as SvelteKit writes it', async () => {
		const { res, replied, headers } = response();
		const endpoint = joinEndpoint(() => seated, LIMIT, { ORIGIN: 'https://slant.school.example' });
		expect(endpoint(request('{"nickname":"Ada"}'), res)).toBe(true);
		const reply = await replied;
		expect(reply.status).toBe(200);
		expect(reply.body).toMatchObject({ playerId: 'p1', rejoined: false });
		expect(headers()['set-cookie']).toBe(
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
