/**
 * The answering rules (game/answering.ts) as each mode's service applies them: the same case goes
 * through the live service, a solo game and an assignment, and must get the same verdict. A rule
 * changed in one place (the grace, the streak, when an assignment is closed) changes every mode.
 */
import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { GRACE_MS, nextStreak } from '../src/lib/game/answering';
import type { Question, RoundConfig } from '../src/lib/game/types';
import { addTestTeacher } from '../src/lib/server/accounts/testTeachers';
import {
	assignmentInfo,
	assignmentById,
	createAssignment,
	joinAssignment
} from '../src/lib/server/assignments/assignments';
import { changeDeadline } from '../src/lib/server/assignments/manage';
import { postedAnswer } from '../src/lib/server/assignments/testAssignments';
import { openTestDatabase, type Db } from '../src/lib/server/db/open';
import { games, players } from '../src/lib/server/db/schema';
import { LiveGames } from '../src/lib/server/live/liveGames';
import { streakSql } from '../src/lib/server/live/queries';
import { reportStatus } from '../src/lib/server/results/results';
import {
	answerSoloQuestion,
	createSoloGame,
	getSoloView,
	nextSoloQuestion,
	startSoloGame
} from '../src/lib/server/solo/soloGame';
import { insertTestContent } from '../src/lib/server/solo/testContent';
import { fixtureQuestions } from './liveFixtures';

const T0 = new Date('2025-03-01T09:00:00Z').getTime();
const LIMIT_MS = 30_000;
const DAY = 24 * 3600_000;

/** A timed, speed-scored round with streaks, as live, solo and assignments can all play it. */
const CONFIG: RoundConfig = {
	articleId: null,
	families: [],
	count: 3,
	secondsPerQuestion: LIMIT_MS / 1000,
	scoring: 'speed',
	streaks: true,
	focusTechniques: []
};

/** Questions whose answers are known: name, judge, find, then the name question again. */
function questions(): Question[] {
	const [name, judge, find] = fixtureQuestions();
	return [name, judge, find, { ...name, itemKey: 'fixture:name-again' }];
}

let db: Db;
let live: LiveGames;
let owner: { id: string };

beforeEach(() => {
	vi.useFakeTimers();
	vi.setSystemTime(T0);
	db = openTestDatabase();
	insertTestContent(db);
	live = new LiveGames(db);
	owner = addTestTeacher(db);
});

afterEach(() => {
	live.dispose();
	db.$client.close();
	vi.useRealTimers();
});

/** A mode as the test drives it: start, answer question `index` right or wrong after `after` ms. */
interface Mode {
	name: string;
	/** Answers the current question `after` ms after it was shown: true when it was taken. */
	answer(index: number, right: boolean, after: number): boolean;
	/** Moves on to the next question, `at` ms after the start. */
	next(index: number, at: number): void;
	/** The player's stored streak. */
	streak(): number;
}

function liveMode(): Mode {
	const created = live.create(CONFIG, { ownerId: owner.id, questions: questions(), seed: 'x' });
	const game = live.get(created.gameId);
	const seat = live.join(created.joinCode, 'Ada');
	let shownAt = T0;
	live.command(game, 'start');
	const asked = questions();
	return {
		name: 'live',
		answer(index, right, after) {
			vi.setSystemTime(shownAt + after);
			const q = asked[index];
			const response =
				q.kind === 'name'
					? ({ kind: 'name', techniqueId: right ? q.answer : q.choices[3] } as const)
					: q.kind === 'judge'
						? ({ kind: 'judge', loaded: right === q.loaded } as const)
						: ({ kind: 'find', range: right ? q.targets[0] : [8, 9] } as const);
			try {
				live.answer(game, seat.token, { questionIndex: index, requestId: `r${index}`, response });
				return true;
			} catch {
				return false;
			}
		},
		next(_index, at) {
			vi.setSystemTime(T0 + at);
			// The only player's answer closed the question: reveal, then on to the next one.
			while (!game.snapshot.matches('question')) live.command(game, 'next');
			shownAt = T0 + at;
		},
		streak() {
			return db.select().from(players).where(eq(players.id, seat.player.id)).get()!.streak;
		}
	};
}

/** A solo game or an assignment: both are played through the solo service. */
function seatMode(name: string, gameId: string, token: string): Mode {
	const asked = () => db.select().from(games).where(eq(games.id, gameId)).get()!.questions;
	let shownAt = T0;
	startSoloGame(db, gameId, token, T0);
	return {
		name,
		answer(index, right, after) {
			try {
				const body = postedAnswer((asked() as Question[])[index], index, right);
				answerSoloQuestion(db, gameId, token, body, shownAt + after);
				return true;
			} catch {
				return false;
			}
		},
		next(index, at) {
			getSoloView(db, gameId, token, T0 + at);
			nextSoloQuestion(db, gameId, token, { index: String(index) }, T0 + at);
			shownAt = T0 + at;
		},
		streak() {
			// An assignment that is no check always shows its streak.
			return getSoloView(db, gameId, token, shownAt).streak ?? NaN;
		}
	};
}

async function soloMode(): Promise<Mode> {
	const { gameId, token } = await createSoloGame(
		db,
		{ count: '4', timing: 'timed', scoring: 'speed' },
		{ now: T0 }
	);
	return seatMode('solo', gameId, token);
}

function assignmentMode(): Mode {
	const { joinCode } = createAssignment(
		db,
		{ config: CONFIG, title: 'Rules', deadline: new Date(T0 + DAY), ownerId: owner.id },
		{ questions: questions(), now: T0 }
	);
	const seat = joinAssignment(db, joinCode, 'Ada', undefined, T0);
	return seatMode('assignment', seat.gameId, seat.token);
}

const MODES = [liveMode, soloMode, assignmentMode];

describe('the grace after a deadline', () => {
	it('takes an answer just inside the grace in every mode', async () => {
		for (const make of MODES) {
			const mode = await make();
			expect(mode.answer(0, true, LIMIT_MS + GRACE_MS - 1), mode.name).toBe(true);
		}
	});

	it('refuses an answer once the grace has passed in every mode', async () => {
		for (const make of MODES) {
			const mode = await make();
			expect(mode.answer(0, true, LIMIT_MS + GRACE_MS), mode.name).toBe(false);
		}
	});
});

describe('the streak', () => {
	it('counts right answers in a row and drops to 0 after a wrong one, the same in every mode', async () => {
		const plays = [true, true, false, true];
		const expected = [1, 2, 0, 1];
		for (const make of MODES) {
			const mode = await make();
			const seen: number[] = [];
			plays.forEach((right, index) => {
				if (index > 0) mode.next(index - 1, index * 60_000);
				expect(mode.answer(index, right, 1000), `${mode.name} answer ${index}`).toBe(true);
				seen.push(mode.streak());
			});
			expect(seen, mode.name).toEqual(expected);
		}
	});

	it('is the same rule in the SQL that scores a closed live question as in nextStreak', () => {
		const sql = db.$client.prepare<{ previous: number; correct: number }, { s: number }>(
			`SELECT ${streakSql('@previous', '@correct')} AS s`
		);
		for (const previous of [0, 1, 2, 7]) {
			for (const correct of [false, true]) {
				const fromSql = sql.get({ previous, correct: correct ? 1 : 0 })!.s;
				expect(fromSql, `${previous} ${correct}`).toBe(nextStreak(previous, correct));
			}
		}
	});
});

describe('when an assignment is closed', () => {
	/** An untimed assignment due a day after T0, with Ada seated and on its first question. */
	function assignment() {
		const created = createAssignment(
			db,
			{
				config: { ...CONFIG, secondsPerQuestion: null },
				title: 'Closed',
				deadline: new Date(T0 + DAY),
				ownerId: owner.id
			},
			{ questions: questions(), now: T0 }
		);
		const seat = joinAssignment(db, created.joinCode, 'Ada', undefined, T0);
		startSoloGame(db, seat.gameId, seat.token, T0);
		return { ...created, ...seat };
	}

	/** Whether each part of the service calls the assignment closed at `now`. */
	function verdicts(a: ReturnType<typeof assignment>, now: number) {
		let studentRefused = false;
		try {
			answerSoloQuestion(db, a.gameId, a.token, postedAnswer(questions()[0], 0, true), now);
		} catch {
			studentRefused = true;
		}
		const game = db.select().from(games).where(eq(games.id, a.gameId)).get()!;
		return {
			student: studentRefused,
			info: assignmentInfo(game, now).closed,
			report: reportStatus(game, now).status === 'closed',
			lookup: assignmentById(db, a.gameId, now).status === 'ended',
			teacher: changeDeadline(db, a.gameId, owner.id, new Date(now + DAY), now).reopened
		};
	}

	const all = (closed: boolean) => ({
		student: closed,
		info: closed,
		report: closed,
		lookup: closed,
		teacher: closed
	});

	it('is open for every part up to its deadline', () => {
		expect(verdicts(assignment(), T0 + DAY)).toEqual(all(false));
	});

	it('is closed for every part once its deadline has passed', () => {
		expect(verdicts(assignment(), T0 + DAY + 1)).toEqual(all(true));
	});

	it('is closed for every part once it has ended, even before its deadline', () => {
		const a = assignment();
		db.update(games).set({ status: 'ended' }).where(eq(games.id, a.gameId)).run();
		expect(verdicts(a, T0 + 1000)).toEqual(all(true));
	});
});

describe('the door of a live answer', () => {
	it('checks the clock once per answer, whatever transport carries it', async () => {
		const created = live.create(CONFIG, { ownerId: owner.id, questions: questions(), seed: 'x' });
		const seats = ['Ada', 'Bob'].map((name) => live.join(created.joinCode, name));
		live.command(live.get(created.gameId), 'start');
		const tick = vi.spyOn(live, 'tick');
		const pending = live.submitAnswer(created.joinCode, () => seats[0].token, {
			questionIndex: 0,
			requestId: 'one',
			response: { kind: 'name', techniqueId: 'loaded-language' }
		});
		// The group commit waits for the next turn of the event loop (a faked setImmediate here).
		await vi.advanceTimersByTimeAsync(1);
		const receipt = await pending;
		expect(receipt.accepted).toBe(true);
		expect(tick).toHaveBeenCalledTimes(1);
	});
});
