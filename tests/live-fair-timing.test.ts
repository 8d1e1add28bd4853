/**
 * Fair timing (issue 23): a player's speed is timed from when the server sent them the question
 * (their event stream, a /state reply or the game page), at most SENT_CAP_MS after it opened, not
 * from one opening time for the whole class. A fan-out that reaches the last player later costs
 * that player nothing.
 */
import { and, eq } from 'drizzle-orm';
import { describe, expect, it, vi } from 'vitest';
const SENT_CAP_MS = 1000;
import type { Db } from '../src/lib/server/db/open';
import { answers } from '../src/lib/server/db/schema';
import { LiveGames } from '../src/lib/server/live/liveGames';
import type { EventSink } from '../src/lib/server/live/streams';
import { fixtureConfig, fixtureQuestions, freshLiveGamesPerTest } from './liveFixtures';

const T0 = new Date('2025-03-01T09:00:00Z').getTime();

let db: Db;
let live: LiveGames;
freshLiveGamesPerTest((fresh) => ({ db, live } = fresh), { frozenAt: T0 });

/** The right answer to the fixture's first question (a name question). */
const right = { kind: 'name', techniqueId: 'loaded-language' } as const;

/** A game in its lobby (20 s per question, speed scoring) with these players seated. */
function seated(names: string[]) {
	const created = live.create(fixtureConfig(), { questions: fixtureQuestions(), seed: 'fair' });
	const seats = names.map((n) => live.join(created.joinCode, n));
	return { game: live.get(created.gameId), seats };
}

/**
 * An event stream that notes when the question reached it, and whose write of the question takes
 * `writeMs` of the server's time (a large class: the events after it go out that much later).
 */
function slowStream(writeMs: number) {
	let receivedAt: number | undefined;
	const sink: EventSink = {
		write: (chunk) => {
			const text = typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
			if (receivedAt === undefined && text.includes('"phase":"question"')) {
				receivedAt = Date.now();
				vi.setSystemTime(Date.now() + writeMs);
			}
			return true;
		},
		end: () => {}
	};
	return { sink, receivedAt: () => receivedAt };
}

function timeMsOf(playerId: string): number | undefined {
	return db
		.select({ timeMs: answers.timeMs })
		.from(answers)
		.where(and(eq(answers.playerId, playerId), eq(answers.questionIndex, 0)))
		.get()?.timeMs;
}

describe('speed points are timed from when each player was sent the question', () => {
	it.each([
		['in seating order', [0, 1, 2]],
		['in reverse order', [2, 1, 0]]
	])(
		'gives three players who answer 2 s after receiving it the same points, the streams attached %s',
		(_order, attachOrder) => {
			const { game, seats } = seated(['Ana', 'Ben', 'Cy']);
			const streams = seats.map(() => slowStream(400));
			for (const i of attachOrder) {
				live.attachStream(game, { role: 'player', playerId: seats[i].player.id }, streams[i].sink);
			}
			live.command(game, 'start');
			const received = streams.map((s) => s.receivedAt()!);
			// The fan-out reached them 400 ms apart: the last 800 ms after the first.
			expect(Math.max(...received) - Math.min(...received)).toBe(800);
			const byArrival = seats.map((_, i) => i).sort((a, b) => received[a] - received[b]);
			for (const i of byArrival) {
				vi.setSystemTime(received[i] + 2000);
				live.answer(game, seats[i].token, {
					questionIndex: 0,
					requestId: `r${i}`,
					response: right
				});
			}
			expect(live.phase(game)).toBe('reveal');
			const points = seats.map((s) => live.playerView(game, s.player.id).reveal!.result!.points);
			expect(Math.max(...points) - Math.min(...points)).toBeLessThanOrEqual(1);
			for (const s of seats) expect(timeMsOf(s.player.id)).toBe(2000);
		}
	);

	it('counts a /state reply (or the game page) as sending the question', () => {
		const { game, seats } = seated(['Ana', 'Ben']);
		live.command(game, 'start');
		vi.setSystemTime(T0 + 300);
		expect(live.playerView(game, seats[0].player.id).phase).toBe('question');
		vi.setSystemTime(T0 + 2300);
		live.answer(game, seats[0].token, { questionIndex: 0, requestId: 'a', response: right });
		expect(timeMsOf(seats[0].player.id)).toBe(2000);
	});

	it('times a player who opens their stream late from SENT_CAP_MS after the opening, at most', () => {
		const { game, seats } = seated(['Ana', 'Ben']);
		live.command(game, 'start');
		vi.setSystemTime(T0 + 5000);
		live.attachStream(game, { role: 'player', playerId: seats[0].player.id }, slowStream(0).sink);
		vi.setSystemTime(T0 + 6000);
		live.answer(game, seats[0].token, { questionIndex: 0, requestId: 'a', response: right });
		expect(timeMsOf(seats[0].player.id)).toBe(6000 - SENT_CAP_MS);
	});

	it('times a player the question was never sent to from its opening', () => {
		const { game, seats } = seated(['Ana', 'Ben']);
		live.command(game, 'start');
		vi.setSystemTime(T0 + 2000);
		live.answer(game, seats[0].token, { questionIndex: 0, requestId: 'a', response: right });
		expect(timeMsOf(seats[0].player.id)).toBe(2000);
	});

	it('times a question that was open across a restart from its opening, for every player', () => {
		const { game, seats } = seated(['Ana', 'Ben']);
		const before = slowStream(0);
		live.attachStream(game, { role: 'player', playerId: seats[0].player.id }, before.sink);
		vi.setSystemTime(T0 + 100);
		live.command(game, 'start');
		expect(before.receivedAt()).toBe(T0 + 100);
		// The process dies; another loads the game from the database, and the streams reconnect.
		const restarted = new LiveGames(db);
		try {
			vi.setSystemTime(T0 + 3000);
			const again = restarted.get(game.id);
			for (const s of seats) {
				restarted.attachStream(
					again,
					{ role: 'player', playerId: s.player.id },
					slowStream(0).sink
				);
			}
			vi.setSystemTime(T0 + 4100);
			restarted.answer(again, seats[0].token, {
				questionIndex: 0,
				requestId: 'a',
				response: right
			});
			restarted.answer(again, seats[1].token, {
				questionIndex: 0,
				requestId: 'b',
				response: right
			});
			// Neither gains from the restart: both are timed from the opening, as before fair timing.
			expect(timeMsOf(seats[0].player.id)).toBe(4000);
			expect(timeMsOf(seats[1].player.id)).toBe(4000);
		} finally {
			restarted.dispose();
		}
	});
});
