/**
 * Every limit of issue 10 on the real server, each shown refusing with 429 (and Retry-After where
 * waiting helps), and a class of 300 behind one address still joining within a minute. The server
 * trusts X-Forwarded-For here (ADDRESS_HEADER), so each test plays from its own address.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { raw } from './httpFixtures';
import { Client, CONFIG, serveForTests, signUpTeacher } from './liveServer';

serveForTests({
	ADDRESS_HEADER: 'x-forwarded-for',
	XFF_DEPTH: '1',
	LIMIT_PLAYERS_PER_GAME: '320',
	LIMIT_WRONG_CODES_PER_10_MINUTES: '20',
	LIMIT_STREAMS_PER_SEAT: '3',
	LIMIT_STREAMS_PER_ADDRESS: '8',
	BODY_SIZE_LIMIT: '16K'
});

let host: Client;
beforeAll(async () => {
	({ client: host } = await signUpTeacher());
});

async function newGame(): Promise<{ gameId: string; code: string }> {
	const res = await host.request('/api/live/host', { body: CONFIG });
	expect(res.status).toBe(201);
	return res.json;
}

function join(address: string, code: string, nickname: string, client = new Client()) {
	return raw(client, '/api/live/join', {
		contentType: 'application/json',
		body: JSON.stringify({ code, nickname }),
		headers: { 'x-forwarded-for': address }
	});
}

describe('joins from one address', () => {
	it('seat a class of 300 in well under a minute, then answer 429 with Retry-After', async () => {
		const { code } = await newGame();
		const address = '10.0.0.1';
		const started = Date.now();
		const statuses: number[] = [];
		for (let i = 0; i < 300; i += 30) {
			const batch = await Promise.all(
				Array.from({ length: 30 }, (_, j) => join(address, code, `Student ${i + j}`))
			);
			statuses.push(...batch.map((r) => r.status));
		}
		const seconds = (Date.now() - started) / 1000;
		console.log(`300 joins from one address: ${seconds.toFixed(1)} s`);
		expect(statuses.filter((s) => s === 200)).toHaveLength(300);
		expect(seconds).toBeLessThan(60);

		// The default budget is 600 a minute (refilled evenly): keep joining other games (100 seats
		// each, so no game fills up) faster than it refills, until it runs out.
		let other = await newGame();
		let refused: Awaited<ReturnType<typeof join>> | undefined;
		for (let i = 0; i < 1500 && !refused; i += 20) {
			if (i % 100 === 0) other = await newGame();
			const batch = await Promise.all(
				Array.from({ length: 20 }, (_, j) => join(address, other.code, `Again ${i + j}`))
			);
			for (const reply of batch) {
				if (reply.status === 429) refused ??= reply;
				else expect(reply.status).toBe(200);
			}
		}
		expect(refused?.status).toBe(429);
		expect(Number(refused?.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
		expect(JSON.parse(refused!.text).code).toBe('too_many_joins');
		// Another address is not held up.
		expect((await join('10.0.0.2', other.code, 'Elsewhere')).status).toBe(200);
	});
});

describe('players per game', () => {
	it('stop at the limit with 429', async () => {
		const { code } = await newGame();
		let full: Awaited<ReturnType<typeof join>> | undefined;
		for (let i = 0; i < 330 && !full; i++) {
			// Spread over addresses so that the join budget is not what refuses.
			const reply = await join(`10.1.${Math.floor(i / 200)}.${i % 200}`, code, `Seat ${i}`);
			if (reply.status === 429) full = reply;
		}
		expect(full?.status).toBe(429);
		expect(JSON.parse(full!.text)).toMatchObject({ code: 'game_full' });
		expect(JSON.parse(full!.text).message).toMatch(/320/);
	});
});

describe('wrong join codes from one address', () => {
	it('are answered 429 with Retry-After once too many were tried, even for a right code', async () => {
		const { code } = await newGame();
		const address = '10.2.0.1';
		const tried: number[] = [];
		for (let i = 0; i < 25; i++) {
			const guess = String(100000 + i * 7919).slice(0, 6);
			if (guess === code) continue;
			const reply = await raw(new Client(), `/api/live/play/${guess}/state`, {
				method: 'GET',
				headers: { 'x-forwarded-for': address }
			});
			tried.push(reply.status);
		}
		expect(tried.slice(0, 20).every((s) => s === 401)).toBe(true);
		expect(tried.at(-1)).toBe(429);
		const blocked = await join(address, code, 'Guesser');
		expect(blocked.status).toBe(429);
		expect(JSON.parse(blocked.text).code).toBe('too_many_wrong_codes');
		expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
		// Someone else at another address joins the same game.
		expect((await join('10.2.0.2', code, 'Honest')).status).toBe(200);
	});
});

describe('event streams', () => {
	it('are limited per seat and per address with 429', async () => {
		const { code } = await newGame();
		const phone = new Client();
		expect((await join('10.3.0.1', code, 'Streamer', phone)).status).toBe(200);
		const open: AbortController[] = [];
		const openStream = async (client: Client, address: string) => {
			const controller = new AbortController();
			const res = await fetch(
				`http://localhost:${process.env.E2E_PORT ?? 4175}/api/live/play/${code}/events`,
				{
					headers: {
						cookie: [...client.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
						'x-forwarded-for': address
					},
					signal: controller.signal
				}
			);
			open.push(controller);
			return res.status;
		};
		try {
			const perSeat = [];
			for (let i = 0; i < 4; i++) perSeat.push(await openStream(phone, '10.3.0.1'));
			expect(perSeat).toEqual([200, 200, 200, 429]);

			const perAddress = [];
			for (let i = 0; i < 6; i++) {
				const other = new Client();
				expect((await join('10.3.0.9', code, `Class ${i}`, other)).status).toBe(200);
				perAddress.push(await openStream(other, '10.3.0.9'));
			}
			// 8 per address: the streams of 10.3.0.1 do not count against 10.3.0.9.
			expect(perAddress).toEqual([200, 200, 200, 200, 200, 200]);
			const extra = [];
			for (let i = 0; i < 3; i++) {
				const other = new Client();
				await join('10.3.0.9', code, `More ${i}`, other);
				extra.push(await openStream(other, '10.3.0.9'));
			}
			expect(extra).toEqual([200, 200, 429]);
		} finally {
			for (const c of open) c.abort();
		}
		// Closed streams give their places back.
		await new Promise((r) => setTimeout(r, 300));
		expect(await openStream(phone, '10.3.0.1')).toBe(200);
		for (const c of open) c.abort();
	});
});

describe('request bodies', () => {
	it('above the size limit are refused with 413', async () => {
		const reply = await raw(new Client(), '/api/live/join', {
			contentType: 'application/json',
			body: JSON.stringify({ code: '123456', nickname: 'x'.repeat(20_000) }),
			headers: { 'x-forwarded-for': '10.4.0.1' }
		});
		expect(reply.status).toBe(413);
	});
});
