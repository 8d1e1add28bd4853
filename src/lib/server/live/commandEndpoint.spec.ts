import { describe, expect, it } from 'vitest';
import { nodeRequest, recordingResponse as response, type RequestShape } from '../testing/nodeHttp';
import { commandEndpoint } from './commandEndpoint';
import { LiveError } from './errors';
import type { LiveGames } from './liveGames';

const PATH = '/api/live/host/g1/command';
const LIMIT = 64 * 1024;

/** A request as node:http hands it over: by default Ada's JSON command to game g1. */
const request = (body: string, shape: Partial<RequestShape> = {}) =>
	nodeRequest(body, { url: PATH, cookie: 'slant_session=good', ...shape });

/** A service that records the host commands it is given. */
function service() {
	const calls: unknown[][] = [];
	const live = {
		hostCommand: (gameId: string, teacherId: string | undefined, body: unknown) => {
			calls.push([gameId, teacherId, body]);
			if (teacherId !== 'ada') throw new LiveError(404, 'game_not_found', 'No such game.');
			return { role: 'host', phase: 'question' };
		}
	} as unknown as LiveGames;
	return { live: () => live, calls };
}

/** Sessions: `good` is Ada's and needs nothing done, `other` is Bob's; any other needs the hook. */
const teacherOf = (token: string) =>
	token === 'good' ? { id: 'ada' } : token === 'other' ? { id: 'bob' } : null;

describe('the node:http host command endpoint', () => {
	it('takes a JSON command from a settled session, and replies with the service view', async () => {
		const { live, calls } = service();
		const { res, replied } = response();
		const endpoint = commandEndpoint(live, teacherOf, LIMIT);
		expect(endpoint(request('{"command":"start"}'), res)).toBe(true);
		expect(await replied).toEqual({ status: 200, body: { role: 'host', phase: 'question' } });
		expect(calls).toEqual([['g1', 'ada', { command: 'start' }]]);
	});

	it("answers another teacher's command with the service's 404", async () => {
		const { live } = service();
		const { res, replied } = response();
		const endpoint = commandEndpoint(live, teacherOf, LIMIT);
		expect(endpoint(request('{"command":"start"}', { cookie: 'slant_session=other' }), res)).toBe(
			true
		);
		expect(await replied).toMatchObject({ status: 404, body: { code: 'game_not_found' } });
	});

	it('refuses a broken or oversized body before the service sees it', async () => {
		const { live, calls } = service();
		const endpoint = commandEndpoint(live, teacherOf, LIMIT);
		const broken = response();
		endpoint(request('{"command":'), broken.res);
		expect(await broken.replied).toMatchObject({ status: 400, body: { code: 'bad_body' } });
		const large = response();
		endpoint(request(JSON.stringify({ command: 'x'.repeat(LIMIT) })), large.res);
		expect(await large.replied).toMatchObject({ status: 413, body: { code: 'too_large' } });
		expect(calls).toEqual([]);
	});

	it('leaves to SvelteKit what its hook or CSRF check must see, and other requests', () => {
		const { live, calls } = service();
		const endpoint = commandEndpoint(live, teacherOf, LIMIT);
		const declined = [
			request('command=start', { type: 'application/x-www-form-urlencoded' }),
			request('{"command":"start"}', { type: 'text/plain' }),
			request('{"command":"start"}', { cookie: '' }),
			// Unknown, expired or due for extension: the hook clears or extends it and sets the cookie.
			request('{"command":"start"}', { cookie: 'slant_session=late' }),
			request('{"command":"start"}', { method: 'PUT' }),
			request('{"command":"start"}', { url: '/api/live/host/g1/state' }),
			request('{"command":"start"}', { url: '/api/live/host/%E0%A4%A/command' })
		];
		for (const req of declined) expect(endpoint(req, response().res)).toBe(false);
		expect(calls).toEqual([]);
	});
});
