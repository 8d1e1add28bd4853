import { eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Question, RoundConfig } from '../../game/types';
import { openTestDatabase, type Db } from '../db/open';
import { answers, games } from '../db/schema';
import { loadResults } from '../results/results';
import { answerSoloQuestion, nextSoloQuestion, startSoloGame } from '../solo/soloGame';
import { insertTestContent } from '../solo/testContent';
import { addTestTeacher } from '../accounts/testTeachers';
import { createAssignment, joinAssignment } from './assignments';

const T0 = 1_700_000_000_000;
const CONFIG: RoundConfig = {
	articleId: null,
	families: [],
	count: 4,
	secondsPerQuestion: null,
	scoring: 'accuracy',
	streaks: false,
	focusTechniques: []
};

let db: Db;

beforeEach(() => {
	db = openTestDatabase();
	insertTestContent(db);
});

/** An answer to `q` as the page posts it, right or wrong, with a rating. */
function post(q: Question, index: number, right: boolean, confidence: string) {
	const base = { index: String(index), confidence };
	switch (q.kind) {
		case 'name':
			return {
				...base,
				kind: 'name',
				technique: right ? q.answer : q.choices.find((c) => c !== q.answer)!
			};
		case 'judge':
			return { ...base, kind: 'judge', verdict: q.loaded === right ? 'loaded' : 'straight' };
		case 'find': {
			const [start, end] = q.targets[0];
			// A word outside the target is wrong; the target itself is right.
			const outside = end < q.excerpt.tokens.length - 1 ? end + 1 : 0;
			return {
				...base,
				kind: 'find',
				start: String(right ? start : outside),
				end: String(right ? end : outside + 1)
			};
		}
	}
}

function playAll(askConfidence: boolean, ratings: ['sure' | 'unsure', boolean][]) {
	const { gameId, joinCode } = createAssignment(
		db,
		{
			config: { ...CONFIG, askConfidence },
			title: 'Rated',
			deadline: new Date(T0 + 86_400_000),
			ownerId: addTestTeacher(db).id
		},
		{ now: T0 }
	);
	const questions = db.select().from(games).where(eq(games.id, gameId)).get()!
		.questions as Question[];
	const { token } = joinAssignment(db, joinCode, 'Ada', undefined, T0);
	startSoloGame(db, gameId, token, T0);
	questions.forEach((q, i) => {
		const [confidence, right] = ratings[i % ratings.length];
		answerSoloQuestion(db, gameId, token, post(q, i, right, confidence), T0);
		nextSoloQuestion(db, gameId, token, { index: String(i) }, T0);
	});
	return { gameId, questions };
}

describe('confidence ratings', () => {
	it('are stored with each answer when the teacher asked for them, and the report shows calibration', () => {
		const { gameId, questions } = playAll(true, [
			['sure', true],
			['unsure', false]
		]);
		const rows = db.select().from(answers).where(eq(answers.gameId, gameId)).all();
		expect(rows.map((r) => r.confidence)).toEqual(
			questions.map((_, i) => (i % 2 === 0 ? 'sure' : 'unsure'))
		);
		const c = loadResults(db, gameId).calibration!;
		const sure = rows.filter((r) => r.confidence === 'sure');
		expect(c.sure).toEqual({
			answers: sure.length,
			correct: sure.filter((r) => r.correct).length,
			accuracy: sure.filter((r) => r.correct).length / sure.length
		});
		expect(c.unsure.answers).toBe(rows.length - sure.length);
		expect(c.unsure.correct).toBe(0);
	});

	it('are dropped when the teacher did not ask for them', () => {
		const { gameId } = playAll(false, [['sure', true]]);
		const rows = db.select().from(answers).where(eq(answers.gameId, gameId)).all();
		expect(rows.length).toBeGreaterThan(0);
		expect(rows.every((r) => r.confidence === null)).toBe(true);
		expect(loadResults(db, gameId).calibration).toBeNull();
	});
});
