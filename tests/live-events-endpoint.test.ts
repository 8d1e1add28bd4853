/**
 * The player's event stream is served on node:http ahead of SvelteKit (src/lib/server/live/
 * eventsEndpoint.ts). It must refuse, hold places and send events exactly as the SvelteKit route
 * behind the request guard does: the same requests are played against a server with the node:http
 * stream and one without (SLANT_FAST_EVENTS=0), and every outcome must match.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { BASE, Client, CONFIG, buildApp, onFreshServer, signUpTeacher } from './liveServer';

const LIMITS = { LIMIT_STREAMS_PER_SEAT: '2', LIMIT_WRONG_CODES_PER_10_MINUTES: '3' };
const HEADERS = [
	'content-type',
	'cache-control',
	'x-accel-buffering',
	'x-content-type-options',
	'referrer-policy',
	'x-frame-options'
];

/** An event stream held open: its status, chosen headers, and the phases of its state events. */
class HeldStream {
	status = 0;
	headers: Record<string, string | null> = {};
	body = '';
	phases: string[] = [];
	ended = false;
	private readonly controller = new AbortController();
	private readonly opened: Promise<void>;

	constructor(client: Client | null, path: string) {
		const cookie = client ? [...client.cookies].map(([k, v]) => `${k}=${v}`).join('; ') : '';
		this.opened = fetch(`${BASE}${path}`, {
			headers: { cookie, accept: 'text/event-stream' },
			signal: this.controller.signal
		}).then(
			async (res) => {
				this.status = res.status;
				for (const name of HEADERS) this.headers[name] = res.headers.get(name);
				void this.read(res);
			},
			() => {
				this.ended = true;
			}
		);
	}

	private async read(res: Response) {
		const reader = res.body!.getReader();
		const decoder = new TextDecoder();
		try {
			for (;;) {
				const { value, done } = await reader.read();
				if (done) break;
				this.body += decoder.decode(value, { stream: true });
				this.phases = this.body
					.split('\n\n')
					.map((block) => /^data: (.*)$/m.exec(block)?.[1])
					.filter((data): data is string => data !== undefined)
					.map((data) => (JSON.parse(data) as { phase: string }).phase);
			}
		} catch {
			// aborted
		}
		this.ended = true;
	}

	ready() {
		return this.opened;
	}

	async until(test: (s: HeldStream) => boolean, ms = 5000) {
		const end = Date.now() + ms;
		while (!test(this) && Date.now() < end) await new Promise((r) => setTimeout(r, 20));
		return test(this);
	}

	close() {
		this.controller.abort();
	}
}

interface Outcome {
	label: string;
	status: number;
	/** The refusal's JSON, or for a stream its phases so far. */
	body: unknown;
	headers: Record<string, string | null>;
}

async function once(label: string, client: Client | null, path: string): Promise<Outcome> {
	const stream = new HeldStream(client, path);
	await stream.ready();
	await stream.until((s) => s.ended || s.phases.length > 0);
	stream.close();
	const body = stream.status === 200 ? stream.phases : JSON.parse(stream.body || 'null');
	return { label, status: stream.status, body, headers: stream.headers };
}

/** A live game in its lobby with two seated players; then every case, in order. */
async function play(): Promise<Outcome[]> {
	const { client: teacher } = await signUpTeacher();
	const created = await teacher.request('/api/live/host', {
		body: { ...CONFIG, secondsPerQuestion: null }
	});
	const { gameId, code } = created.json as { gameId: string; code: string };
	const players = [new Client(), new Client()];
	for (const [i, player] of players.entries()) {
		await player.request('/api/live/join', { body: { code, nickname: `Stream ${i}` } });
	}
	const path = `/api/live/play/${code}/events`;
	const outcomes: Outcome[] = [];
	outcomes.push(await once('no seat', new Client(), path));
	outcomes.push(await once('not a code', players[0], '/api/live/play/abc/events'));
	outcomes.push(await once('another game', players[0], '/api/live/play/000000/events'));

	// Two streams per seat: the third is refused until one of the two is closed.
	const first = new HeldStream(players[0], path);
	const second = new HeldStream(players[0], path);
	await Promise.all([first.ready(), second.ready()]);
	await first.until((s) => s.phases.length > 0);
	outcomes.push({ label: 'stream', status: first.status, body: [], headers: first.headers });
	outcomes.push(await once('third stream of a seat', players[0], path));
	outcomes.push(await once('another seat', players[1], path));
	second.close();
	await new Promise((r) => setTimeout(r, 300));
	outcomes.push(await once('after one closed', players[0], path));

	// The open stream follows the game to its end, and the stream then ends.
	await teacher.request(`/api/live/host/${gameId}/command`, { body: { command: 'start' } });
	await first.until((s) => s.phases.includes('question'));
	await teacher.request(`/api/live/host/${gameId}/command`, { body: { command: 'skip' } });
	await first.until((s) => s.phases.includes('reveal'));
	// End: the podium, then the game is over.
	await teacher.request(`/api/live/host/${gameId}/command`, { body: { command: 'end' } });
	await first.until((s) => s.phases.includes('podium'));
	await teacher.request(`/api/live/host/${gameId}/command`, { body: { command: 'end' } });
	await first.until((s) => s.ended);
	outcomes.push({
		label: 'followed the game',
		status: first.status,
		body: { phases: first.phases, ended: first.ended },
		headers: {}
	});
	outcomes.push(await once('after the end', players[0], path));

	// Wrong codes per address: the guard's budget of 3 (one spent above) runs out.
	outcomes.push(await once('wrong code 2', players[0], '/api/live/play/111111/events'));
	outcomes.push(await once('wrong code 3', players[0], '/api/live/play/222222/events'));
	outcomes.push(await once('wrong code blocked', players[0], '/api/live/play/333333/events'));
	outcomes.push(await once('right code blocked too', players[1], path));
	return outcomes;
}

let viaSvelteKit: Outcome[];
let viaNodeHttp: Outcome[];

beforeAll(async () => {
	buildApp();
	viaSvelteKit = await onFreshServer({ ...LIMITS, SLANT_FAST_EVENTS: '0' }, play);
	viaNodeHttp = await onFreshServer(LIMITS, play);
}, 240_000);

describe('the node:http player event stream', () => {
	it('gives every request the status, body and headers the SvelteKit route gives it', () => {
		// Retry-After counts down, so only its presence is compared (it is in the message too).
		const summary = (outcomes: Outcome[]) =>
			outcomes.map((o) => ({
				...o,
				body: JSON.parse(JSON.stringify(o.body).replace(/in \d+ s/, 'in … s'))
			}));
		expect(summary(viaNodeHttp)).toEqual(summary(viaSvelteKit));
	});

	it('covers acceptance and each refusal, so the comparison means something', () => {
		const by = new Map(viaNodeHttp.map((o) => [o.label, o]));
		expect(by.get('stream')?.status).toBe(200);
		expect(by.get('stream')?.headers['content-type']).toBe('text/event-stream; charset=utf-8');
		expect(by.get('stream')?.headers['x-frame-options']).toBe('DENY');
		expect(by.get('no seat')?.status).toBe(401);
		expect(by.get('another game')?.status).toBe(401);
		expect(by.get('third stream of a seat')).toMatchObject({
			status: 429,
			body: { code: 'too_many_streams' }
		});
		expect(by.get('another seat')?.status).toBe(200);
		expect(by.get('after one closed')?.status).toBe(200);
		expect(by.get('followed the game')?.body).toEqual({
			phases: ['lobby', 'question', 'reveal', 'podium', 'ended'],
			ended: true
		});
		expect(by.get('wrong code 3')?.status).toBe(401);
		expect(by.get('wrong code blocked')).toMatchObject({
			status: 429,
			body: { code: 'too_many_wrong_codes' }
		});
		expect(by.get('right code blocked too')?.status).toBe(429);
	});
});
