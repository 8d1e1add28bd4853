import { beforeEach, describe, expect, it } from 'vitest';
import { fixtureExcerpt } from '../game/questionFixtures';
import type { Question } from '../game/types';
import { AccountError } from './accounts/accounts';
import { addTestTeacher } from './accounts/testTeachers';
import { openTestDatabase, TEST_ROUND_CONFIG, type Db } from './db/open';
import { games } from './db/schema';
import { hasOwnTitle, loadGameName, renameGame } from './gameNames';

const QUESTION: Question = {
	itemKey: 'k',
	kind: 'judge',
	excerpt: fixtureExcerpt('The council met on Tuesday', 'Harbour plan'),
	spans: [],
	loaded: false
};
const CREATED = new Date('2026-12-07T09:00:00Z');

let db: Db;

beforeEach(() => {
	db = openTestDatabase();
});

function addGame(ownerId: string, title: string | null) {
	db.insert(games)
		.values({
			id: 'g1',
			mode: 'live',
			joinCode: '123456',
			title,
			config: TEST_ROUND_CONFIG,
			seed: 's',
			questions: [QUESTION],
			status: 'open',
			ownerId,
			createdAt: CREATED
		})
		.run();
}

describe('a game’s name', () => {
	it('is its title, its code and the day it was created', () => {
		addGame(addTestTeacher(db).id, 'Harbour plan · 7 Dec');
		expect(loadGameName(db, 'g1')).toEqual({
			id: 'g1',
			mode: 'live',
			title: 'Harbour plan · 7 Dec',
			code: '123456',
			createdAt: CREATED.getTime()
		});
	});

	it('tells the default title from one the teacher gave', () => {
		const row = { title: 'Harbour plan · 7 Dec', questions: [QUESTION], config: TEST_ROUND_CONFIG };
		expect(hasOwnTitle({ ...row, createdAt: CREATED })).toBe(false);
		expect(hasOwnTitle({ ...row, title: 'Week 49', createdAt: CREATED })).toBe(true);
	});

	it('reads a game stored by the first versions, whose config lacks the families', () => {
		const old = { title: 'Old game', questions: [], config: {} as typeof TEST_ROUND_CONFIG };
		expect(hasOwnTitle({ ...old, createdAt: CREATED })).toBe(true);
	});

	it('changes for its owner only: anyone else gets 404 and changes nothing', () => {
		const owner = addTestTeacher(db);
		const other = addTestTeacher(db);
		addGame(owner.id, 'Harbour plan · 7 Dec');
		let refused: unknown;
		try {
			renameGame(db, 'g1', other.id, 'Stolen');
		} catch (e) {
			refused = e;
		}
		expect((refused as AccountError).status).toBe(404);
		expect(loadGameName(db, 'g1')?.title).toBe('Harbour plan · 7 Dec');
		renameGame(db, 'g1', owner.id, 'Week 49');
		expect(loadGameName(db, 'g1')?.title).toBe('Week 49');
	});
});
