/**
 * The live answer endpoint is served on node:http ahead of SvelteKit (src/lib/server/live/
 * answerEndpoint.ts). It must refuse and accept exactly as the SvelteKit route with the request
 * guard does: the same requests are played against a server with the fast path and one without
 * (SLANT_FAST_ANSWER=0), and every reply must match.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { raw, rowCounts, type RawReply } from './httpFixtures';
import { Client, CONFIG, anyResponse, buildApp, onFreshServer, signUpTeacher } from './liveServer';

const SECURITY = ['x-content-type-options', 'referrer-policy', 'x-frame-options'];

interface Outcome {
	label: string;
	status: number;
	body: unknown;
	headers: Headers;
}

interface Played {
	outcomes: Outcome[];
	stored: number;
	refusedWroteNothing: boolean;
}

/** A live game in its first question with five seated players; then every case, in order. */
async function play(databasePath: string): Promise<Played> {
	const { client: teacher } = await signUpTeacher();
	const created = await teacher.request('/api/live/host', {
		body: { ...CONFIG, secondsPerQuestion: null }
	});
	const { gameId, code } = created.json as { gameId: string; code: string };
	const players: Client[] = [];
	for (let i = 0; i < 5; i++) {
		const player = new Client();
		await player.request('/api/live/join', { body: { code, nickname: `Fast ${i}` } });
		players.push(player);
	}
	await teacher.request(`/api/live/host/${gameId}/command`, { body: { command: 'start' } });
	const state = await players[0].request(`/api/live/play/${code}/state`);
	const question = state.json.question.question;
	const response = anyResponse(question);
	const wrongKind =
		question.kind === 'judge'
			? { kind: 'name', techniqueId: 'loaded-language' }
			: { kind: 'judge', loaded: true };
	const path = `/api/live/play/${code}/answer`;
	const json = (body: unknown) => JSON.stringify(body);
	const answer = (requestId: string, extra: object = {}) =>
		json({ questionIndex: 0, requestId, response, ...extra });
	const cases: [string, Client | null, string, string | null, string | Uint8Array][] = [
		['no seat', null, path, 'application/json', answer('x')],
		['unknown game', players[0], '/api/live/play/000000/answer', 'application/json', answer('x')],
		['broken JSON', players[0], path, 'application/json', '{"questionIndex":'],
		[
			'invalid UTF-8',
			players[0],
			path,
			'application/json',
			new Uint8Array([0x7b, 0x22, 0xff, 0x22, 0x3a, 0x31, 0x7d])
		],
		[
			'lone surrogate',
			players[0],
			path,
			'application/json',
			answer('LONE').replace('LONE', '\\ud800')
		],
		['no request id', players[0], path, 'application/json', json({ questionIndex: 0, response })],
		['wrong kind', players[0], path, 'application/json', answer('k', { response: wrongKind })],
		[
			'a later question',
			players[0],
			path,
			'application/json',
			answer('later', { questionIndex: 2 })
		],
		['text body', players[0], path, 'text/plain', answer('t')],
		['no content type', players[0], path, null, answer('n')],
		['too large', players[0], path, 'application/json', answer('x'.repeat(70_000))],
		['accepted', players[0], path, 'application/json', answer('a0')],
		['replayed', players[0], path, 'application/json', answer('a0')],
		['second answer', players[0], path, 'application/json', answer('a0-again')],
		['charset parameter', players[1], path, 'application/json; charset=utf-8', answer('a1')],
		['upper case type', players[2], path, 'Application/JSON', answer('a2')]
	];
	const before = rowCounts(databasePath);
	const outcomes: Outcome[] = [];
	let refusedWroteNothing = true;
	for (const [label, client, url, contentType, body] of cases) {
		const counts = rowCounts(databasePath);
		const reply: RawReply = await raw(client, url, { contentType, body });
		let parsed: unknown = reply.text;
		try {
			parsed = JSON.parse(reply.text);
		} catch {
			// a text reply is compared as text
		}
		if (reply.status !== 200) {
			refusedWroteNothing &&= JSON.stringify(rowCounts(databasePath)) === JSON.stringify(counts);
		}
		outcomes.push({ label, status: reply.status, body: parsed, headers: reply.headers });
	}
	return {
		outcomes,
		stored: rowCounts(databasePath).answers - before.answers,
		refusedWroteNothing
	};
}

let viaSvelteKit: Played;
let viaNodeHttp: Played;

beforeAll(async () => {
	buildApp();
	viaSvelteKit = await onFreshServer({ SLANT_FAST_ANSWER: '0' }, play);
	viaNodeHttp = await onFreshServer({}, play);
}, 240_000);

describe('the node:http answer endpoint', () => {
	it('gives every request the status and body the SvelteKit route gives it', () => {
		// Each server drew its own round: a message that names the question's kind is compared without it.
		const summary = (p: Played) =>
			p.outcomes.map(({ label, status, body }) => ({
				label,
				status,
				body: JSON.parse(JSON.stringify(body).replace(/\(a \w+ question\)/, '(a … question)'))
			}));
		expect(summary(viaNodeHttp)).toEqual(summary(viaSvelteKit));
		// The cases cover acceptance and each kind of refusal, so the comparison means something.
		const statuses = new Set(viaNodeHttp.outcomes.map((o) => o.status));
		for (const status of [200, 400, 401, 409, 413, 415]) expect(statuses).toContain(status);
	});

	it('stores the accepted answers once and writes nothing for a refusal, as the route does', () => {
		expect(viaNodeHttp.stored).toBe(3);
		expect(viaSvelteKit.stored).toBe(3);
		expect(viaNodeHttp.refusedWroteNothing).toBe(true);
	});

	it('sends the security headers and a JSON content type on its replies', () => {
		for (const outcome of viaNodeHttp.outcomes) {
			if (outcome.label === 'text body' || outcome.label === 'no content type') continue;
			expect(outcome.headers.get('content-type'), outcome.label).toBe('application/json');
			for (const name of SECURITY) expect(outcome.headers.get(name), outcome.label).not.toBeNull();
		}
	});
});
