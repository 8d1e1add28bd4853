/**
 * The start-up rehearsal (src/lib/server/live/warmUp.ts) through the real server: it runs before
 * the server answers, and it leaves nothing behind: no game, seat, answer or account in the
 * database, and no real address's limits spent (the limits here are tiny, so a rehearsal of 200
 * players counted against 127.0.0.1 would refuse the class below).
 */
import { describe, expect, it } from 'vitest';
import { rowCounts } from './httpFixtures';
import { CONFIG, Client, serveForTests, signUpTeacher } from './liveServer';

const server = serveForTests({
	WARM_UP_PLAYERS: '200',
	LIMIT_JOINS_PER_MINUTE: '3',
	LIMIT_WRONG_CODES_PER_10_MINUTES: '1',
	LIMIT_STREAMS_PER_ADDRESS: '2'
});

describe('the start-up rehearsal', () => {
	it('plays a game of 200 players before the server answers its first request', () => {
		expect(server.output()).toMatch(
			/Warmed up: a rehearsal game of 200 players and [1-9]\d* questions in \d+ ms\./
		);
		expect(server.output()).not.toMatch(/rehearsal did not finish/);
	});

	it('leaves no game, seat, answer, account or session in the database', () => {
		const counts = rowCounts(server.databasePath);
		for (const table of ['games', 'players', 'answers', 'teachers', 'sessions']) {
			expect(counts[table], table).toBe(0);
		}
		expect(counts.articles).toBeGreaterThan(0);
	});

	it('spends none of the limits of the addresses real players come from', async () => {
		const { client: teacher } = await signUpTeacher();
		const created = await teacher.request('/api/live/host', { body: CONFIG });
		expect(created.status).toBe(201);
		const { code } = created.json as { code: string };
		// Two joins and two event streams from 127.0.0.1, then one wrong code: its whole budget of each.
		const phones = [new Client(), new Client()];
		for (const [i, phone] of phones.entries()) {
			const joined = await phone.request('/api/live/join', {
				body: { code, nickname: `Phone ${i + 1}` }
			});
			expect(joined.status, joined.text).toBe(200);
		}
		for (const phone of phones) {
			const stream = await phone.events(`/api/live/play/${code}/events`, 1);
			expect(stream.states).toHaveLength(1);
		}
		// The one wrong code this address may try is still there: the first is only counted.
		const wrong = await new Client().request('/api/live/join', {
			body: { code: code === '000000' ? '000001' : '000000', nickname: 'Guess' }
		});
		expect(wrong.status).toBe(404);
	});
});
