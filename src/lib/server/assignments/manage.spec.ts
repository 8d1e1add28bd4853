import { eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Teacher } from '../accounts/accounts';
import { addTestTeacher } from '../accounts/testTeachers';
import { TEST_ROUND_CONFIG, type Db } from '../db/open';
import { answers, games } from '../db/schema';
import { loadResults } from '../results/results';
import { getSoloView, startSoloGame } from '../solo/soloGame';
import { assignmentByCode, joinAssignment } from './assignments';
import { changeDeadline, removeStudent, resetAttempt } from './manage';
import { ensureResumeCode, normaliseResumeCode, resumeSeat } from './resume';
import {
	answerQuestions,
	createTestAssignment,
	assignmentTestDb,
	DAY,
	refusal,
	T0
} from './testAssignments';

let db: Db;
let owner: Teacher;
let other: Teacher;

beforeEach(() => {
	db = assignmentTestDb();
	owner = addTestTeacher(db);
	other = addTestTeacher(db);
});

const create = (deadline = T0 + 7 * DAY) =>
	createTestAssignment(db, owner.id, deadline, 'Homework');

/** Starts a seat and answers its first `n` questions. */
function play(gameId: string, token: string, n: number, now = T0 + 1000) {
	startSoloGame(db, gameId, token, now);
	answerQuestions(db, gameId, token, [0, n], now);
}

describe('changing an assignment’s deadline', () => {
	it('extends it, and reopens a closed assignment to new students', () => {
		const { gameId, joinCode } = create(T0 + DAY);
		const later = T0 + 2 * DAY;
		expect(assignmentByCode(db, joinCode, later).status).toBe('ended');
		expect(refusal(() => joinAssignment(db, joinCode, 'Late', null, later)).status).toBe(410);
		const changed = changeDeadline(db, gameId, owner.id, new Date(later + DAY), later);
		expect(changed).toMatchObject({ code: joinCode, reopened: true });
		expect(joinAssignment(db, joinCode, 'Late', null, later).rejoined).toBe(false);
	});

	it('gives a reopened assignment a new code if an open game took the old one', () => {
		const { gameId, joinCode } = create(T0 + DAY);
		assignmentByCode(db, joinCode, T0 + 2 * DAY); // closes it: the code is free again
		db.insert(games)
			.values({
				id: 'taker',
				mode: 'live',
				joinCode,
				config: TEST_ROUND_CONFIG,
				seed: 's',
				questions: [],
				status: 'open'
			})
			.run();
		const changed = changeDeadline(db, gameId, owner.id, new Date(T0 + 5 * DAY), T0 + 2 * DAY);
		expect(changed.code).not.toBe(joinCode);
		expect(changed.code).toMatch(/^\d{6}$/);
	});

	it('refuses a past deadline (400) and anyone but the owner (404)', () => {
		const { gameId } = create();
		expect(refusal(() => changeDeadline(db, gameId, owner.id, new Date(T0 - 1), T0)).status).toBe(
			400
		);
		for (const who of [other.id, undefined]) {
			const e = refusal(() => changeDeadline(db, gameId, who, new Date(T0 + 9 * DAY), T0));
			expect(e.status).toBe(404);
		}
	});
});

describe('resetting one student’s attempt', () => {
	it('deletes their answers and sends them back to the start, leaving the others alone', () => {
		const { gameId, joinCode } = create();
		const ada = joinAssignment(db, joinCode, 'Ada', null, T0);
		const bo = joinAssignment(db, joinCode, 'Bo', null, T0);
		play(gameId, ada.token, 4);
		play(gameId, bo.token, 2);
		expect(getSoloView(db, gameId, ada.token, T0 + 2000).tags).toContain('done');

		expect(resetAttempt(db, gameId, owner.id, ada.playerId)).toEqual({ nickname: 'Ada' });
		const view = getSoloView(db, gameId, ada.token, T0 + 3000);
		expect(view.tags).toContain('ready');
		expect([view.score, view.answeredCount]).toEqual([0, 0]);
		expect(db.select().from(answers).where(eq(answers.playerId, ada.playerId)).all()).toEqual([]);
		expect(db.select().from(answers).where(eq(answers.playerId, bo.playerId)).all()).toHaveLength(
			2
		);
		const results = loadResults(db, gameId);
		expect(results.players.find((p) => p.nickname === 'Ada')).toMatchObject({
			reached: 0,
			finished: false
		});
		play(gameId, ada.token, 1, T0 + 4000);
		expect(refusal(() => resetAttempt(db, gameId, other.id, ada.playerId)).status).toBe(404);
		expect(refusal(() => resetAttempt(db, gameId, owner.id, 'nobody')).status).toBe(404);
	});
});

describe('removing a student', () => {
	it('ends their seat with a message and takes them out of the results', () => {
		const { gameId, joinCode } = create();
		const ada = joinAssignment(db, joinCode, 'Ada', null, T0);
		joinAssignment(db, joinCode, 'Bo', null, T0);
		play(gameId, ada.token, 1);
		removeStudent(db, gameId, owner.id, ada.playerId);
		const refused = refusal(() => getSoloView(db, gameId, ada.token, T0 + 2000));
		expect([refused.status, refused.message]).toEqual([
			403,
			'Your teacher removed you from this assignment.'
		]);
		expect(loadResults(db, gameId).players.map((p) => p.nickname)).toEqual(['Bo']);
		expect(refusal(() => removeStudent(db, gameId, other.id, ada.playerId)).status).toBe(404);
	});
});

describe('resume codes', () => {
	it('move a student’s seat, answers and all, to another device', () => {
		const { gameId, joinCode } = create();
		const ada = joinAssignment(db, joinCode, 'Ada', null, T0);
		play(gameId, ada.token, 2);
		const code = ensureResumeCode(db, ada.playerId, undefined);
		expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{5}-[0-9A-HJKMNP-TV-Z]{5}$/);
		// The browser that remembers it keeps it; one that lost it gets a new one.
		expect(ensureResumeCode(db, ada.playerId, code)).toBe(code);

		const typed = code.toLowerCase().replace('-', ' ');
		const moved = resumeSeat(db, gameId, typed);
		expect(moved).toMatchObject({ playerId: ada.playerId, code });
		const view = getSoloView(db, gameId, moved.token, T0 + 2000);
		expect([view.nickname, view.answeredCount]).toEqual(['Ada', 2]);
		expect(refusal(() => getSoloView(db, gameId, ada.token, T0 + 2000)).status).toBe(403);
	});

	it('refuse a malformed code (400) and one nobody here has (404)', () => {
		const { gameId } = create();
		expect(refusal(() => resumeSeat(db, gameId, 'abc')).status).toBe(400);
		expect(refusal(() => resumeSeat(db, gameId, '00000-00000')).status).toBe(404);
		expect(normaliseResumeCode('7kq2m-xr4da')).toBe('7KQ2M-XR4DA');
		expect(normaliseResumeCode('OIL00 11111')).toBe('01100-11111');
	});
});
