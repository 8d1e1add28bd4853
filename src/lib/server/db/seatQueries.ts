/**
 * The statements every mode (live, solo, assignments) runs on a seat: finding it by its token,
 * reading one of its answers, storing an answer. Each service spreads them into its own prepared
 * set, so the seat and answer reads are written once.
 */
import { and, eq, sql } from 'drizzle-orm';
import { prepareAnswerInsert } from './insertAnswer';
import type { Db } from './open';
import { answers, players } from './schema';

/** A named placeholder, for statements prepared once and run with values. */
export const ph = (name: string) => sql.placeholder(name);

/**
 * A new solo or assignment seat's columns, filled from placeholders: its id, game, name and token.
 * (A live seat is stored by ./insertSeat.ts.)
 */
export const seatKey = {
	id: ph('id'),
	gameId: ph('gameId'),
	nickname: ph('nickname'),
	nicknameKey: ph('nicknameKey'),
	tokenHash: ph('tokenHash')
};

/** Prepares the seat statements on `db`. */
export function prepareSeatQueries(db: Db) {
	return {
		/** The seat of game `gameId` whose token hashes to `tokenHash`. */
		playerByToken: db
			.select()
			.from(players)
			.where(and(eq(players.gameId, ph('gameId')), eq(players.tokenHash, ph('tokenHash'))))
			.prepare(),
		/** Player `playerId`'s answer to question `index`. */
		answerOf: db
			.select()
			.from(answers)
			.where(and(eq(answers.playerId, ph('playerId')), eq(answers.questionIndex, ph('index'))))
			.prepare(),
		insertAnswer: prepareAnswerInsert(db)
	};
}
