import { and, eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { toPublicQuestion } from '../../game/round';
import type { Question } from '../../game/types';
import { addTestTeacher } from '../accounts/testTeachers';
import { makeRoundNow } from '../content/rounds';
import type { Db } from '../db/open';
import { answers, games, players } from '../db/schema';
import { loadLearningReport } from '../results/learning';
import { answerSoloQuestion, getSoloView, nextSoloQuestion, startSoloGame } from '../solo/soloGame';
import { hashToken } from '../tokens';
import { joinAssignment } from './assignments';
import { addDelayedCheck, createCheckPair } from './checkPair';
import { balancedForm, heldCheckSeat, linkCheckSeat, linkedForm } from './checkSeats';
import { ensureResumeCode } from './resume';
import {
	ASSIGNMENT_CONFIG as CONFIG,
	assignmentTestDb,
	DAY,
	postedAnswer,
	refusal,
	T0
} from './testAssignments';

let db: Db;
let ownerId: string;
let formA: Question[];
let formB: Question[];

beforeEach(() => {
	db = assignmentTestDb();
	ownerId = addTestTeacher(db).id;
	// Two forms of 4 from the small test library (the bundled forms are pinned in checkForms.spec).
	const round = makeRoundNow(db, { ...CONFIG, count: 8 }, { audience: 'class', seed: 'forms' });
	formA = round.questions.slice(0, 4);
	formB = round.questions.slice(4, 8);
});

async function pair() {
	return createCheckPair(
		db,
		{
			config: CONFIG,
			title: 'Week 5',
			deadline: new Date(T0 + DAY),
			afterDeadline: new Date(T0 + 8 * DAY),
			ownerId
		},
		{ now: T0, forms: [formA, formB] }
	);
}

const seat = (id: string) => db.select().from(players).where(eq(players.id, id)).get()!;
const AFTER = T0 + 2 * DAY;

/** Joins the first check as `nickname` and answers every question of the seat's form. */
function takeFirst(code: string, nickname: string, right = true) {
	const joined = joinAssignment(db, code, nickname, null, T0);
	answerAll(joined.gameId, joined.token, T0, right);
	return { ...joined, code: ensureResumeCode(db, joined.playerId, undefined) };
}

function answerAll(gameId: string, token: string, now: number, right = true) {
	startSoloGame(db, gameId, token, now);
	const held = db
		.select()
		.from(players)
		.where(and(eq(players.gameId, gameId), eq(players.tokenHash, hashToken(token))))
		.get()!;
	const own = held.checkForm === 'B' ? formB : formA;
	own.forEach((q, i) => {
		answerSoloQuestion(db, gameId, token, { ...postedAnswer(q, i, right), confidence: '3' }, now);
		nextSoloQuestion(db, gameId, token, { index: String(i) }, now);
	});
}

describe('counterbalanced forms on the checks before and after teaching', () => {
	it('gives half the class each form first, and stores the form on each seat', async () => {
		const { before } = await pair();
		const seats = ['Ada', 'Bea', 'Cy', 'Dee', 'Eli', 'Fay'].map((n) =>
			seat(joinAssignment(db, before.joinCode, n, null, T0).playerId)
		);
		const forms = seats.map((s) => s.checkForm);
		expect(forms.filter((f) => f === 'A')).toHaveLength(3);
		expect(forms.filter((f) => f === 'B')).toHaveLength(3);
	});

	it('draws the first form of a pair of students at random: a fair coin on a tie', async () => {
		const { before } = await pair();
		expect(balancedForm(db, before.gameId, () => 0)).toBe('A');
		expect(balancedForm(db, before.gameId, () => 1)).toBe('B');
		joinAssignment(db, before.joinCode, 'Ada', null, T0);
		const first = seat(db.select().from(players).all()[0].id).checkForm;
		// The next student takes the other form whatever the coin says.
		expect(balancedForm(db, before.gameId, () => (first === 'A' ? 0 : 1))).toBe(
			first === 'A' ? 'B' : 'A'
		);
	});

	it('shows a seat its own form only, and stores its answers at the round’s index', async () => {
		const { before } = await pair();
		const game = db.select().from(games).where(eq(games.id, before.gameId)).get()!;
		expect(game.questions).toHaveLength(8);
		expect(game.config.count).toBe(4);
		const students = ['Ada', 'Bea'].map((n) => joinAssignment(db, before.joinCode, n, null, T0));
		for (const s of students) {
			startSoloGame(db, s.gameId, s.token, T0);
			const form = seat(s.playerId).checkForm!;
			const own = form === 'A' ? formA : formB;
			const view = getSoloView(db, s.gameId, s.token, T0);
			expect(view.total).toBe(4);
			expect(view.question).toEqual(toPublicQuestion(own[0]));
			answerSoloQuestion(
				db,
				s.gameId,
				s.token,
				{ ...postedAnswer(own[0], 0), confidence: '2' },
				T0
			);
			const row = db.select().from(answers).where(eq(answers.playerId, s.playerId)).get()!;
			expect(row.questionIndex).toBe(form === 'A' ? 0 : 4);
			expect(row.itemKey).toBe(own[0].itemKey);
		}
	});

	it('the other form after teaching, the first again when delayed', () => {
		expect([linkedForm('A', 'after'), linkedForm('B', 'after')]).toEqual(['B', 'A']);
		expect([linkedForm('A', 'delayed'), linkedForm('B', 'delayed')]).toEqual(['A', 'B']);
	});
});

describe('entering a later check with the seat or resume code of the first', () => {
	it('links by resume code: the other form, the same nickname, the same code', async () => {
		const { before, after } = await pair();
		const ada = joinAssignment(db, before.joinCode, 'Ada', null, T0);
		const code = ensureResumeCode(db, ada.playerId, undefined);
		const linked = linkCheckSeat(
			db,
			after.joinCode,
			{ by: 'code', resumeCode: code.toLowerCase() },
			null,
			AFTER
		);
		const here = seat(linked.playerId);
		expect(here.gameId).toBe(after.gameId);
		expect(here.checkStudentId).toBe(ada.playerId);
		expect(here.nickname).toBe('Ada');
		expect(here.checkForm).toBe(seat(ada.playerId).checkForm === 'A' ? 'B' : 'A');
		expect(here.resumeCodeHash).toBe(seat(ada.playerId).resumeCodeHash);
		// The same code on another device moves the linked seat there.
		const again = linkCheckSeat(db, after.joinCode, { by: 'code', resumeCode: code }, null, AFTER);
		expect(again.playerId).toBe(linked.playerId);
		expect(again.token).not.toBe(linked.token);
	});

	it('links by the seat this browser holds in the first check', async () => {
		const { before, after } = await pair();
		const bea = joinAssignment(db, before.joinCode, 'Bea', null, T0);
		const tokens: Record<string, string> = { [before.gameId]: bea.token };
		const linked = linkCheckSeat(
			db,
			after.joinCode,
			{ by: 'seat', tokenOf: (id) => tokens[id] },
			null,
			AFTER
		);
		expect(seat(linked.playerId).checkStudentId).toBe(bea.playerId);
		const none = refusal(() =>
			linkCheckSeat(db, after.joinCode, { by: 'seat', tokenOf: () => undefined }, null, AFTER)
		);
		expect(none.status).toBe(404);
	});

	it('never by nickname: the first check’s nickname is refused, and another one is not linked', async () => {
		const { before, after } = await pair();
		joinAssignment(db, before.joinCode, 'Ada', null, T0);
		const taken = refusal(() => joinAssignment(db, after.joinCode, ' ada ', null, AFTER));
		expect(taken.status).toBe(409);
		expect(taken.message).toMatch(/continue with your code from the first check/);
		const other = joinAssignment(db, after.joinCode, 'Ada2', null, AFTER);
		expect(seat(other.playerId).checkStudentId).toBeNull();
		expect(['A', 'B']).toContain(seat(other.playerId).checkForm);
	});

	it('refuses a malformed or unknown code, and the first check itself', async () => {
		const { before, after } = await pair();
		const code = (raw: string) =>
			refusal(() =>
				linkCheckSeat(db, after.joinCode, { by: 'code', resumeCode: raw }, null, AFTER)
			);
		expect(code('nope').status).toBe(400);
		expect(code('7KQ2M-XR4DA').status).toBe(404);
		expect(
			refusal(() =>
				linkCheckSeat(db, before.joinCode, { by: 'code', resumeCode: '7KQ2M-XR4DA' }, null, T0)
			).status
		).toBe(400);
		expect(db.select().from(players).where(eq(players.gameId, after.gameId)).all()).toEqual([]);
	});

	it('a delayed check plays the first form again and takes no answer before it opens', async () => {
		const { before, after } = await pair();
		const ada = joinAssignment(db, before.joinCode, 'Ada', null, T0);
		const code = ensureResumeCode(db, ada.playerId, undefined);
		const opens = T0 + 10 * DAY;
		const delayed = addDelayedCheck(db, after.gameId, ownerId, new Date(opens), T0);
		const linked = linkCheckSeat(
			db,
			delayed.joinCode,
			{ by: 'code', resumeCode: code },
			null,
			AFTER
		);
		expect(seat(linked.playerId).checkForm).toBe(seat(ada.playerId).checkForm);
		expect(refusal(() => startSoloGame(db, delayed.gameId, linked.token, AFTER)).status).toBe(409);
		startSoloGame(db, delayed.gameId, linked.token, opens);
		expect(getSoloView(db, delayed.gameId, linked.token, opens).question).not.toBeNull();
		expect(
			refusal(() => addDelayedCheck(db, before.gameId, ownerId, new Date(opens), T0)).status
		).toBe(409);
	});
});

describe('a check whose first check was deleted', () => {
	it('still seats students by nickname, each on one form, and refuses a code to continue', async () => {
		const { before, after } = await pair();
		const ada = joinAssignment(db, before.joinCode, 'Ada', null, T0);
		const code = ensureResumeCode(db, ada.playerId, undefined);
		// What deleting the first check leaves (teacher/deletion.ts): the other check, unpaired.
		db.update(games).set({ pairedGameId: null }).where(eq(games.id, after.gameId)).run();
		const game = db.select().from(games).where(eq(games.id, after.gameId)).get()!;
		expect(heldCheckSeat(db, game, () => ada.token)).toBeNull();
		const bea = joinAssignment(db, after.joinCode, 'Bea', null, AFTER);
		expect(['A', 'B']).toContain(seat(bea.playerId).checkForm);
		startSoloGame(db, after.gameId, bea.token, AFTER);
		expect(getSoloView(db, after.gameId, bea.token, AFTER).total).toBe(4);
		const refused = refusal(() =>
			linkCheckSeat(db, after.joinCode, { by: 'code', resumeCode: code }, null, AFTER)
		);
		expect(refused.status).toBe(404);
	});
});

describe('the report of the checks', () => {
	it('links each student’s checks by seat, never by nickname', async () => {
		const { before, after } = await pair();
		const ada = takeFirst(before.joinCode, 'Ada', false);
		takeFirst(before.joinCode, 'Bea', true);
		// Ada comes back with her code; someone else joins the after check as Ada2.
		const linked = linkCheckSeat(
			db,
			after.joinCode,
			{ by: 'code', resumeCode: ada.code },
			null,
			AFTER
		);
		answerAll(after.gameId, linked.token, AFTER, true);
		const other = joinAssignment(db, after.joinCode, 'Ada2', null, AFTER);
		answerAll(after.gameId, other.token, AFTER, true);
		const report = loadLearningReport(db, after.gameId, AFTER);
		expect(report.students.map((s) => s.nickname)).toEqual(['Ada', 'Ada2', 'Bea']);
		const [a, a2, b] = report.students;
		expect([a.before!.correct, a.after!.correct, a.accuracyChange]).toEqual([0, 4, 1]);
		expect(a.forms).toEqual([seat(ada.playerId).checkForm, seat(linked.playerId).checkForm]);
		expect([a2.before, a2.after!.correct]).toEqual([null, 4]);
		expect([b.before!.correct, b.after]).toEqual([4, null]);
		expect(report.class.students).toBe(1);
		expect(report.class.tooFew).toBe(true);
		expect(report.firstForms.A + report.firstForms.B).toBe(2);
	});
});
