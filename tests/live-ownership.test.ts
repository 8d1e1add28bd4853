/**
 * Live games shared out among worker processes (WORKERS > 1): each registry stands for one worker
 * on the shared database, as scripts/cluster.js runs them.
 */
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTestDatabase, type Db } from '../src/lib/server/db/open';
import { games } from '../src/lib/server/db/schema';
import { LiveGames } from '../src/lib/server/live/liveGames';
import { codeOfGameId, ownerOfCode } from '../src/lib/server/live/ownership.js';
import { addTestTeacher } from '../src/lib/server/accounts/testTeachers';
import { fixtureConfig, fixtureQuestions, refusal } from './liveFixtures';

let db: Db;
let registries: LiveGames[];
let ownerId: string;

/** A registry standing for worker `index` of `count`. */
function worker(index: number, count: number): LiveGames {
	const live = new LiveGames(db, { worker: { index, count } });
	registries.push(live);
	return live;
}

function host(live: LiveGames) {
	return live.create(fixtureConfig(), { ownerId, questions: fixtureQuestions(), seed: 'fixture' });
}

function status(gameId: string): string | undefined {
	return db.select({ status: games.status }).from(games).where(eq(games.id, gameId)).get()?.status;
}

beforeEach(() => {
	db = openTestDatabase();
	registries = [];
	ownerId = addTestTeacher(db).id;
});

afterEach(() => {
	for (const live of registries) live.dispose();
	db.$client.close();
});

describe('live games among several workers', () => {
	it('are created by a worker with codes it owns and ids that carry them', () => {
		for (const [index, count] of [
			[0, 2],
			[1, 2],
			[2, 3]
		]) {
			const live = worker(index, count);
			for (let i = 0; i < 20; i++) {
				const { gameId, joinCode } = host(live);
				expect(ownerOfCode(joinCode, count)).toBe(index);
				expect(codeOfGameId(gameId)).toBe(joinCode);
			}
		}
	});

	it('are restored after a restart each by the owner of its code, with any number of workers', () => {
		const alone = worker(0, 1);
		const created = Array.from({ length: 12 }, () => host(alone));
		for (const { gameId } of created) alone.command(alone.get(gameId), 'start');
		alone.shutdown();

		for (const count of [2, 3]) {
			const workers = Array.from({ length: count }, (_, i) => worker(i, count));
			const restored = workers.map((live) => live.restoreAll());
			expect(restored.reduce((a, b) => a + b, 0)).toBe(created.length);
			for (const [index, live] of workers.entries()) {
				const mine = created.filter((g) => ownerOfCode(g.joinCode, count) === index);
				expect(restored[index]).toBe(mine.length);
				for (const g of mine) expect(live.phase(live.byCode(g.joinCode))).toBe('question');
			}
			for (const live of workers) live.dispose();
		}
	});

	it('are not run by a worker that does not own them, which answers as for no game', () => {
		const [first, second] = [worker(0, 2), worker(1, 2)];
		const { gameId, joinCode } = host(first);
		expect(refusal(() => second.get(gameId)).status).toBe(404);
		expect(refusal(() => second.byCode(joinCode)).status).toBe(404);
		expect(first.get(gameId).code).toBe(joinCode);
	});

	it('end at restart when their id carries no code (made before), rather than run unroutable', () => {
		const legacyId = randomUUID();
		const alone = worker(0, 1);
		const { gameId } = host(alone);
		const row = db.select().from(games).where(eq(games.id, gameId)).get()!;
		alone.dispose();
		// The same game as an older version stored it: a plain random UUID.
		db.update(games).set({ id: legacyId, joinCode: '000002' }).where(eq(games.id, gameId)).run();
		expect(row.status).toBe('open');

		// One process alone still resumes it.
		const single = worker(0, 1);
		expect(single.restoreAll()).toBe(1);
		single.dispose();
		expect(status(legacyId)).toBe('open');

		// Two workers cannot route its host's requests by id: its code's owner ends it.
		const [owner, other] = [worker(0, 2), worker(1, 2)];
		expect(other.restoreAll()).toBe(0);
		expect(status(legacyId)).toBe('open');
		expect(owner.restoreAll()).toBe(0);
		expect(status(legacyId)).toBe('ended');
		expect(owner.phase(owner.byCode('000002'))).toBe('ended');
	});
});
