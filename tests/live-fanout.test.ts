import { describe, expect, it } from 'vitest';
import type { Db } from '../src/lib/server/db/open';
import type { LiveGames } from '../src/lib/server/live/liveGames';
import { prepareLiveQueries } from '../src/lib/server/live/queries';
import { forgetReads } from '../src/lib/server/live/runningGame';
import { hostView, playerViewsAsJson } from '../src/lib/server/live/views';
import { fixtureConfig, fixtureQuestions, freshLiveGamesPerTest } from './liveFixtures';

let db: Db;
let live: LiveGames;
freshLiveGamesPerTest((fresh) => ({ db, live } = fresh), {
	frozenAt: new Date('2025-03-01T09:00:00Z')
});

/** A game in its lobby with these players seated. */
function seated(seed: string, names: string[]) {
	const created = live.create(fixtureConfig(), { questions: fixtureQuestions(), seed });
	const seats = names.map((n) => live.join(created.joinCode, n));
	return { game: live.get(created.gameId), seats };
}

describe('fan-out serialises the shared part of the player views once', () => {
	it('gives every player, in every phase, exactly the JSON of their own view', () => {
		const q = prepareLiveQueries(db);
		const { game, seats } = seated('f', ['Ana', 'Ben', 'Cy']);
		const check = () => {
			const asJson = playerViewsAsJson(q, game);
			for (const s of seats) {
				expect(asJson(s.player.id)).toBe(JSON.stringify(live.playerView(game, s.player.id)));
			}
		};
		check(); // lobby
		live.command(game, 'start');
		check(); // question
		live.answer(game, seats[0].token, {
			questionIndex: 0,
			requestId: 'a',
			response: { kind: 'name', techniqueId: 'loaded-language' }
		});
		check(); // question, one player answered
		live.command(game, 'skip');
		expect(live.phase(game)).toBe('reveal');
		check(); // reveal: the shared answer key, each player's own result
		live.command(game, 'next');
		check(); // leaderboard
		live.command(game, 'end');
		check(); // ended
	});

	it('sends each connected player exactly the event of their own view, non-BMP text included', () => {
		const { game, seats } = seated('g', ['Zoë 🦊', 'Ana', '𝒞y']);
		const received = new Map<string, string[]>();
		for (const s of seats) {
			received.set(s.player.id, []);
			game.clients.add({
				role: 'player',
				playerId: s.player.id,
				send: (chunk) => received.get(s.player.id)!.push(Buffer.from(chunk).toString('utf8')),
				close: () => {}
			});
		}
		const expectLatest = () => {
			for (const s of seats) {
				const view = live.playerView(game, s.player.id);
				expect(received.get(s.player.id)!.at(-1)).toBe(
					`id: ${view.version}\nevent: state\ndata: ${JSON.stringify(view)}\n\n`
				);
			}
		};
		live.command(game, 'start');
		expectLatest(); // question
		live.answer(game, seats[0].token, {
			questionIndex: 0,
			requestId: 'a',
			response: { kind: 'name', techniqueId: 'loaded-language' }
		});
		live.command(game, 'skip');
		expectLatest(); // reveal, with each player's own result
		live.command(game, 'next');
		expectLatest(); // leaderboard
		expect(received.get(seats[0].player.id)).toHaveLength(3);
	});

	it('shows at the reveal what the database holds, with and without timed-out answers', () => {
		const q = prepareLiveQueries(db);
		const { game, seats } = seated('h', ['Ana', 'Ben', 'Cy']);
		// Closing a question keeps the seats (and, without time-outs, the answers) it wrote in
		// memory for the reveal's views: they must be what reading them again gives.
		const sameAsRead = () => {
			const cached = seats.map((s) => JSON.stringify(live.playerView(game, s.player.id)));
			const host = JSON.stringify({ ...hostView(q, game), serverNow: 0 });
			forgetReads(game);
			expect(seats.map((s) => JSON.stringify(live.playerView(game, s.player.id)))).toEqual(cached);
			expect(JSON.stringify({ ...hostView(q, game), serverNow: 0 })).toBe(host);
		};
		const answer = (i: number, index: number) =>
			live.answer(game, seats[i].token, {
				questionIndex: index,
				requestId: `r${i}-${index}`,
				response: [
					{ kind: 'name', techniqueId: 'loaded-language' },
					{ kind: 'judge', loaded: i === 0 }
				][index]
			});
		live.command(game, 'start');
		for (const i of [0, 1, 2]) answer(i, 0);
		expect(live.phase(game)).toBe('reveal');
		expect(game.given).toBeDefined();
		sameAsRead();
		live.command(game, 'next');
		live.command(game, 'next');
		answer(1, 1);
		live.command(game, 'skip');
		expect(live.phase(game)).toBe('reveal');
		expect(game.given).toBeUndefined();
		sameAsRead();
		expect(live.playerView(game, seats[0].player.id).reveal?.result?.timedOut).toBe(true);
	});

	it('opens a question, the first one included, without reading the database', () => {
		const { game, seats } = seated('i', ['Ana', 'Ben', 'Cy']);
		for (const s of seats) {
			live.attachStream(
				game,
				{ role: 'player', playerId: s.player.id },
				{
					write: () => true,
					end: () => {}
				}
			);
		}
		// Every read of the live queries, by name.
		const queries = (live as unknown as { q: Record<string, Record<string, unknown>> }).q;
		const reads: string[] = [];
		for (const [name, statement] of Object.entries(queries)) {
			for (const method of ['all', 'get']) {
				const read = statement[method];
				if (typeof read !== 'function') continue;
				statement[method] = (...args: unknown[]) => {
					reads.push(name);
					return read.apply(statement, args);
				};
			}
		}
		const readsOf = (step: () => void) => {
			reads.length = 0;
			step();
			return [...reads];
		};
		// What the lobby prepared (seats, ranks) and a new question's empty answers are all it needs.
		expect(readsOf(() => live.command(game, 'start'))).toEqual([]);
		live.command(game, 'skip');
		live.command(game, 'next');
		expect(readsOf(() => live.command(game, 'next'))).toEqual([]);
		expect(live.phase(game)).toBe('question');
	});
});
