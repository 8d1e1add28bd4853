import { beforeEach, describe, expect, it } from 'vitest';
import { judgeQuestion, nameQuestion } from '../../game/stats/statsFixtures';
import type { Question } from '../../game/types';
import { openTestDatabase, type Db } from '../db/open';
import { games } from '../db/schema';
import { addAnonymousAnswer, addAnswer, addEndedGame, addSeat } from '../testing/playedGames';
import { loadItemAnalysis } from './items';
import { loadProgress, ownedGameIds } from './progress';
import { addTestTeacher } from '../accounts/testTeachers';
import { eq } from 'drizzle-orm';

const A = nameQuestion('loaded-language', 'item:A');
const B = judgeQuestion(true, 'item:B');
const C = judgeQuestion(false, 'item:C');
const QUESTIONS: Question[] = [A, B, C];

let db: Db;

function addGame(id: string, createdAt: Date, mode = 'live') {
	addEndedGame(db, id, QUESTIONS, { mode, title: `Game ${id}`, createdAt });
}

/** A player who answered A, B, C right (true) or wrong (false); null leaves a question out. */
function addPlayer(gameId: string, nickname: string, right: (boolean | null)[], removed = false) {
	const playerId = `${gameId}-${nickname}`;
	addSeat(db, gameId, playerId, { nickname, removed });
	right.forEach((r, index) => {
		if (r === null) return;
		const q = QUESTIONS[index];
		addAnswer(
			db,
			{ gameId, playerId },
			index,
			q,
			r,
			q.kind === 'name'
				? { kind: 'name', techniqueId: r ? 'loaded-language' : 'name-calling' }
				: { kind: 'judge', loaded: q.kind === 'judge' && q.loaded === r }
		);
	});
}

beforeEach(() => {
	db = openTestDatabase();
	addGame('g1', new Date('2030-01-01T09:00:00Z'));
	addGame('g2', new Date('2030-01-08T09:00:00Z'), 'assignment');
	// The rounds of the item-analysis spec: A right-wrong-right, B right-right, C wrong-right-wrong.
	addPlayer('g1', 'ana', [true, true, false]);
	addPlayer('g1', 'ben', [false, true, true]);
	addPlayer('g2', 'cy', [true, null, false]);
	addPlayer('g2', 'gone', [false, false, false], true);
});

describe('item analysis across all play', () => {
	it('gives every item its times asked, share right and discrimination, players removed left out', () => {
		const items = new Map(loadItemAnalysis(db).map((i) => [i.itemKey, i]));
		expect(items.get('item:A')).toMatchObject({
			kind: 'name',
			key: 'Loaded language',
			timesAsked: 3,
			correct: 2
		});
		expect(items.get('item:A')!.discrimination).toBeCloseTo(-0.866025, 5);
		expect(items.get('item:C')).toMatchObject({ key: 'Straight', timesAsked: 3, correct: 1 });
		expect(items.get('item:C')!.discrimination).toBeCloseTo(-1, 9);
		expect(items.get('item:B')).toMatchObject({
			key: 'Loaded',
			timesAsked: 2,
			discrimination: null
		});
		expect(items.get('item:A')!.snippet).toBe('The corrupt elites are stealing your future again');
	});

	it('counts the answers of deleted games, kept without names', () => {
		[true, false].forEach((correct, i) =>
			addAnonymousAnswer(db, 'attempt-1', i, QUESTIONS[i], correct)
		);
		const items = new Map(loadItemAnalysis(db).map((i) => [i.itemKey, i]));
		expect(items.get('item:A')).toMatchObject({ timesAsked: 4, correct: 3 });
		expect(items.get('item:B')).toMatchObject({ timesAsked: 3, correct: 2 });
	});

	it('lists the most doubtful items first, items without a discrimination last', () => {
		expect(loadItemAnalysis(db).map((i) => i.itemKey)).toEqual(['item:C', 'item:A', 'item:B']);
	});
});

describe('accuracy by technique over time', () => {
	it('gives one column per game, oldest first, and one row per technique', () => {
		const progress = loadProgress(db, ['g2', 'g1']);
		expect(progress.games.map((g) => [g.id, g.correct, g.answers])).toEqual([
			['g1', 4, 6],
			['g2', 1, 2]
		]);
		// A is about loaded language; B (a loaded passage) about fear; C has no technique.
		expect(progress.rows.map((r) => r.techniqueId)).toEqual(['loaded-language', 'fear']);
		const loaded = progress.rows[0];
		expect(loaded.cells.map((c) => c && [c.correct, c.responses])).toEqual([
			[1, 2],
			[1, 1]
		]);
		expect([loaded.overall.correct, loaded.overall.responses]).toEqual([2, 3]);
		expect(progress.rows[1].cells[1]).toBeNull();
	});

	it('is empty without games', () => {
		expect(loadProgress(db, [])).toEqual({ games: [], rows: [] });
	});
});

describe('the games a teacher owns', () => {
	it('are the live games and assignments with their id as owner', () => {
		const teacher = addTestTeacher(db);
		const other = addTestTeacher(db);
		db.update(games).set({ ownerId: teacher.id }).where(eq(games.id, 'g1')).run();
		db.update(games).set({ ownerId: other.id }).where(eq(games.id, 'g2')).run();
		expect(ownedGameIds(db, teacher.id)).toEqual(['g1']);
		expect(loadProgress(db, ownedGameIds(db, teacher.id)).games.map((g) => g.id)).toEqual(['g1']);
	});
});
