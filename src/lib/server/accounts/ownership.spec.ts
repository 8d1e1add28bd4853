import { eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { openTestDatabase, TEST_ROUND_CONFIG, type Db } from '../db/open';
import { games } from '../db/schema';
import { hashToken } from '../tokens';
import { AccountError } from './accounts';
import { claimHostedGames, ownedGame } from './ownership';
import { addTestTeacher } from './testTeachers';
import { refusalOf } from '../testRefusals';

let db: Db;

function addGame(id: string, values: Partial<typeof games.$inferInsert> = {}) {
	db.insert(games)
		.values({
			id,
			mode: 'live',
			config: TEST_ROUND_CONFIG,
			seed: 's',
			questions: [],
			status: 'ended',
			...values
		})
		.run();
}

const refusal = (fn: () => unknown) => refusalOf(AccountError, fn);

beforeEach(() => {
	db = openTestDatabase();
});

describe('a game’s owner', () => {
	it('is the only one who finds it; everyone else gets the 404 of a missing game', () => {
		const ada = addTestTeacher(db);
		const bo = addTestTeacher(db);
		addGame('g1', { ownerId: ada.id });
		addGame('solo', { mode: 'solo', ownerId: ada.id });
		expect(ownedGame(db, 'g1', ada.id).id).toBe('g1');
		const missing = refusal(() => ownedGame(db, 'nope', ada.id));
		for (const [id, who] of [
			['g1', bo.id],
			['g1', undefined],
			['solo', ada.id]
		] as const) {
			const e = refusal(() => ownedGame(db, id, who));
			expect([e.status, e.message]).toEqual([404, missing.message]);
		}
	});
});

describe('claiming games hosted before accounts', () => {
	it('takes unowned games whose host cookie this browser holds, and nothing else', () => {
		const ada = addTestTeacher(db);
		const bo = addTestTeacher(db);
		addGame('old', { hostTokenHash: hashToken('old-token') });
		addGame('theirs', { hostTokenHash: hashToken('their-token') });
		addGame('owned', { hostTokenHash: hashToken('owned-token'), ownerId: bo.id });
		const claimed = claimHostedGames(db, ada.id, [
			{ name: 'slant_host_old', value: 'old-token' },
			{ name: 'slant_host_theirs', value: 'a guess' },
			{ name: 'slant_host_owned', value: 'owned-token' },
			{ name: 'slant_player_old', value: 'old-token' }
		]);
		expect(claimed).toEqual(['old']);
		const owner = (id: string) =>
			db.select({ o: games.ownerId }).from(games).where(eq(games.id, id)).get()?.o;
		expect([owner('old'), owner('theirs'), owner('owned')]).toEqual([ada.id, null, bo.id]);
	});
});
