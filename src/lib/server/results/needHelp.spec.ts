import { eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { fixtureExcerpt } from '../../game/questionFixtures';
import { addTestTeacher } from '../accounts/testTeachers';
import { openTestDatabase, TEST_ROUND_CONFIG, type Db } from '../db/open';
import { games } from '../db/schema';
import { setNeedHelpThreshold } from './needHelp';
import { loadResults } from './results';

let db: Db;

beforeEach(() => {
	db = openTestDatabase();
});

function addGame(ownerId: string, mode: 'live' | 'assignment' | 'solo' = 'live') {
	db.insert(games)
		.values({
			id: 'g1',
			mode,
			joinCode: '123456',
			title: 'Week 49',
			config: TEST_ROUND_CONFIG,
			seed: 's',
			questions: [
				{
					itemKey: 'k',
					kind: 'judge',
					excerpt: fixtureExcerpt('The council met on Tuesday'),
					spans: [],
					loaded: false
				}
			],
			status: 'open',
			ownerId
		})
		.run();
}

const stored = () =>
	db.select({ t: games.needHelpBelow }).from(games).where(eq(games.id, 'g1')).get()?.t;

describe('a game’s need-help threshold', () => {
	it('is 50% until its teacher sets another, which the report then uses', () => {
		const owner = addTestTeacher(db);
		addGame(owner.id);
		expect(loadResults(db, 'g1').followUp.threshold).toBe(0.5);
		setNeedHelpThreshold(db, 'g1', owner.id, 35);
		expect(stored()).toBe(35);
		expect(loadResults(db, 'g1').game.needHelpBelow).toBe(35);
		expect(loadResults(db, 'g1').followUp.threshold).toBe(0.35);
	});

	it('is set by its owner only: anyone else, or nobody signed in, gets 404 and changes nothing', () => {
		const owner = addTestTeacher(db);
		const other = addTestTeacher(db);
		addGame(owner.id, 'assignment');
		for (const teacherId of [other.id, undefined]) {
			let status: number | undefined;
			try {
				setNeedHelpThreshold(db, 'g1', teacherId, 10);
			} catch (e) {
				status = (e as { status: number }).status;
			}
			expect(status).toBe(404);
		}
		expect(stored()).toBe(50);
	});
});
