/**
 * Played games for the specs of item analysis, label quality and results across games: an ended
 * game, its seats and their answers written straight to the database, as play leaves them.
 */
import type { Question, Response } from '../../game/types';
import { TEST_ROUND_CONFIG, type Db } from '../db/open';
import { anonymousAnswers, answers, games, players } from '../db/schema';
import { hashToken } from '../tokens';

/** Stores an ended live game of `questions`; `extra` sets its mode, title or creation time. */
export function addEndedGame(
	db: Db,
	id: string,
	questions: Question[],
	extra: { mode?: string; title?: string; createdAt?: Date } = {}
): void {
	db.insert(games)
		.values({
			id,
			mode: 'live',
			joinCode: '123456',
			hostTokenHash: hashToken(id),
			config: TEST_ROUND_CONFIG,
			seed: id,
			questions,
			status: 'ended',
			...extra
		})
		.run();
}

/** Seats player `id` in game `gameId`; `extra` sets a nickname or removes the seat. */
export function addSeat(
	db: Db,
	gameId: string,
	id: string,
	extra: { nickname?: string; removed?: boolean } = {}
): void {
	db.insert(players)
		.values({ id, gameId, tokenHash: hashToken(id), ...extra })
		.run();
}

/**
 * Stores a seat's answer to question `questionIndex` (`q`): right or wrong, full credit and 1,000
 * points when right, 1 s taken; `response` is what the player chose, when a spec needs it.
 */
export function addAnswer(
	db: Db,
	seat: { gameId: string; playerId: string },
	questionIndex: number,
	q: Question,
	correct: boolean,
	response?: Response
): void {
	db.insert(answers)
		.values({
			...seat,
			questionIndex,
			itemKey: q.itemKey,
			kind: q.kind,
			response,
			correct,
			credit: correct ? 1 : 0,
			timeMs: 1000,
			points: correct ? 1000 : 0
		})
		.run();
}

/** Stores an answer of a deleted live game, kept without a seat. */
export function addAnonymousAnswer(
	db: Db,
	attemptId: string,
	questionIndex: number,
	q: Question,
	correct: boolean
): void {
	db.insert(anonymousAnswers)
		.values({
			attemptId,
			mode: 'live',
			questionIndex,
			itemKey: q.itemKey,
			kind: q.kind,
			correct,
			credit: correct ? 1 : 0,
			timeMs: 1000,
			answeredAt: new Date()
		})
		.run();
}
