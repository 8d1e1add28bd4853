import { beforeEach, describe, expect, it } from 'vitest';
import { defaultRoundConfig } from '../../game/round';
import { openTestDatabase, type Db } from '../db/open';
import { insertTestContent } from '../solo/testContent';
import { buildRoundFromDb, buildRoundOffThread } from './roundBuilder';

let db: Db;

beforeEach(() => {
	db = openTestDatabase();
	insertTestContent(db);
});

describe('buildRoundOffThread', () => {
	it('builds the same round as the in-thread builder for the same seed where no worker can run', async () => {
		const config = { ...defaultRoundConfig(), count: 4 };
		const offThread = await buildRoundOffThread(db, config, 'seed-1');
		expect(offThread.length).toBeGreaterThan(0);
		expect(offThread).toEqual(buildRoundFromDb(db, config, 'seed-1'));
	});

	it("rejects with the round builder's reason when no round can be built", async () => {
		const config = { ...defaultRoundConfig(), articleId: 'no-such-article' };
		await expect(buildRoundOffThread(db, config, 'seed-1')).rejects.toThrow(/no-such-article/);
	});
});
