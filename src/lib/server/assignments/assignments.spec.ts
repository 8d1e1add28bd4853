import { eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../db/open';
import type { Teacher } from '../accounts/accounts';
import { addTestTeacher } from '../accounts/testTeachers';
import { answers, games, leaderboard, players } from '../db/schema';
import { loadResults } from '../results/results';
import { answerSoloQuestion, getSoloView, nextSoloQuestion, startSoloGame } from '../solo/soloGame';
import {
	assignmentByCode,
	assignmentInfo,
	isOpenAssignmentCode,
	joinAssignment,
	parseDeadline
} from './assignments';
import {
	answerQuestions,
	ASSIGNMENT_CONFIG,
	createTestAssignment,
	assignmentTestDb,
	frozenQuestions,
	HOUR,
	postedAnswer,
	refusal,
	T0
} from './testAssignments';

let db: Db;
let owner: Teacher;

beforeEach(() => {
	db = assignmentTestDb();
	owner = addTestTeacher(db);
});

const create = (deadline = T0 + 24 * HOUR) =>
	createTestAssignment(db, owner.id, deadline, 'Homework 1');

const frozen = (gameId: string) => frozenQuestions(db, gameId);

/** Plays questions [from, to) right, moving on after each. */
const play = (gameId: string, token: string, from: number, to: number, now: number) =>
	answerQuestions(db, gameId, token, [from, to], now);

describe('deadlines typed by the teacher', () => {
	it('are read in the browser’s time zone', () => {
		// getTimezoneOffset() is -120 in UTC+2: 17:00 there is 15:00 UTC.
		const date = parseDeadline('2024-06-01T17:00', '-120', T0);
		expect(date.toISOString()).toBe('2024-06-01T15:00:00.000Z');
	});

	it('are refused with a clear message when missing, malformed, past or too far', () => {
		const cases: [string, RegExp][] = [
			['', /Choose a deadline/],
			['next friday', /is not a date and time/],
			['2030-02-30T10:00', /not a real date/],
			['2020-01-01T10:00', /must be in the future/],
			['2099-01-01T10:00', /within a year/]
		];
		for (const [text, message] of cases) {
			const e = refusal(() => parseDeadline(text, '0', T0));
			expect(e.status).toBe(400);
			expect(e.message).toMatch(message);
		}
	});
});

describe('an assignment', () => {
	it('freezes one round on the game row, with a code and a deadline', () => {
		const { gameId, joinCode } = create();
		const row = db.select().from(games).where(eq(games.id, gameId)).get()!;
		expect(row.mode).toBe('assignment');
		expect(row.title).toBe('Homework 1');
		expect(joinCode).toMatch(/^\d{6}$/);
		expect(row.deadline?.getTime()).toBe(T0 + 24 * HOUR);
		expect(frozen(gameId)).toHaveLength(4);
		expect(assignmentInfo(assignmentByCode(db, joinCode, T0), T0)).toMatchObject({
			title: 'Homework 1',
			closed: false,
			questionCount: 4
		});
	});

	it('gives every student the same round', () => {
		const { gameId, joinCode } = create();
		const a = joinAssignment(db, joinCode, 'Ada', undefined, T0);
		const b = joinAssignment(db, joinCode, 'Bea', undefined, T0);
		expect(a.gameId).toBe(gameId);
		expect(b.gameId).toBe(gameId);
		const seen: unknown[][] = [[], []];
		for (const [i, seat] of [a, b].entries()) {
			startSoloGame(db, gameId, seat.token, T0);
			for (let q = 0; q < 4; q++) {
				seen[i].push(getSoloView(db, gameId, seat.token, T0).question);
				play(gameId, seat.token, q, q + 1, T0);
			}
		}
		expect(seen[0]).toHaveLength(4);
		expect(seen[0].every((q) => q !== null)).toBe(true);
		expect(seen[1]).toEqual(seen[0]);
	});

	it('refuses a taken nickname (whatever its case) and a malformed one', () => {
		const { joinCode } = create();
		joinAssignment(db, joinCode, 'Ada', undefined, T0);
		const taken = refusal(() => joinAssignment(db, joinCode, '  ADA ', undefined, T0));
		expect(taken.status).toBe(409);
		expect(taken.message).toMatch(/already called/);
		const empty = refusal(() => joinAssignment(db, joinCode, '   ', undefined, T0));
		expect(empty.status).toBe(400);
		expect(refusal(() => joinAssignment(db, '999999', 'Cy', undefined, T0)).status).toBe(404);
	});

	it('gives a returning browser its seat back and lets it resume where it was', () => {
		const { gameId, joinCode } = create();
		const first = joinAssignment(db, joinCode, 'Ada', undefined, T0);
		startSoloGame(db, gameId, first.token, T0);
		play(gameId, first.token, 0, 2, T0 + 1000);
		const again = joinAssignment(db, joinCode, 'Someone else', first.token, T0 + 2000);
		expect(again).toMatchObject({ rejoined: true, playerId: first.playerId, token: first.token });
		const view = getSoloView(db, gameId, first.token, T0 + 2000);
		expect(view.tags).toContain('answering');
		expect(view.index).toBe(2);
		expect(view.correctCount).toBe(2);
		expect(db.select().from(players).all()).toHaveLength(1);
	});

	it('records finished students for the teacher and stays open for the others', () => {
		const { gameId, joinCode } = create();
		const ada = joinAssignment(db, joinCode, 'Ada', undefined, T0);
		const bea = joinAssignment(db, joinCode, 'Bea', undefined, T0);
		startSoloGame(db, gameId, ada.token, T0);
		play(gameId, ada.token, 0, 4, T0);
		startSoloGame(db, gameId, bea.token, T0);
		play(gameId, bea.token, 0, 1, T0);
		expect(getSoloView(db, gameId, ada.token, T0).tags).toContain('done');
		const row = db.select().from(games).where(eq(games.id, gameId)).get()!;
		expect(row.status).toBe('open');
		expect(db.select().from(leaderboard).all()).toHaveLength(0);
		const results = loadResults(db, gameId);
		const byName = new Map(results.players.map((p) => [p.nickname, p]));
		expect(byName.get('Ada')).toMatchObject({ correct: 4, reached: 4, finished: true });
		expect(byName.get('Bea')).toMatchObject({ correct: 1, reached: 1, finished: false });
		expect(results.questions[0].responses).toBe(2);
		expect(results.questions[3].responses).toBe(1);
	});
});

describe('after the deadline', () => {
	it('refuses new answers and new students, but shows a returning student their seat', () => {
		const deadline = T0 + HOUR;
		const { gameId, joinCode } = create(deadline);
		const ada = joinAssignment(db, joinCode, 'Ada', undefined, T0);
		startSoloGame(db, gameId, ada.token, T0);
		play(gameId, ada.token, 0, 1, T0);
		const answersBefore = db.select().from(answers).all().length;
		const late = deadline + 1;

		const q = frozen(gameId)[1];
		const answer = refusal(() =>
			answerSoloQuestion(db, gameId, ada.token, postedAnswer(q, 1), late)
		);
		expect(answer.status).toBe(410);
		expect(answer.message).toMatch(/assignment is closed/);

		const join = refusal(() => joinAssignment(db, joinCode, 'Bea', undefined, late));
		expect(join.status).toBe(410);
		expect(join.message).toMatch(/deadline has passed/);

		expect(joinAssignment(db, joinCode, 'Ada', ada.token, late).rejoined).toBe(true);
		const view = getSoloView(db, gameId, ada.token, late);
		expect(view.index).toBe(1);
		expect(db.select().from(answers).all()).toHaveLength(answersBefore);
		expect(assignmentInfo(assignmentByCode(db, joinCode, late), late).closed).toBe(true);
		expect(db.select().from(games).where(eq(games.id, gameId)).get()!.status).toBe('ended');
	});

	it('refuses to start or move on', () => {
		const deadline = T0 + HOUR;
		const { gameId, joinCode } = create(deadline);
		const ada = joinAssignment(db, joinCode, 'Ada', undefined, T0);
		expect(refusal(() => startSoloGame(db, gameId, ada.token, deadline + 1)).status).toBe(410);
		startSoloGame(db, gameId, ada.token, T0);
		const q = frozen(gameId)[0];
		answerSoloQuestion(db, gameId, ada.token, postedAnswer(q, 0), T0);
		expect(
			refusal(() => nextSoloQuestion(db, gameId, ada.token, { index: '0' }, deadline + 1)).status
		).toBe(410);
	});
});

describe('a code typed on the live join page', () => {
	it('is known as an assignment’s while the assignment is open, and only then', () => {
		const deadline = T0 + HOUR;
		const { joinCode } = create(deadline);
		const liveCode = joinCode === '123456' ? '654321' : '123456';
		db.insert(games)
			.values({
				id: 'live-game',
				mode: 'live',
				joinCode: liveCode,
				config: ASSIGNMENT_CONFIG,
				seed: 'seed',
				questions: [],
				status: 'open'
			})
			.run();

		expect(isOpenAssignmentCode(db, joinCode, T0)).toBe(true);
		expect(isOpenAssignmentCode(db, liveCode, T0)).toBe(false);
		expect(isOpenAssignmentCode(db, 'abc', T0)).toBe(false);
		expect(isOpenAssignmentCode(db, joinCode, deadline + 1)).toBe(false);
	});
});
