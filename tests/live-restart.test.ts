import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { anyResponse, Client, CONFIG, serveForTests, signUpTeacher } from './liveServer';

const server = serveForTests();

describe('a live game across a server restart', () => {
	it('goes on mid-question with the same deadline and every earlier answer counted', async () => {
		const { client: host } = await signUpTeacher();
		const created = await host.request('/api/live/host', { body: CONFIG });
		expect(created.status).toBe(201);
		const { gameId, code } = created.json;

		const phones = [new Client(), new Client(), new Client()];
		for (const [i, phone] of phones.entries()) {
			const joined = await phone.request('/api/live/join', { body: { code, nickname: `P${i}` } });
			expect(joined.status).toBe(200);
		}
		expect(
			(await host.request(`/api/live/host/${gameId}/command`, { body: { command: 'start' } }))
				.status
		).toBe(200);

		const before = (await phones[0].request(`/api/live/play/${code}/state`)).json;
		expect(before.phase).toBe('question');
		const question = before.question.question;
		const bodies = phones.map((_, i) => ({
			questionIndex: 0,
			requestId: `req-${i}`,
			response: anyResponse(question)
		}));
		for (const i of [0, 1]) {
			const r = await phones[i].request(`/api/live/play/${code}/answer`, { body: bodies[i] });
			expect(r.status).toBe(200);
		}

		// Crash: no chance to write anything more.
		await server.restart();

		const after = (await phones[2].request(`/api/live/play/${code}/state`)).json;
		expect(after.phase).toBe('question');
		expect(after.question.index).toBe(0);
		expect(after.question.deadline).toBe(before.question.deadline);
		expect(after.answered).toBe(2);

		// Seats survive: the same cookies still hold them, and a retried request is not stored twice.
		const retry = await phones[0].request(`/api/live/play/${code}/answer`, { body: bodies[0] });
		expect(retry.status).toBe(200);
		expect(retry.json.replayed).toBe(true);

		const last = await phones[2].request(`/api/live/play/${code}/answer`, { body: bodies[2] });
		expect(last.status).toBe(200);

		const revealed = (await phones[2].request(`/api/live/play/${code}/state`)).json;
		expect(revealed.phase).toBe('reveal');
		expect(revealed.reveal.result).not.toBeNull();

		const sqlite = new Database(server.databasePath, { readonly: true });
		try {
			const rows = sqlite
				.prepare(
					'select p.nickname, a.points, a.request_id, p.score from answers a join players p on p.id = a.player_id where a.game_id = ? and a.question_index = 0 order by p.nickname'
				)
				.all(gameId) as { nickname: string; points: number; request_id: string; score: number }[];
			expect(rows.map((r) => r.request_id)).toEqual(['req-0', 'req-1', 'req-2']);
			for (const row of rows) expect(row.score).toBe(row.points);
		} finally {
			sqlite.close();
		}
	});

	it('closes a restored question by its deadline even if nobody answers', async () => {
		const { client: host } = await signUpTeacher();
		const { gameId, code } = (
			await host.request('/api/live/host', { body: { ...CONFIG, secondsPerQuestion: 5 } })
		).json;
		const phone = new Client();
		await phone.request('/api/live/join', { body: { code, nickname: 'Solo' } });
		await host.request(`/api/live/host/${gameId}/command`, { body: { command: 'start' } });
		const open = (await phone.request(`/api/live/play/${code}/state`)).json;
		expect(open.phase).toBe('question');

		await server.restart();

		// Wait (server clock) until the deadline and grace have passed, then look without answering.
		const wait = open.question.deadline + 1500 - open.serverNow;
		await new Promise((r) => setTimeout(r, Math.max(0, wait)));
		const events = await host.events(`/api/live/host/${gameId}/events`, 1);
		const state = JSON.parse(events.states[0].data);
		expect(state.phase).toBe('reveal');
		expect(
			state.reveal.distribution.find((b: { key: string }) => b.key === 'no-answer').count
		).toBe(1);
	});
});
