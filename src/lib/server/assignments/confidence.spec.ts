import { eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../db/open';
import { answers } from '../db/schema';
import { loadResults } from '../results/results';
import { startSoloGame } from '../solo/soloGame';
import { addTestTeacher } from '../accounts/testTeachers';
import { createAssignment, joinAssignment } from './assignments';
import {
	answerQuestions,
	ASSIGNMENT_CONFIG,
	assignmentTestDb,
	frozenQuestions,
	postedAnswer,
	T0
} from './testAssignments';

let db: Db;

beforeEach(() => {
	db = assignmentTestDb();
});

function playAll(askConfidence: boolean, ratings: ['sure' | 'unsure', boolean][]) {
	const { gameId, joinCode } = createAssignment(
		db,
		{
			config: { ...ASSIGNMENT_CONFIG, askConfidence },
			title: 'Rated',
			deadline: new Date(T0 + 86_400_000),
			ownerId: addTestTeacher(db).id
		},
		{ now: T0 }
	);
	const { token } = joinAssignment(db, joinCode, 'Ada', undefined, T0);
	startSoloGame(db, gameId, token, T0);
	answerQuestions(db, gameId, token, [0, ASSIGNMENT_CONFIG.count], T0, (q, i) => {
		const [confidence, right] = ratings[i % ratings.length];
		return { ...postedAnswer(q, i, right), confidence };
	});
	const questions = frozenQuestions(db, gameId);
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
