import { describe, expect, it } from 'vitest';
import { nodeRequest, recordingResponse as response } from '../testing/nodeHttp';
import { answerEndpoint } from './answerEndpoint';
import type { LiveGames } from './liveGames';

/** A POST of `body` to the answer path, as node:http hands it over. */
const request = (body: string) => nodeRequest(body, { url: '/api/live/play/123456/answer' });

const LIMIT = 64 * 1024;

describe('the node:http answer endpoint', () => {
	it('answers a body nested 30,000 deep with 400, and never reaches the game', async () => {
		const endpoint = answerEndpoint(() => {
			throw new Error('a body that deep must be refused before any game is looked up');
		}, LIMIT);
		const { res, replied } = response();
		expect(endpoint(request('['.repeat(30_000) + ']'.repeat(30_000)), res)).toBe(true);
		const reply = await replied;
		expect(reply.status).toBe(400);
		expect(reply.body).toMatchObject({ code: 'bad_body', message: expect.stringMatching(/nest/) });
	});

	it('turns an unexpected failure into a 500 reply instead of an error out of its listener', async () => {
		const broken = {
			byCode: () => ({ id: 'g' }),
			answerGrouped: () => {
				throw new TypeError('unexpected');
			}
		} as unknown as LiveGames;
		const { res, replied } = response();
		const errors: unknown[] = [];
		const log = console.error;
		console.error = (...args: unknown[]) => void errors.push(args);
		try {
			expect(answerEndpoint(() => broken, LIMIT)(request('{"questionIndex":0}'), res)).toBe(true);
			expect((await replied).status).toBe(500);
		} finally {
			console.error = log;
		}
		expect(errors).toHaveLength(1);
	});
});
