/**
 * What the assignment specs share: a test database holding the small labelled library, a
 * four-question accuracy round, the clock they start at, a refusal catcher, a game's frozen
 * questions, and answers as the page posts them.
 */
import { eq } from 'drizzle-orm';
import type { Question, RoundConfig } from '../../game/types';
import { openTestDatabase, type Db } from '../db/open';
import { games } from '../db/schema';
import { Refusal } from '../refusal';
import { answerSoloQuestion, nextSoloQuestion } from '../solo/soloGame';
import { insertTestContent } from '../solo/testContent';
import { refusalOf } from '../testRefusals';

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

/** The questions frozen on a game's row. */
export function frozenQuestions(db: Db, gameId: string): Question[] {
	return db.select().from(games).where(eq(games.id, gameId)).get()!.questions as Question[];
}

/** An answer to question `index` as the page posts it: the right one, or a wrong one. */
export function postedAnswer(q: Question, index: number, right = true): Record<string, string> {
	switch (q.kind) {
		case 'name':
			return {
				kind: 'name',
				index: String(index),
				technique: right ? q.answer : q.choices.find((c) => c !== q.answer)!
			};
		case 'judge':
			return {
				kind: 'judge',
				index: String(index),
				verdict: q.loaded === right ? 'loaded' : 'straight'
			};
		case 'find': {
			const [start, end] = q.targets[0];
			// A word outside the target is wrong; the target itself is right.
			const outside = end < q.excerpt.tokens.length - 1 ? end + 1 : 0;
			return {
				kind: 'find',
				index: String(index),
				start: String(right ? start : outside),
				end: String(right ? end : outside + 1)
			};
		}
	}
}

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
