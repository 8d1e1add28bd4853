/**
 * The server with WORKERS=2: one primary routing to two worker processes. Each response names the
 * worker that made it (x-slant-worker), so the tests see where each request went.
 */
import { Agent, request } from 'node:http';
import { describe, expect, it } from 'vitest';
import { codeOfGameId } from '../src/lib/server/live/ownership.js';
import { FORM, form, raw, rawExchange } from './httpFixtures';
import {
	anyResponse,
	BASE,
	Client,
	CONFIG,
	serveForTests,
	signUpTeacher,
	TEACHER_PASSWORD
} from './liveServer';

const server = serveForTests({ WORKERS: '2' });

function workerOf(headers: Headers | undefined): number {
	const value = headers?.get('x-slant-worker');
	if (value === null || value === undefined) throw new Error('no x-slant-worker header');
	return Number(value);
}

/** A multipart body, as a browser's FormData sends it. */
async function multipart(fields: Record<string, string>) {
	const data = new FormData();
	for (const [k, v] of Object.entries(fields)) data.set(k, v);
	const encoded = new Response(data);
	return {
		contentType: encoded.headers.get('content-type')!,
		body: new Uint8Array(await encoded.arrayBuffer())
	};
}

/** Live games hosted by one teacher until both workers run one: [game on 0, game on 1]. */
async function gamesOnBothWorkers(host: Client, config = CONFIG) {
	const byWorker = new Map<number, { gameId: string; code: string }>();
	for (let i = 0; i < 8 && byWorker.size < 2; i++) {
		const created = await host.request('/api/live/host', { body: config });
		expect(created.status).toBe(201);
		byWorker.set(workerOf(created.headers), created.json);
	}
	expect([...byWorker.keys()].sort()).toEqual([0, 1]);
	return [byWorker.get(0)!, byWorker.get(1)!];
}

/**
 * Requests over one kept-alive connection (as a browser tab reuses one): each reply's status, the
 * worker that made it and its text; an event stream is read up to its first event. Cookies set
 * are sent with the next request; `cookie` starts them.
 */
function oneConnection(cookie = '') {
	const agent = new Agent({ keepAlive: true, maxSockets: 1 });
	const sockets = new Set<number>();
	const send = (path: string, body?: string, read = true) =>
		new Promise<{ status: number; worker: number; text: string }>((resolve, reject) => {
			const req = request(
				new URL(path, BASE),
				{
					agent,
					method: body === undefined ? 'GET' : 'POST',
					headers: {
						cookie,
						origin: BASE,
						...(body === undefined ? {} : { 'content-type': 'application/json' })
					}
				},
				(res) => {
					sockets.add(res.socket.localPort ?? -1);
					for (const line of res.headers['set-cookie'] ?? []) cookie = line.split(';')[0];
					const worker = Number(res.headers['x-slant-worker']);
					let text = '';
					res.setEncoding('utf8');
					res.on('data', (chunk: string) => {
						text += chunk;
						// An event stream never ends: its first event (after its retry line) is enough.
						if (!read && /data:[^]*\n\n/.test(text)) {
							resolve({ status: res.statusCode ?? 0, worker, text });
							res.destroy();
						}
					});
					res.on('end', () => resolve({ status: res.statusCode ?? 0, worker, text }));
				}
			);
			req.on('error', reject);
			req.end(body);
		});
	return { send, sockets, close: () => agent.destroy() };
}

describe('a live game with two worker processes', () => {
	it('is run by the worker that created it, which every request naming it reaches', async () => {
		const { client: host } = await signUpTeacher();
		const created = await gamesOnBothWorkers(host);

		for (const [owner, { gameId, code }] of created.entries()) {
			// The code is the owner's, and the id carries the code.
			expect(Number(code) % 2).toBe(owner);
			expect(codeOfGameId(gameId)).toBe(code);
			const seen: number[] = [];
			const phones = [new Client(), new Client(), new Client()];

			const json = await phones[0].request('/api/live/join', {
				body: { code: ` ${code} `, nickname: 'Json' }
			});
			expect(json.status).toBe(200);
			seen.push(workerOf(json.headers));

			const spaced = `${code.slice(0, 3)} ${code.slice(3)}`;
			const posted = await raw(phones[1], '/join', {
				contentType: FORM,
				body: form({ code: spaced, nickname: 'Form' })
			});
			expect(posted.status).toBe(303);
			expect(posted.headers.get('location')).toBe(`/game/${code}`);
			seen.push(workerOf(posted.headers));

			const qr = await raw(phones[2], `/join/${code}`, { method: 'GET' });
			expect(qr.status).toBe(200);
			seen.push(workerOf(qr.headers));
			const fields = await multipart({ code, nickname: 'Multi' });
			const joined = await raw(phones[2], `/join/${code}`, fields);
			expect(joined.status).toBe(303);
			seen.push(workerOf(joined.headers));

			const page = await raw(phones[1], `/game/${code}`, { method: 'GET' });
			expect(page.status).toBe(200);
			seen.push(workerOf(page.headers));
			const hostPage = await raw(host, `/host/${gameId}`, { method: 'GET' });
			expect(hostPage.status).toBe(200);
			seen.push(workerOf(hostPage.headers));

			const lobby = await host.events(`/api/live/host/${gameId}/events`, 1);
			expect(JSON.parse(lobby.states[0].data).players).toHaveLength(3);
			seen.push(workerOf(lobby.headers));

			const start = await host.request(`/api/live/host/${gameId}/command`, {
				body: { command: 'start' }
			});
			expect(start.status).toBe(200);
			seen.push(workerOf(start.headers));

			const state = await phones[0].request(`/api/live/play/${code}/state`);
			expect(state.json.phase).toBe('question');
			seen.push(workerOf(state.headers));
			const question = state.json.question.question;
			for (const [i, phone] of phones.entries()) {
				const answered = await phone.request(`/api/live/play/${code}/answer`, {
					body: { questionIndex: 0, requestId: `r${i}`, response: anyResponse(question) }
				});
				expect(answered.status).toBe(200);
				seen.push(workerOf(answered.headers));
			}

			// Everyone answered: the question is revealed, on the phones' event streams too.
			const stream = await phones[2].events(`/api/live/play/${code}/events`, 1);
			const revealed = JSON.parse(stream.states[0].data);
			expect(revealed.phase).toBe('reveal');
			expect(revealed.reveal.result).not.toBeNull();
			seen.push(workerOf(stream.headers));
			const hostState = await host.request(`/api/live/host/${gameId}/state`);
			expect(hostState.json.phase).toBe('reveal');
			seen.push(workerOf(hostState.headers));

			expect(new Set(seen)).toEqual(new Set([owner]));
		}
	});

	it('spreads the games one teacher creates over one kept-alive connection across the workers', async () => {
		// The primary hands the connection to one worker; the games asked for after the first must
		// not all stay there.
		const { client: host } = await signUpTeacher();
		const cookie = [...host.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
		const { send, sockets, close } = oneConnection(cookie);
		const owners: number[] = [];
		for (let i = 0; i < 4; i++) {
			const created = await send('/api/live/host', JSON.stringify(CONFIG));
			expect(created.status, created.text).toBe(201);
			const { code } = JSON.parse(created.text);
			expect(Number(code) % 2).toBe(created.worker);
			owners.push(created.worker);
		}
		expect(sockets.size).toBe(1);
		expect(new Set(owners)).toEqual(new Set([0, 1]));
		close();
	});

	it('reaches each game’s worker on one kept-alive connection, joins and event streams too', async () => {
		// The primary hands a connection to the worker of its first request; a later request on it
		// for the other worker's game must still reach that game's worker.
		const { client: host } = await signUpTeacher();
		const created = await gamesOnBothWorkers(host);
		const { send, sockets, close } = oneConnection();
		for (const round of [0, 1]) {
			for (const [owner, { code }] of created.entries()) {
				// The join page, or once seated a redirect to the game.
				const page = await send(`/join/${code}`);
				expect([200, 303]).toContain(page.status);
				expect(page.worker).toBe(owner);
				if (round === 1) continue;
				const joined = await send(
					'/api/live/join',
					JSON.stringify({ code, nickname: `Keep ${owner}` })
				);
				expect(joined.status, joined.text).toBe(200);
				expect(joined.worker).toBe(owner);
				const state = await send(`/api/live/play/${code}/state`);
				expect(state.status, state.text).toBe(200);
				expect(state.worker).toBe(owner);
			}
		}
		// All of the above went over one connection.
		expect(sockets.size).toBe(1);
		// The last seat cookie is the second game's: its event stream, asked on the same connection
		// after the first game's requests, comes from its worker.
		await send(`/join/${created[0].code}`);
		const [, last] = created;
		const stream = await send(`/api/live/play/${last.code}/events`, undefined, false);
		expect(stream.status).toBe(200);
		expect(stream.worker).toBe(1);
		expect(stream.text).toContain('data:');
		close();
	});

	it('is dropped by its worker when its teacher deletes the account on the other one', async () => {
		const { client: host } = await signUpTeacher();
		const created = await gamesOnBothWorkers(host);
		const phones = created.map(() => new Client());
		for (const [i, { code }] of created.entries()) {
			const joined = await phones[i].request('/api/live/join', { body: { code, nickname: 'P' } });
			expect(joined.status).toBe(200);
		}

		const deleted = await raw(host, '/teacher/account?/delete', {
			contentType: FORM,
			body: form({ password: TEACHER_PASSWORD, confirm: 'delete' })
		});
		expect(deleted.status).toBe(303);

		// Both games are gone from memory, whichever worker took the deletion: nobody can join.
		for (const { code } of created) {
			const late = await new Client().request('/api/live/join', {
				body: { code, nickname: 'Late' }
			});
			expect(late.status).toBe(404);
			expect(late.json.code).toBe('game_not_found');
		}
	});

	it('keeps serving after event streams opened with Connection: close end with the game', async () => {
		const { client: host } = await signUpTeacher();
		const [{ gameId, code }] = await gamesOnBothWorkers(host);
		const phone = new Client();
		await phone.request('/api/live/join', { body: { code, nickname: 'Closer' } });
		// A client without keep-alive (node:http without an agent sends Connection: close).
		const ended = new Promise<number>((resolve, reject) => {
			const url = new URL(`/api/live/play/${code}/events`, BASE);
			const cookie = [...phone.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
			const req = request(url, { agent: false, headers: { cookie } }, (res) => {
				res.resume();
				res.on('end', () => resolve(res.statusCode ?? 0));
			});
			req.on('error', reject);
			req.end();
		});
		await host.events(`/api/live/host/${gameId}/events`, 1);
		expect(
			(await host.request(`/api/live/host/${gameId}/command`, { body: { command: 'end' } })).status
		).toBe(200);
		expect(await ended).toBe(200);
		// The worker's pooled connections still take requests.
		for (let i = 0; i < 5; i++) {
			const state = await host.request(`/api/live/host/${gameId}/state`);
			expect(state.status).toBe(200);
		}
	});

	it('loses no process to a request target that is not a URL, and refuses a join too large to route', async () => {
		// `new URL('http://[')` throws: read by the primary before it hands a connection over, or by
		// a worker on a later request of a kept connection, it must become a refusal, not an exit.
		const first = await rawExchange('GET http://[ HTTP/1.1\r\nHost: x\r\n\r\n');
		expect(first).toMatch(/^HTTP\/1\.1 400 /);
		const later = await rawExchange(
			'GET / HTTP/1.1\r\nHost: x\r\n\r\n' +
				'GET http://[/game/123456 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n'
		);
		const statuses = [...later.matchAll(/^HTTP\/1\.1 (\d{3}) /gm)].map((m) => Number(m[1]));
		expect(statuses).toHaveLength(2);
		expect(statuses[0]).toBe(200);
		expect(statuses[1]).toBeGreaterThanOrEqual(400);
		expect(statuses[1]).toBeLessThan(500);
		// A join body too large to route is refused before any worker, as documented (docs/api.md),
		// from its declared length alone.
		const large = await rawExchange(
			'POST /api/live/join HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n' +
				`Content-Length: ${17 * 1024}\r\n\r\n`
		);
		expect(large).toMatch(/^HTTP\/1\.1 413 /);
		expect(JSON.parse(large.slice(large.indexOf('\r\n\r\n') + 4)).code).toBe('too_large');
		// Both workers still serve: a teacher's games land on each and answer their state.
		const { client: host } = await signUpTeacher();
		for (const { gameId } of await gamesOnBothWorkers(host)) {
			const state = await host.request(`/api/live/host/${gameId}/state`);
			expect(state.status).toBe(200);
		}
	});

	it('loses no worker to answers nested 30,000 deep: each gets 400, and play goes on', async () => {
		const { client: host } = await signUpTeacher();
		const [{ gameId, code }] = await gamesOnBothWorkers(host);
		const phone = new Client();
		await phone.request('/api/live/join', { body: { code, nickname: 'Deep' } });
		await host.request(`/api/live/host/${gameId}/command`, { body: { command: 'start' } });
		const deep = '['.repeat(30_000) + ']'.repeat(30_000);
		// A worker that died on one of these would drop it (502) and be restarting (503) for the next.
		for (let i = 0; i < 5; i++) {
			const reply = await raw(null, `/api/live/play/${code}/answer`, {
				contentType: 'application/json',
				body: deep
			});
			expect(reply.status, reply.text).toBe(400);
			expect(JSON.parse(reply.text).code).toBe('bad_body');
			expect(workerOf(reply.headers)).toBe(0);
		}
		const state = await phone.request(`/api/live/play/${code}/state`);
		const answered = await phone.request(`/api/live/play/${code}/answer`, {
			body: {
				questionIndex: 0,
				requestId: 'r',
				response: anyResponse(state.json.question.question)
			}
		});
		expect(answered.status).toBe(200);
		expect(answered.json.replayed).toBe(false);
	});

	it('goes on after both workers are killed and started again', async () => {
		const { client: host } = await signUpTeacher();
		const created = await gamesOnBothWorkers(host);
		const phones = created.map(() => new Client());
		const questions = [];
		for (const [i, { gameId, code }] of created.entries()) {
			await phones[i].request('/api/live/join', { body: { code, nickname: 'P' } });
			await host.request(`/api/live/host/${gameId}/command`, { body: { command: 'start' } });
			questions.push((await phones[i].request(`/api/live/play/${code}/state`)).json);
		}

		await server.restart();

		for (const [owner, { gameId, code }] of created.entries()) {
			const before = questions[owner];
			const after = await phones[owner].request(`/api/live/play/${code}/state`);
			expect(workerOf(after.headers)).toBe(owner);
			expect(after.json.phase).toBe('question');
			expect(after.json.question.deadline).toBe(before.question.deadline);
			const answered = await phones[owner].request(`/api/live/play/${code}/answer`, {
				body: { questionIndex: 0, requestId: 'r', response: anyResponse(before.question.question) }
			});
			expect(answered.status).toBe(200);
			const hostState = await host.request(`/api/live/host/${gameId}/state`);
			expect(workerOf(hostState.headers)).toBe(owner);
			expect(hostState.json.phase).toBe('reveal');
		}
	});
});
