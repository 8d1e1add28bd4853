/**
 * The solo service's queries on its hot paths (every start, answer, next and view), prepared once
 * per database: building and preparing a Drizzle query on every call cost more than running it.
 * Statements prepared on the database run inside its transactions too (one connection).
 */
import { and, asc, desc, eq, sql } from 'drizzle-orm';
import { prepareAnswerInsert } from '../db/insertAnswer';
import type { Db } from '../db/open';
import { answers, games, leaderboard, players } from '../db/schema';

const ph = (name: string) => sql.placeholder(name);

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
	return {
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
				id: ph('id'),
				gameId: ph('gameId'),
				nickname: ph('nickname'),
				nicknameKey: ph('nicknameKey'),
				tokenHash: ph('tokenHash'),
				snapshot: ph('snapshot'),
				machineVersion: ph('machineVersion'),
				joinedAt: ph('joinedAt')
			})
			.prepare(),
		seatPlayer: db
			.select()
			.from(players)
			.where(and(eq(players.gameId, ph('gameId')), eq(players.tokenHash, ph('tokenHash'))))
			.prepare(),
		answerOf: db
			.select()
			.from(answers)
			.where(and(eq(answers.playerId, ph('playerId')), eq(answers.questionIndex, ph('index'))))
			.prepare(),
		answersOf: db
			.select()
			.from(answers)
			.where(eq(answers.playerId, ph('playerId')))
			.orderBy(asc(answers.questionIndex))
			.prepare(),
		insertAnswer: prepareAnswerInsert(db),
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
		scoreSeat: db
			.update(players)
			.set({
				score: raw('score'),
				streak: raw('streak'),
				correctCount: raw('correctCount'),
				answeredCount: raw('answeredCount'),
				snapshot: raw('snapshot')
			})
			.where(eq(players.id, ph('id')))
			.prepare(),
		timeOutSeat: db
			.update(players)
			.set({ streak: 0, answeredCount: raw('answeredCount'), snapshot: raw('snapshot') })
			.where(eq(players.id, ph('id')))
			.prepare(),
		setSnapshot: db
			.update(players)
			.set({ snapshot: raw('snapshot') })
			.where(eq(players.id, ph('id')))
			.prepare(),
		finishSeat: db
			.update(players)
			.set({ finishedAt: raw('now') })
			.where(eq(players.id, ph('id')))
			.prepare(),
		touchGame: db
			.update(games)
			.set({ updatedAt: raw('now') })
			.where(eq(games.id, ph('gameId')))
			.prepare(),
		endGame: db
			.update(games)
			.set({ status: 'ended', endedAt: raw('now'), updatedAt: raw('now') })
			.where(eq(games.id, ph('gameId')))
			.prepare(),
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
