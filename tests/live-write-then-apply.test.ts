/**
 * Write, then apply: when the database refuses a write, the live game in memory, the database and
 * every connected browser must still agree. A SQLite trigger makes one kind of write fail, the
 * way a full disk or a locked file would, without mocking anything in the service.
 */
import { and, count, eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { openTestDatabase, type Db } from '../src/lib/server/db/open';
import { answers, games, players } from '../src/lib/server/db/schema';
import { LiveGames } from '../src/lib/server/live/liveGames';
import type { HostView, PlayerView } from '../src/lib/game/views';
import { fixtureConfig, fixtureQuestions } from './liveFixtures';

const T0 = new Date('2025-03-01T09:00:00Z').getTime();
const right = { kind: 'name', techniqueId: 'loaded-language' } as const;

let db: Db;
let live: LiveGames;

beforeEach(() => {
	vi.useFakeTimers();
	vi.setSystemTime(T0);
	db = openTestDatabase();
	live = new LiveGames(db, { hostPushMs: 100 });
});

afterEach(() => {
	live.dispose();
	db.$client.close();
	vi.useRealTimers();
});

/** Makes every `op` on `table` fail until `heal()` is called. */
function breakWrites(table: 'games' | 'answers' | 'players', op: 'INSERT' | 'UPDATE') {
	const name = `fail_${table}_${op.toLowerCase()}`;
	db.$client.exec(
		`CREATE TRIGGER ${name} BEFORE ${op} ON ${table} BEGIN SELECT RAISE(ABORT, 'injected write failure'); END;`
	);
	return { heal: () => db.$client.exec(`DROP TRIGGER ${name}`) };
}

/** A connected browser: every state event its stream has delivered, in order. */
function browser<V>(stream: ReadableStream<Uint8Array>) {
	const states: V[] = [];
	const reader = stream.getReader();
	const decoder = new TextDecoder();
	let buffer = '';
	void (async () => {
		for (;;) {
			const { value, done } = await reader.read().catch(() => ({ value: undefined, done: true }));
			if (done) return;
			buffer += decoder.decode(value);
			let end: number;
			while ((end = buffer.indexOf('\n\n')) >= 0) {
				const block = buffer.slice(0, end);
				buffer = buffer.slice(end + 2);
				const data = /^data: (.*)$/m.exec(block)?.[1];
				if (data && /^event: state$/m.test(block)) states.push(JSON.parse(data) as V);
			}
		}
	})();
	return { states, last: () => states.at(-1) };
}

/** Lets streams deliver and the host's throttled refresh run. */
const settle = () => vi.advanceTimersByTimeAsync(200);

function storedGame(gameId: string) {
	const row = db.select().from(games).where(eq(games.id, gameId)).get();
	if (!row) throw new Error('no game row');
	const snapshot = row.snapshot as { value: string; context: { index: number } };
	return { status: row.status, phase: snapshot.value, index: snapshot.context.index };
}

function answerRows(gameId: string): number {
	return db.select({ n: count() }).from(answers).where(eq(answers.gameId, gameId)).get()?.n ?? 0;
}

function setup() {
	const created = live.create(fixtureConfig(), { questions: fixtureQuestions(), seed: 'fixture' });
	const game = live.get(created.gameId);
	const ada = live.join(created.joinCode, 'Ada');
	const bob = live.join(created.joinCode, 'Bob');
	const host = browser<HostView>(live.openStream(game, { role: 'host' }));
	const adaPhone = browser<PlayerView>(
		live.openStream(game, { role: 'player', playerId: ada.player.id })
	);
	const bobPhone = browser<PlayerView>(
		live.openStream(game, { role: 'player', playerId: bob.player.id })
	);
	return { ...created, game, ada, bob, host, phones: [adaPhone, bobPhone] };
}

describe('a write that fails', () => {
	it('leaves a host command undone in memory, in the database and on every screen', async () => {
		const { game, gameId, host, phones } = setup();
		await settle();
		const seen = [host, ...phones].map((b) => b.states.length);
		expect(host.last()?.phase).toBe('lobby');

		const broken = breakWrites('games', 'UPDATE');
		expect(() => live.command(game, 'start')).toThrow(/injected write failure/);
		await settle();
		expect(live.phase(game)).toBe('lobby');
		expect(storedGame(gameId)).toMatchObject({ status: 'open', phase: 'lobby' });
		expect([host, ...phones].map((b) => b.states.length)).toEqual(seen);
		for (const b of [host, ...phones]) expect(b.last()?.phase).toBe('lobby');

		// Once the database takes writes again, the same command works and everyone moves on.
		broken.heal();
		live.command(game, 'start');
		await settle();
		expect(live.phase(game)).toBe('question');
		expect(storedGame(gameId)).toMatchObject({ status: 'running', phase: 'question', index: 0 });
		for (const b of [host, ...phones]) expect(b.last()?.phase).toBe('question');
	});

	it('does not count an answer it could not store, and the retry is taken', async () => {
		const { game, gameId, ada, bob, host, phones } = setup();
		live.command(game, 'start');
		live.answer(game, ada.token, { questionIndex: 0, requestId: 'a', response: right });
		await settle();
		expect(host.last()?.answered).toBe(1);

		// Bob's answer is the last one: stored, it would close the question.
		const broken = breakWrites('answers', 'INSERT');
		expect(() =>
			live.answer(game, bob.token, { questionIndex: 0, requestId: 'b', response: right })
		).toThrow(/injected write failure/);
		await settle();
		expect(live.phase(game)).toBe('question');
		expect(game.snapshot.context.answered).toBe(1);
		expect(answerRows(gameId)).toBe(1);
		expect(storedGame(gameId)).toMatchObject({ status: 'running', phase: 'question' });
		expect(host.last()).toMatchObject({ phase: 'question', answered: 1 });
		for (const phone of phones) expect(phone.last()?.phase).toBe('question');

		broken.heal();
		const receipt = live.answer(game, bob.token, {
			questionIndex: 0,
			requestId: 'b',
			response: right
		});
		expect(receipt.replayed).toBe(false);
		await settle();
		expect(live.phase(game)).toBe('reveal');
		expect(storedGame(gameId)).toMatchObject({ phase: 'reveal' });
		for (const b of [host, ...phones]) expect(b.last()?.phase).toBe('reveal');
	});

	it('does not apply a group of answers whose write failed, and the retry is taken', async () => {
		const { game, gameId, ada, bob, host, phones } = setup();
		live.command(game, 'start');
		const first = live.answerGrouped(game, ada.token, {
			questionIndex: 0,
			requestId: 'a',
			response: right
		});
		await settle();
		await first;
		expect(host.last()?.answered).toBe(1);

		// Bob's answer closes the question: the snapshot write fails, so the whole group rolls back
		// and neither memory nor any screen moves on.
		const broken = breakWrites('games', 'UPDATE');
		const failed = live
			.answerGrouped(game, bob.token, { questionIndex: 0, requestId: 'b', response: right })
			.then(
				() => null,
				(e: Error) => e
			);
		await settle();
		expect((await failed)?.message).toMatch(/injected write failure/);
		expect(live.phase(game)).toBe('question');
		expect(game.snapshot.context.answered).toBe(1);
		expect(answerRows(gameId)).toBe(1);
		expect(storedGame(gameId)).toMatchObject({ status: 'running', phase: 'question' });
		expect(host.last()).toMatchObject({ phase: 'question', answered: 1 });
		for (const phone of phones) expect(phone.last()?.phase).toBe('question');

		broken.heal();
		const retry = live.answerGrouped(game, bob.token, {
			questionIndex: 0,
			requestId: 'b',
			response: right
		});
		await settle();
		expect((await retry).replayed).toBe(false);
		expect(live.phase(game)).toBe('reveal');
		expect(storedGame(gameId)).toMatchObject({ phase: 'reveal' });
		for (const b of [host, ...phones]) expect(b.last()?.phase).toBe('reveal');
	});

	it('keeps a question open when scoring it fails at its deadline, then closes it', async () => {
		const { game, gameId, ada, host, phones } = setup();
		live.command(game, 'start');
		live.answer(game, ada.token, { questionIndex: 0, requestId: 'a', response: right });
		await settle();

		const broken = breakWrites('players', 'UPDATE');
		const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
		// Past the 20 s limit and the grace period: the deadline timer tries to close the question.
		await vi.advanceTimersByTimeAsync(22_000);
		expect(logged).toHaveBeenCalled();
		logged.mockRestore();
		expect(live.phase(game)).toBe('question');
		expect(storedGame(gameId)).toMatchObject({ phase: 'question' });
		// Nothing half-written: no timed-out answer for Bob, no points for Ada.
		expect(answerRows(gameId)).toBe(1);
		const scores = db
			.select({ score: players.score })
			.from(players)
			.where(and(eq(players.gameId, gameId)))
			.all();
		expect(scores.every((p) => p.score === 0)).toBe(true);
		for (const b of [host, ...phones]) expect(b.last()?.phase).toBe('question');

		broken.heal();
		live.tick(game);
		await settle();
		expect(live.phase(game)).toBe('reveal');
		expect(storedGame(gameId)).toMatchObject({ phase: 'reveal' });
		expect(answerRows(gameId)).toBe(2);
		for (const b of [host, ...phones]) expect(b.last()?.phase).toBe('reveal');
	});
});
