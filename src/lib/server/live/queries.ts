/**
 * The live game's queries on the hot paths (every request, answer and stream), prepared once per
 * database.
 */
import { and, count, desc, eq, sql } from 'drizzle-orm';
import type { Db } from '../db/open';
import { answers, games, players } from '../db/schema';
import { prepareSeatInsert } from '../db/insertSeat';
import { ph, prepareSeatQueries } from '../db/seatQueries';

interface TimeOutMissing {
	gameId: string;
	index: number;
	itemKey: string;
	kind: string;
	techniqueId: string | null;
	timeMs: number;
	/** Why the question closed without these answers: its time ran out, or the host closed it. */
	closedBy: 'time' | 'host';
}

/**
 * Every seat of a game that is not removed and has no answer to question `index` gets a
 * timed-out answer: no response, not correct, no points (NULLs, not the JSON text 'null').
 */
const TIME_OUT_MISSING = `
	INSERT INTO answers (game_id, player_id, question_index, item_key, kind, technique_id,
		request_id, response, correct, credit, time_ms, timed_out, closed_by, points)
	SELECT p.game_id, p.id, @index, @itemKey, @kind, @techniqueId, NULL, NULL, 0, 0, @timeMs, 1,
		@closedBy, 0
	FROM players p
	WHERE p.game_id = @gameId AND p.removed = 0
		AND NOT EXISTS (
			SELECT 1 FROM answers a WHERE a.player_id = p.id AND a.question_index = @index
		)`;

/**
 * The streak rule of `nextStreak` (game/scoring.ts) as an SQL expression over a previous streak
 * and a correct flag; tests/answering-rules.test.ts runs the same cases through both.
 */
export function streakSql(previous: string, correct: string): string {
	return `CASE WHEN ${correct} THEN ${previous} + 1 ELSE 0 END`;
}

/**
 * Adds each answer to question `index` (timed-out ones included) to its seat's totals: points,
 * one more correct answer when correct, one more answered when not timed out, and the streak
 * rule (streakSql).
 */
const SCORE_QUESTION = `
	UPDATE players SET
		score = players.score + a.points,
		correct_count = players.correct_count + a.correct,
		answered_count = players.answered_count + (1 - a.timed_out),
		streak = ${streakSql('players.streak', 'a.correct')}
	FROM answers a
	WHERE a.game_id = @gameId AND a.question_index = @index AND a.player_id = players.id`;

/** Prepares every statement of the live service on `db`. */
export function prepareLiveQueries(db: Db) {
	return {
		...prepareSeatQueries(db),
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
		// Null back when the game already has a seat with this nickname (removed or not): the
		// unique index answers "is it taken?" in the insert itself, without a query of its own.
		insertPlayer: prepareSeatInsert(db),
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
		// Closing a question touches every seat: one statement each instead of one per seat (SQL,
		// as Drizzle's query builder has no UPDATE ... FROM for SQLite).
		timeOutMissing: db.$client.prepare<TimeOutMissing>(TIME_OUT_MISSING),
		scoreQuestion: db.$client.prepare<{ gameId: string; index: number }>(SCORE_QUESTION)
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
