/**
 * The live game's queries on the hot paths (every request, answer and stream), prepared once per
 * database.
 */
import { and, count, desc, eq, sql } from 'drizzle-orm';
import type { Db } from '../db/open';
import { answers, games, players } from '../db/schema';

const ph = (name: string) => sql.placeholder(name);

/** Prepares every statement of the live service on `db`. */
export function prepareLiveQueries(db: Db) {
	return {
		gameByCode: db
			.select({ id: games.id })
			.from(games)
			.where(and(eq(games.joinCode, ph('code')), eq(games.mode, 'live')))
			// Not ended first (the game now using the code), then the newest.
			.orderBy(sql`${games.status} = 'ended'`, desc(games.createdAt))
			.limit(1)
			.prepare(),
		owner: db
			.select({ ownerId: games.ownerId })
			.from(games)
			.where(eq(games.id, ph('gameId')))
			.prepare(),
		playerByToken: db
			.select()
			.from(players)
			.where(and(eq(players.gameId, ph('gameId')), eq(players.tokenHash, ph('tokenHash'))))
			.prepare(),
		nicknameTaken: db
			.select({ id: players.id })
			.from(players)
			.where(and(eq(players.gameId, ph('gameId')), eq(players.nicknameKey, ph('key'))))
			.prepare(),
		insertPlayer: db
			.insert(players)
			.values({
				id: ph('id'),
				gameId: ph('gameId'),
				nickname: ph('nickname'),
				nicknameKey: ph('nicknameKey'),
				tokenHash: ph('tokenHash')
			})
			.returning()
			.prepare(),
		seats: db
			.select()
			.from(players)
			.where(eq(players.gameId, ph('gameId')))
			.prepare(),
		activePlayers: db
			.select({ n: count() })
			.from(players)
			.where(and(eq(players.gameId, ph('gameId')), eq(players.removed, false)))
			.prepare(),
		answeredBy: db
			.select({ n: count() })
			.from(answers)
			.innerJoin(players, eq(players.id, answers.playerId))
			.where(
				and(
					eq(answers.gameId, ph('gameId')),
					eq(answers.questionIndex, ph('index')),
					eq(players.removed, false)
				)
			)
			.prepare(),
		answersTo: db
			.select()
			.from(answers)
			.where(and(eq(answers.gameId, ph('gameId')), eq(answers.questionIndex, ph('index'))))
			.prepare(),
		answerOf: db
			.select()
			.from(answers)
			.where(and(eq(answers.playerId, ph('playerId')), eq(answers.questionIndex, ph('index'))))
			.prepare(),
		insertAnswer: db
			.insert(answers)
			.values({
				gameId: ph('gameId'),
				playerId: ph('playerId'),
				questionIndex: ph('questionIndex'),
				itemKey: ph('itemKey'),
				kind: ph('kind'),
				techniqueId: ph('techniqueId'),
				requestId: ph('requestId'),
				response: ph('response'),
				confidence: ph('confidence'),
				correct: ph('correct'),
				credit: ph('credit'),
				timeMs: ph('timeMs'),
				timedOut: ph('timedOut'),
				points: ph('points'),
				createdAt: ph('createdAt')
			})
			// No RETURNING: the caller has every column but the id, which is the new rowid.
			.prepare(),
		// Literal nulls: a JSON column's placeholder would store the text 'null', not NULL.
		insertTimedOut: db
			.insert(answers)
			.values({
				gameId: ph('gameId'),
				playerId: ph('playerId'),
				questionIndex: ph('questionIndex'),
				itemKey: ph('itemKey'),
				kind: ph('kind'),
				techniqueId: ph('techniqueId'),
				requestId: null,
				response: null,
				correct: false,
				credit: 0,
				timeMs: ph('timeMs'),
				timedOut: true,
				points: 0
			})
			.prepare(),
		scoreSeat: db
			.update(players)
			// Integers only: `set` takes a placeholder inside sql`` (passed to SQLite as it is).
			.set({
				score: sql`${ph('score')}`,
				correctCount: sql`${ph('correctCount')}`,
				answeredCount: sql`${ph('answeredCount')}`,
				streak: sql`${ph('streak')}`
			})
			.where(eq(players.id, ph('id')))
			.prepare(),
		setStreak: db
			.update(players)
			.set({ streak: sql`${ph('streak')}` })
			.where(eq(players.id, ph('id')))
			.prepare()
	};
}

export type LiveQueries = ReturnType<typeof prepareLiveQueries>;

/** Non-removed players in a game. */
export function activePlayerCount(q: LiveQueries, gameId: string): number {
	return q.activePlayers.get({ gameId })?.n ?? 0;
}

/** Non-removed players who answered question `index`, from the database (the truth). */
export function answeredCount(q: LiveQueries, gameId: string, index: number): number {
	return q.answeredBy.get({ gameId, index })?.n ?? 0;
}
