import { afterEach, describe, expect, it, vi } from 'vitest';

// The request guard asks the server's database whether a join code is in use: here, a database
// of its own in memory (never a file).
vi.mock('../db', async () => {
	const { openTestDatabase } = await import('../db/open');
	const db = openTestDatabase();
	return { getDb: () => db };
});
import { ensureBundledContent } from '../content/bundled';
import { syncTechniques } from '../content/techniques';
import { openTestDatabase, TEST_ROUND_CONFIG, type Db } from '../db/open';
import { teachers } from '../db/schema';
import { LiveGames } from './liveGames';
import { rehearse, warmUp, warmUpPlayers, WARM_UP_PLAYERS } from './warmUp';

function contentDb(): Db {
	const db = openTestDatabase();
	syncTechniques(db);
	ensureBundledContent(db);
	return db;
}

const rows = (db: Db, table: string) =>
	(db.$client.prepare(`select count(*) as n from "${table}"`).get() as { n: number }).n;

afterEach(() => vi.restoreAllMocks());

describe('the start-up rehearsal', () => {
	it('plays a whole game over HTTP: every player joins, streams and answers every question', async () => {
		const content = contentDb();
		const before = ['games', 'players', 'answers', 'teachers', 'sessions'].map((t) =>
			rows(content, t)
		);
		const result = await rehearse(content, 12);
		expect(result.players).toBe(12);
		expect(result.questions).toBeGreaterThan(0);
		expect(result.answers).toBe(12 * result.questions);
		// The lobby, every question, reveal and leaderboard, and the podium reached every phone.
		expect(result.eventBytes).toBeGreaterThan(12 * 3 * result.questions * 100);
		// The content database is only read: nothing was written to it.
		expect(
			['games', 'players', 'answers', 'teachers', 'sessions'].map((t) => rows(content, t))
		).toEqual(before);
	});

	it('is logged and skipped when no round can be made, and the start goes on', async () => {
		const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
		const empty = openTestDatabase();
		await expect(warmUp(empty, '5')).resolves.toBeUndefined();
		expect(warn).toHaveBeenCalledWith(expect.stringMatching(/rehearsal did not finish/));
	});

	it('never holds the start longer than its time limit', async () => {
		const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
		const log = vi.spyOn(console, 'log').mockImplementation(() => {});
		await warmUp(contentDb(), '50', 1);
		expect(warn).toHaveBeenCalledWith(
			expect.stringMatching(/did not finish \(it took over 0.001 s\)/)
		);
		expect(log).not.toHaveBeenCalled();
	});

	it('reads its size from WARM_UP_PLAYERS: 0 plays none; anything but 0-1000 keeps the default', async () => {
		const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
		expect(warmUpPlayers(undefined)).toBe(WARM_UP_PLAYERS);
		expect(warmUpPlayers(' ')).toBe(WARM_UP_PLAYERS);
		expect(warmUpPlayers('0')).toBe(0);
		expect(warmUpPlayers('40')).toBe(40);
		for (const bad of ['-1', '2.5', '1001', 'many'])
			expect(warmUpPlayers(bad)).toBe(WARM_UP_PLAYERS);
		expect(warn).toHaveBeenCalledTimes(4);
		const log = vi.spyOn(console, 'log').mockImplementation(() => {});
		await warmUp(openTestDatabase(), '0');
		expect(log).not.toHaveBeenCalled();
	});
});

describe('games in memory', () => {
	it('have one shape whether created, restored or played (the same fields in the same order)', () => {
		const db = contentDb();
		db.insert(teachers).values({ id: 't1', email: 'ada@example.com', passwordHash: '-' }).run();
		const live = new LiveGames(db);
		const { gameId, joinCode } = live.create({ ...TEST_ROUND_CONFIG, count: 2 }, { ownerId: 't1' });
		const created = Object.keys(live.get(gameId));
		live.join(joinCode, 'Ada');
		live.hostCommand(gameId, 't1', { command: 'start' });
		const played = Object.keys(live.get(gameId));
		live.dispose();
		const restored = new LiveGames(db);
		expect(restored.restoreAll()).toBe(1);
		expect(Object.keys(restored.get(gameId))).toEqual(created);
		expect(played).toEqual(created);
		expect(created).toContain('sent');
		restored.dispose();
	});
});
