/**
 * Joins are served on node:http ahead of SvelteKit (src/lib/server/live/joinEndpoint.ts). The same
 * joins are played against a server with the fast path and one without (SLANT_FAST_JOINS=0): every
 * status, body, seat cookie and Retry-After must match, including the limits (joins and wrong
 * codes per address, players per game), and a refused join writes nothing.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { sendCounted } from './httpFixtures';
import { Client, CONFIG, buildApp, onFreshServer, signUpTeacher } from './liveServer';

const LIMITS = {
	ADDRESS_HEADER: 'x-forwarded-for',
	XFF_DEPTH: '1',
	LIMIT_PLAYERS_PER_GAME: '3',
	LIMIT_JOINS_PER_MINUTE: '6',
	LIMIT_WRONG_CODES_PER_10_MINUTES: '2'
};

interface Outcome {
	label: string;
	status: number;
	body: unknown;
	/** The seat cookie's attributes (its value differs per server). */
	cookie: string | null;
	retryAfter: string | null;
	contentType: string | null;
}

interface Played {
	outcomes: Outcome[];
	refusedWroteNothing: boolean;
	/** A seat taken through the door works for the player's next requests. */
	seatWorks: number;
}

async function play(databasePath: string): Promise<Played> {
	const { client: teacher } = await signUpTeacher();
	const created = await teacher.request('/api/live/host', { body: CONFIG });
	const { gameId, code } = created.json as { gameId: string; code: string };
	const over = await teacher.request('/api/live/host', { body: CONFIG });
	await teacher.request(`/api/live/host/${over.json.gameId}/command`, { body: { command: 'end' } });
	const ada = new Client();
	const removed = new Client();
	const json = (body: unknown) => JSON.stringify(body);
	type Case = [string, Client | null, string, string, string | null];
	const cases: Case[] = [
		['seated', ada, '10.0.0.1', 'application/json', json({ code, nickname: 'Ada' })],
		['seat back', ada, '10.0.0.1', 'application/json', json({ code, nickname: 'Other' })],
		['nickname taken', null, '10.0.0.2', 'application/json', json({ code, nickname: 'ADA' })],
		['empty nickname', null, '10.0.0.2', 'application/json', json({ code, nickname: '  ' })],
		[
			'spaced code',
			null,
			'10.0.0.2',
			'application/json',
			json({ code: ` ${code.slice(0, 3)} ${code.slice(3)}`, nickname: 'Bo' })
		],
		[
			'code not a string',
			null,
			'10.0.0.3',
			'application/json',
			json({ code: 123456, nickname: 'Cy' })
		],
		['code too short', null, '10.0.0.3', 'application/json', json({ code: '123', nickname: 'Cy' })],
		['null body', null, '10.0.0.3', 'application/json', 'null'],
		['broken JSON', null, '10.0.0.3', 'application/json', '{"code":'],
		['text body', null, '10.0.0.3', 'text/plain', json({ code, nickname: 'Cy' })],
		[
			'too large',
			null,
			'10.0.0.3',
			'application/json',
			json({ code, nickname: 'x'.repeat(70_000) })
		],
		[
			'game over',
			null,
			'10.0.0.4',
			'application/json',
			json({ code: over.json.code, nickname: 'Di' })
		],
		['removed player', removed, '10.0.0.4', 'application/json', json({ code, nickname: 'Ed' })],
		[
			'removed player again',
			removed,
			'10.0.0.4',
			'application/json',
			json({ code, nickname: 'Ed' })
		],
		['seated too', null, '10.0.0.4', 'application/json', json({ code, nickname: 'Flo' })],
		['game full', null, '10.0.0.4', 'application/json', json({ code, nickname: 'Gus' })],
		['wrong code', null, '10.0.0.5', 'application/json', json({ code: '000001', nickname: 'Hal' })],
		[
			'wrong code again',
			null,
			'10.0.0.5',
			'application/json',
			json({ code: '000002', nickname: 'Hal' })
		],
		['too many wrong codes', null, '10.0.0.5', 'application/json', json({ code, nickname: 'Hal' })]
	];
	// An address that has used up its joins (6 a minute): the seventh is refused.
	for (let i = 1; i <= 7; i++) {
		cases.push([
			`busy network ${i}`,
			null,
			'10.0.0.9',
			'application/json',
			json({ code: '000003', nickname: `N${i}` })
		]);
	}
	const outcomes: Outcome[] = [];
	let refusedWroteNothing = true;
	let lastPlayerId = '';
	for (const [label, client, address, contentType, body] of cases) {
		if (label === 'removed player again') {
			await teacher.request(`/api/live/host/${gameId}/command`, {
				body: { command: 'remove', playerId: lastPlayerId }
			});
		}
		const { reply, json, wroteNothing } = await sendCounted(
			databasePath,
			client,
			'/api/live/join',
			{
				contentType,
				body: body ?? undefined,
				headers: { 'x-forwarded-for': address }
			}
		);
		// A reply that is not JSON is compared as text.
		const parsed = json === undefined ? reply.text : json;
		refusedWroteNothing &&= wroteNothing;
		if (reply.status === 200) lastPlayerId = (parsed as { playerId: string }).playerId;
		const cookie = reply.headers.get('set-cookie');
		outcomes.push({
			label,
			status: reply.status,
			// Ids differ per server: the reply's shape and nickname are compared.
			body:
				reply.status === 200
					? { ...(parsed as object), gameId: 'id', code: 'code', playerId: 'id' }
					: parsed,
			cookie: cookie?.replace(/^[^=]*=[^;]*/, 'seat') ?? null,
			retryAfter: reply.headers.get('retry-after'),
			contentType: reply.headers.get('content-type')
		});
	}
	const state = await ada.request(`/api/live/play/${code}/state`);
	return { outcomes, refusedWroteNothing, seatWorks: state.status };
}

let viaSvelteKit: Played;
let viaNodeHttp: Played;

beforeAll(async () => {
	buildApp();
	viaSvelteKit = await onFreshServer({ ...LIMITS, SLANT_FAST_JOINS: '0' }, play);
	viaNodeHttp = await onFreshServer(LIMITS, play);
}, 240_000);

describe('the node:http join endpoint', () => {
	it('gives every join the status, body, seat cookie and Retry-After the SvelteKit route gives it', () => {
		expect(viaNodeHttp.outcomes).toEqual(viaSvelteKit.outcomes);
		// The cases cover a seat, each refusal and each limit, so the comparison means something.
		const codes = viaNodeHttp.outcomes.map((o) => (o.body as { code?: string }).code);
		for (const code of [
			'nickname_taken',
			'bad_nickname',
			'bad_code',
			'bad_body',
			'too_large',
			'game_over',
			'removed',
			'game_full',
			'game_not_found',
			'too_many_wrong_codes',
			'too_many_joins'
		]) {
			expect(codes).toContain(code);
		}
		const seated = viaNodeHttp.outcomes.find((o) => o.label === 'seated');
		expect(seated).toMatchObject({ status: 200, body: { nickname: 'Ada', rejoined: false } });
		expect(seated?.cookie).toBe('seat; Max-Age=43200; Path=/; HttpOnly; SameSite=Lax');
		expect(viaNodeHttp.outcomes.find((o) => o.label === 'seat back')?.body).toMatchObject({
			nickname: 'Ada',
			rejoined: true
		});
	});

	it('writes nothing for a refused join, and the seat it gives works', () => {
		expect(viaNodeHttp.refusedWroteNothing).toBe(true);
		expect(viaSvelteKit.refusedWroteNothing).toBe(true);
		expect(viaNodeHttp.seatWorks).toBe(200);
	});
});
