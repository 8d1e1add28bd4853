import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTestDatabase, type Db } from '../src/lib/server/db/open';
import { answers } from '../src/lib/server/db/schema';
import { LiveError } from '../src/lib/server/live/errors';
import { LiveGames } from '../src/lib/server/live/liveGames';
import type { LiveGame } from '../src/lib/server/live/runningGame';
import { fixtureConfig, fixtureQuestions } from './liveFixtures';

let db: Db;
let live: LiveGames;

const right = { kind: 'name', techniqueId: 'loaded-language' } as const;

beforeEach(() => {
	db = openTestDatabase();
	live = new LiveGames(db);
});

afterEach(() => {
	live.dispose();
	db.$client.close();
});

function started(players: number) {
	const created = live.create(fixtureConfig(), { questions: fixtureQuestions(), seed: 'fixture' });
	const seats = Array.from({ length: players }, (_, i) => live.join(created.joinCode, `P${i}`));
	live.command(live.get(created.gameId), 'start');
	return { game: live.get(created.gameId), seats };
}

/** Connects a browser of the player as a client of the game; returns the chunks it is sent. */
function watch(game: LiveGame, playerId: string): string[] {
	const sent: string[] = [];
	game.clients.add({
		role: 'player',
		playerId,
		send: (chunk) => sent.push(Buffer.from(chunk).toString()),
		close: () => {}
	});
	return sent;
}

const storedCount = (gameId: string) =>
	db.select().from(answers).where(eq(answers.gameId, gameId)).all().length;

describe('answers stored with group commit', () => {
	it('acknowledges each answer only after the group it arrived with has been stored', async () => {
		const { game, seats } = started(4);
		const pending = seats.slice(0, 3).map((s, i) =>
			live.answerGrouped(game, s.token, {
				questionIndex: 0,
				requestId: `r${i}`,
				response: right
			})
		);
		// Checked but not yet written: nothing is stored before the group commits.
		expect(storedCount(game.id)).toBe(0);
		const receipts = await Promise.all(pending);
		expect(receipts.map((r) => r.replayed)).toEqual([false, false, false]);
		expect(storedCount(game.id)).toBe(3);
		expect(live.hostView(game).answered).toBe(3);
	});

	it('closes the question when the last answer of a group completes it, as single answers do', async () => {
		const { game, seats } = started(3);
		await Promise.all(
			seats.map((s, i) =>
				live.answerGrouped(game, s.token, { questionIndex: 0, requestId: `r${i}`, response: right })
			)
		);
		expect(live.phase(game)).toBe('reveal');
		expect(storedCount(game.id)).toBe(3);
	});

	it('keeps in memory exactly the rows it stored, id and time included', async () => {
		const { game, seats } = started(3);
		await Promise.all(
			seats.slice(0, 2).map((s, i) =>
				live.answerGrouped(game, s.token, {
					questionIndex: 0,
					requestId: `m${i}`,
					response: right
				})
			)
		);
		const rows = db.select().from(answers).where(eq(answers.gameId, game.id)).all();
		expect(rows).toHaveLength(2);
		for (const row of rows) expect(game.given?.byPlayer.get(row.playerId)).toEqual(row);
	});

	it('acknowledges the answers that close a question before the class is sent the reveal', async () => {
		const { game, seats } = started(2);
		const sent = watch(game, seats[0].player.id);
		const receipts = await Promise.all(
			seats.map((s, i) =>
				live.answerGrouped(game, s.token, { questionIndex: 0, requestId: `r${i}`, response: right })
			)
		);
		// Acknowledged and closed in memory (a late answer is refused), but not yet told to browsers.
		expect(receipts.map((r) => r.accepted)).toEqual([true, true]);
		expect(live.phase(game)).toBe('reveal');
		expect(sent.some((chunk) => chunk.includes('"phase":"reveal"'))).toBe(false);
		await new Promise((resolve) => setImmediate(resolve));
		expect(sent.filter((chunk) => chunk.includes('"phase":"reveal"'))).toHaveLength(1);
	});

	it('sends each state once when the host moves on between the acknowledgement and the reveal', async () => {
		const { game, seats } = started(2);
		const sent = watch(game, seats[0].player.id);
		const versions = () => sent.map((chunk) => Number(/^id: (\d+)/.exec(chunk)?.[1]));
		await Promise.all(
			seats.map((s, i) =>
				live.answerGrouped(game, s.token, { questionIndex: 0, requestId: `r${i}`, response: right })
			)
		);
		// The host's "next" lands before the reveal has been sent: the class is sent the leaderboard.
		live.command(game, 'next');
		expect(live.phase(game)).toBe('leaderboard');
		await new Promise((resolve) => setImmediate(resolve));
		// The deferred reveal is not sent after it: a browser would get the leaderboard twice.
		expect(versions()).toEqual([game.snapshot.context.version]);
		// A join in between (no phase change) does not hold back the reveal.
		const next = started(2);
		const told = watch(next.game, next.seats[0].player.id);
		await Promise.all(
			next.seats.map((s, i) =>
				live.answerGrouped(next.game, s.token, {
					questionIndex: 0,
					requestId: `n${i}`,
					response: right
				})
			)
		);
		live.join(next.game.code, 'Late');
		await new Promise((resolve) => setImmediate(resolve));
		expect(told.filter((chunk) => chunk.includes('"phase":"reveal"'))).toHaveLength(1);
	});

	it('refuses a second answer from the same player in the same group, and stores the first once', async () => {
		const { game, seats } = started(2);
		const first = live.answerGrouped(game, seats[0].token, {
			questionIndex: 0,
			requestId: 'a',
			response: right
		});
		expect(() =>
			live.answerGrouped(game, seats[0].token, {
				questionIndex: 0,
				requestId: 'b',
				response: right
			})
		).toThrow(LiveError);
		await first;
		expect(storedCount(game.id)).toBe(1);
		// A retry of the stored request is a replay, not a new answer.
		const retry = await live.answerGrouped(game, seats[0].token, {
			questionIndex: 0,
			requestId: 'a',
			response: right
		});
		expect(retry.replayed).toBe(true);
		expect(storedCount(game.id)).toBe(1);
	});

	it('refuses, without storing, an answer whose question the host closed before its group was written', async () => {
		const { game, seats } = started(3);
		const waiting = live.answerGrouped(game, seats[0].token, {
			questionIndex: 0,
			requestId: 'late',
			response: right
		});
		live.command(game, 'skip');
		await expect(waiting).rejects.toMatchObject({ status: 409, code: 'question_closed' });
		const rows = db.select().from(answers).where(eq(answers.gameId, game.id)).all();
		expect(rows.every((r) => r.requestId === null)).toBe(true);
	});
});
