/**
 * The solo service's queries on its hot paths (every start, answer, next and view), prepared once
 * per database: building and preparing a Drizzle query on every call cost more than running it.
 * Statements prepared on the database run inside its transactions too (one connection).
 */
import { asc, desc, eq, sql } from 'drizzle-orm';
import type { SQLiteUpdateSetSource } from 'drizzle-orm/sqlite-core';
import type { Db } from '../db/open';
import { answers, games, leaderboard, players } from '../db/schema';
import { ph, prepareSeatQueries, seatKey } from '../db/seatQueries';

/**
 * A placeholder for `set`, which takes no placeholder of its own: the value reaches SQLite as it
 * is, so callers pass it encoded (integers, ms timestamps, JSON text).
 */
const raw = (name: string) => sql`${ph(name)}`;

/** The answer row's columns every stored answer fills from placeholders. */
const answerKey = {
	gameId: ph('gameId'),
	playerId: ph('playerId'),
	questionIndex: ph('questionIndex'),
	itemKey: ph('itemKey'),
	kind: ph('kind'),
	techniqueId: ph('techniqueId'),
	timeMs: ph('timeMs'),
	createdAt: ph('createdAt')
};

function prepareSoloQueries(db: Db) {
	/** Seat `id`'s row set to `values`. */
	const updateSeat = (values: SQLiteUpdateSetSource<typeof players>) =>
		db
			.update(players)
			.set(values)
			.where(eq(players.id, ph('id')))
			.prepare();
	/** Game `gameId`'s row set to `values`. */
	const updateGame = (values: SQLiteUpdateSetSource<typeof games>) =>
		db
			.update(games)
			.set(values)
			.where(eq(games.id, ph('gameId')))
			.prepare();
	return {
		...prepareSeatQueries(db),
		/** What a seat needs of its game on every request (the round is read once: frozenRound). */
		seatGame: db
			.select({
				id: games.id,
				mode: games.mode,
				status: games.status,
				deadline: games.deadline,
				checkRole: games.checkRole,
				opensAt: games.opensAt,
				resultsReleasedAt: games.resultsReleasedAt
			})
			.from(games)
			.where(eq(games.id, ph('gameId')))
			.prepare(),
		round: db
			.select({ questions: games.questions, config: games.config })
			.from(games)
			.where(eq(games.id, ph('gameId')))
			.prepare(),
		insertGame: db
			.insert(games)
			.values({
				id: ph('id'),
				mode: 'solo',
				config: ph('config'),
				seed: ph('seed'),
				questions: ph('questions'),
				machineVersion: ph('machineVersion'),
				status: 'running',
				createdAt: ph('now'),
				updatedAt: ph('now')
			})
			.prepare(),
		insertSeat: db
			.insert(players)
			.values({
				...seatKey,
				snapshot: ph('snapshot'),
				machineVersion: ph('machineVersion'),
				joinedAt: ph('joinedAt')
			})
			.prepare(),
		answersOf: db
			.select()
			.from(answers)
			.where(eq(answers.playerId, ph('playerId')))
			.orderBy(asc(answers.questionIndex))
			.prepare(),
		// Literal values: a JSON column's placeholder would store the text 'null', not NULL.
		insertTimedOut: db
			.insert(answers)
			.values({
				...answerKey,
				response: null,
				confidence: null,
				correct: false,
				credit: 0,
				points: 0,
				timedOut: true
			})
			.prepare(),
		scoreSeat: updateSeat({
			score: raw('score'),
			streak: raw('streak'),
			correctCount: raw('correctCount'),
			answeredCount: raw('answeredCount'),
			snapshot: raw('snapshot')
		}),
		timeOutSeat: updateSeat({
			streak: 0,
			answeredCount: raw('answeredCount'),
			snapshot: raw('snapshot')
		}),
		setSnapshot: updateSeat({ snapshot: raw('snapshot') }),
		finishSeat: updateSeat({ finishedAt: raw('now') }),
		touchGame: updateGame({ updatedAt: raw('now') }),
		endGame: updateGame({ status: 'ended', endedAt: raw('now'), updatedAt: raw('now') }),
		insertLeaderboard: db
			.insert(leaderboard)
			.values({
				gameId: ph('gameId'),
				playerId: ph('playerId'),
				nickname: ph('nickname'),
				score: ph('score'),
				correct: ph('correct'),
				total: ph('total'),
				createdAt: ph('createdAt')
			})
			.onConflictDoNothing()
			.prepare(),
		leaderboard: db
			.select({
				nickname: leaderboard.nickname,
				score: leaderboard.score,
				correct: leaderboard.correct,
				total: leaderboard.total,
				createdAt: leaderboard.createdAt
			})
			.from(leaderboard)
			.orderBy(desc(leaderboard.score), asc(leaderboard.createdAt))
			.limit(ph('limit'))
			.prepare()
	};
}

export type SoloQueries = ReturnType<typeof prepareSoloQueries>;

const prepared = new WeakMap<Db, SoloQueries>();

/** The solo statements of `db`, prepared on first use. */
export function soloQueries(db: Db): SoloQueries {
	let q = prepared.get(db);
	if (!q) {
		q = prepareSoloQueries(db);
		prepared.set(db, q);
	}
	return q;
}
