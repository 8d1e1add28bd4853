/**
 * What the assignment specs share: a test database holding the small labelled library, a
 * four-question accuracy round, the clock they start at, a refusal catcher, an assignment set at
 * that time, a game's frozen questions, and answers as the page posts them (solo/testAnswers.ts).
 */
import type { Question, RoundConfig } from '../../game/types';
import { openTestDatabase, type Db } from '../db/open';
import { Refusal } from '../refusal';
import { answerSoloQuestion, nextSoloQuestion } from '../solo/soloGame';
import { frozenQuestions, postedAnswer } from '../solo/testAnswers';
import { insertTestContent } from '../solo/testContent';
import { refusalOf } from '../testRefusals';
import { createAssignment } from './assignments';

export { frozenQuestions, postedAnswer };

/** The specs' "now". */
export const T0 = 1_700_000_000_000;
export const HOUR = 3600_000;
export const DAY = 24 * HOUR;

/** Four untimed questions scored on accuracy. */
export const ASSIGNMENT_CONFIG: RoundConfig = {
	articleId: null,
	families: [],
	count: 4,
	secondsPerQuestion: null,
	scoring: 'accuracy',
	streaks: false,
	focusTechniques: []
};

/** A fresh in-memory database with the test library (solo/testContent.ts). */
export function assignmentTestDb(): Db {
	const db = openTestDatabase();
	insertTestContent(db);
	return db;
}

/** The Refusal that `fn` throws; anything else, or nothing, fails the test. */
export const refusal = (fn: () => unknown) => refusalOf(Refusal, fn);

/**
 * Answers questions [from, to) of a seat that has started, moving on after each; `answer` gives
 * each body (right answers unless told).
 */
export function answerQuestions(
	db: Db,
	gameId: string,
	token: string,
	[from, to]: [number, number],
	now: number,
	answer: (q: Question, index: number) => Record<string, string> = postedAnswer
) {
	const questions = frozenQuestions(db, gameId);
	for (let i = from; i < to; i++) {
		answerSoloQuestion(db, gameId, token, answer(questions[i], i), now);
		nextSoloQuestion(db, gameId, token, { index: String(i) }, now);
	}
}

/** An assignment of ASSIGNMENT_CONFIG that `ownerId` sets at T0, due at `deadline`. */
export function createTestAssignment(db: Db, ownerId: string, deadline: number, title: string) {
	return createAssignment(
		db,
		{ config: ASSIGNMENT_CONFIG, title, deadline: new Date(deadline), ownerId },
		{ now: T0 }
	);
}
