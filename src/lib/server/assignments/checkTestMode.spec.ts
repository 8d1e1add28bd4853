import { and, eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Question } from '../../game/types';
import type { SoloView } from '../../game/views';
import { addTestTeacher } from '../accounts/testTeachers';
import { makeRoundNow } from '../content/rounds';
import type { Db } from '../db/open';
import { answers, players } from '../db/schema';
import { seatActions } from '../solo/formActions';
import { getSoloView, startSoloGame } from '../solo/soloGame';
import { hashToken } from '../tokens';
import { joinAssignment } from './assignments';
import { createCheckPair, releaseCheckResults } from './checkPair';
import { linkCheckSeat } from './checkSeats';
import { ensureResumeCode } from './resume';
import {
	ASSIGNMENT_CONFIG as CONFIG,
	assignmentTestDb,
	DAY,
	postedAnswer,
	refusal
} from './testAssignments';

/** The form actions read the real clock, so the checks are set from it. */
const T0 = Date.now();

let db: Db;
let ownerId: string;
let forms: [Question[], Question[]];

beforeEach(() => {
	db = assignmentTestDb();
	ownerId = addTestTeacher(db).id;
	const round = makeRoundNow(db, { ...CONFIG, count: 8 }, { audience: 'class', seed: 'forms' });
	forms = [round.questions.slice(0, 4), round.questions.slice(4, 8)];
});

async function pair() {
	return createCheckPair(
		db,
		{
			config: { ...CONFIG, scoring: 'speed', streaks: true },
			title: 'Week 5',
			deadline: new Date(T0 + DAY),
			afterDeadline: new Date(T0 + 8 * DAY),
			ownerId
		},
		{ now: T0, forms }
	);
}

/** The questions of the seat `token` holds. */
function ownForm(gameId: string, token: string): Question[] {
	const seat = db
		.select()
		.from(players)
		.where(and(eq(players.gameId, gameId), eq(players.tokenHash, hashToken(token))))
		.get()!;
	return seat.checkForm === 'B' ? forms[1] : forms[0];
}

/** The form actions of the play page, called as the browser posts them (`fields` as form data). */
async function post(gameId: string, token: string, action: 'start' | 'answer', fields = {}) {
	const actions = seatActions(
		() => db,
		() => ({ gameId, token })
	);
	const body = new FormData();
	for (const [k, v] of Object.entries(fields)) body.set(k, String(v));
	const request = new Request('http://localhost/a/123456/play', { method: 'POST', body });
	return actions[action]({ request });
}

/**
 * What a browser may not learn during a check: any field of the key or of a verdict. The view's
 * JSON is searched for them by name, whatever their value.
 */
const KEY_FIELDS = [
	'"answer"',
	'"targets"',
	'"loaded"',
	'"spans"',
	'"explanation"',
	'"reveal"',
	'"correct"',
	'"credit"',
	'"points"'
];
function expectNoKey(json: string) {
	for (const field of KEY_FIELDS) expect(json, `the reply holds ${field}`).not.toContain(field);
}

describe('test mode during a check', () => {
	it('moves straight on after each answer: no feedback, no score, no key or verdict in any reply', async () => {
		const { before } = await pair();
		const s = joinAssignment(db, before.joinCode, 'Ada', null, T0);
		await post(s.gameId, s.token, 'start');
		const own = ownForm(s.gameId, s.token);
		for (let i = 0; i < own.length; i++) {
			const shown = getSoloView(db, s.gameId, s.token, T0);
			expect(shown.index).toBe(i);
			expect(shown.tags).toContain('answering');
			expectNoKey(JSON.stringify(shown));
			const reply = (await post(s.gameId, s.token, 'answer', {
				...postedAnswer(own[i], i, i % 2 === 0),
				confidence: '4'
			})) as { ok: true; view: SoloView };
			const json = JSON.stringify(reply);
			expectNoKey(json);
			expect(reply.view.feedback).toBeNull();
			expect([reply.view.score, reply.view.streak, reply.view.correctCount]).toEqual([
				null,
				null,
				null
			]);
			expect(reply.view.tags).toContain(i + 1 < own.length ? 'answering' : 'done');
		}
		const end = getSoloView(db, s.gameId, s.token, T0);
		expect(end.summary).toBeNull();
		expect(end.check).toEqual({ role: 'before', resultsShown: false });
		expectNoKey(JSON.stringify(end));
		// The answers are stored, right and wrong, with their ratings.
		const rows = db.select().from(answers).where(eq(answers.playerId, s.playerId)).all();
		expect(rows.map((r) => [r.correct, r.confidenceLevel])).toEqual(
			own.map((_, i) => [i % 2 === 0, 4])
		);
	});

	it('refuses an answer without a 1-4 rating, writing nothing', async () => {
		const { before } = await pair();
		const s = joinAssignment(db, before.joinCode, 'Ada', null, T0);
		startSoloGame(db, s.gameId, s.token, T0);
		const q = ownForm(s.gameId, s.token)[0];
		for (const confidence of [undefined, 'sure', '0', '5']) {
			const reply = (await post(s.gameId, s.token, 'answer', {
				...postedAnswer(q, 0),
				...(confidence ? { confidence } : {})
			})) as { status: number; data: { message: string } };
			expect(reply.status).toBe(400);
			expect(reply.data.message).toMatch(/how sure you are, from 1/);
		}
		expect(db.select().from(answers).all()).toEqual([]);
	});

	it('shows the results after the check after teaching, and the first check’s once released', async () => {
		const { before, after } = await pair();
		const s = joinAssignment(db, before.joinCode, 'Ada', null, T0);
		const answerAll = async (gameId: string, token: string) => {
			await post(gameId, token, 'start');
			const own = ownForm(gameId, token);
			for (let i = 0; i < own.length; i++) {
				await post(gameId, token, 'answer', { ...postedAnswer(own[i], i), confidence: '3' });
			}
		};
		await answerAll(s.gameId, s.token);
		expect(getSoloView(db, s.gameId, s.token, T0).summary).toBeNull();
		const code = ensureResumeCode(db, s.playerId, undefined);
		const later = linkCheckSeat(db, after.joinCode, { by: 'code', resumeCode: code }, null, T0);
		await answerAll(later.gameId, later.token);
		const done = getSoloView(db, later.gameId, later.token, T0);
		expect(done.check).toEqual({ role: 'after', resultsShown: true });
		expect(done.summary).toMatchObject({ correct: 4, answered: 4, total: 4 });
		expect(done.correctCount).toBe(4);
		// The first check's results wait for the teacher.
		expect(getSoloView(db, s.gameId, s.token, T0).summary).toBeNull();
		expect(refusal(() => releaseCheckResults(db, before.gameId, 'someone-else')).status).toBe(404);
		releaseCheckResults(db, before.gameId, ownerId, T0 + 9 * DAY);
		const released = getSoloView(db, s.gameId, s.token, T0 + 9 * DAY);
		expect(released.summary).toMatchObject({ correct: 4, total: 4 });
	});
});
