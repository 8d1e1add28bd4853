/**
 * Deleting a game or assignment, or a whole teacher account, for good: the game row, its players
 * (nicknames), their answers and leaderboard lines leave the database. What the answers say about
 * the items (asked, right or wrong, credit, time, the choice made) is kept in anonymous_answers
 * for item analysis, under a fresh random id per player that leads to nobody: no nickname, no
 * player, game or teacher id, no request id. The questions those answers were given to are kept
 * once per item in anonymous_items, so item analysis can still show what an item asked.
 */
import { and, count, eq, inArray, isNotNull } from 'drizzle-orm';
import type { Question } from '../../game/types';
import type { Db } from '../db/open';
import {
	anonymousAnswers,
	anonymousItems,
	answers,
	games,
	leaderboard,
	players,
	teachers
} from '../db/schema';
import { newId } from '../tokens';
import { ownedGame } from '../accounts/ownership';

/** What a deletion removed. */
export interface Deleted {
	games: string[];
	players: number;
	answers: number;
}

type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

/** Deletes games by id inside a transaction, keeping their answers anonymously. */
function deleteGames(tx: Tx, gameIds: string[]): Deleted {
	if (gameIds.length === 0) return { games: [], players: 0, answers: 0 };
	const gameRows = tx
		.select({ id: games.id, mode: games.mode, questions: games.questions })
		.from(games)
		.where(inArray(games.id, gameIds))
		.all();
	const modes = new Map(gameRows.map((g) => [g.id, g.mode]));
	const questionsOf = new Map(gameRows.map((g) => [g.id, g.questions]));
	const rows = tx.select().from(answers).where(inArray(answers.gameId, gameIds)).all();
	const attempt = new Map<string, string>();
	const kept = rows.map((r) => {
		if (!attempt.has(r.playerId)) attempt.set(r.playerId, newId());
		return {
			attemptId: attempt.get(r.playerId)!,
			mode: modes.get(r.gameId) ?? 'live',
			questionIndex: r.questionIndex,
			itemKey: r.itemKey,
			kind: r.kind,
			techniqueId: r.techniqueId,
			response: r.response,
			correct: r.correct,
			credit: r.credit,
			timeMs: r.timeMs,
			timedOut: r.timedOut,
			answeredAt: r.createdAt
		};
	});
	// SQLite takes a limited number of variables per statement: insert in slices.
	for (let i = 0; i < kept.length; i += 500) {
		tx.insert(anonymousAnswers)
			.values(kept.slice(i, i + 500))
			.run();
	}
	const items = new Map<string, Question>();
	for (const r of rows) {
		const question = questionsOf.get(r.gameId)?.[r.questionIndex];
		if (question && !items.has(r.itemKey)) items.set(r.itemKey, question);
	}
	const itemRows = [...items].map(([itemKey, question]) => ({ itemKey, question }));
	for (let i = 0; i < itemRows.length; i += 500) {
		tx.insert(anonymousItems)
			.values(itemRows.slice(i, i + 500))
			.onConflictDoNothing()
			.run();
	}
	tx.delete(leaderboard).where(inArray(leaderboard.gameId, gameIds)).run();
	tx.delete(answers).where(inArray(answers.gameId, gameIds)).run();
	const seats = tx.delete(players).where(inArray(players.gameId, gameIds)).run();
	// The other check of a before/after pair stays, unpaired.
	tx.update(games).set({ pairedGameId: null }).where(inArray(games.pairedGameId, gameIds)).run();
	tx.delete(games).where(inArray(games.id, gameIds)).run();
	return { games: gameIds, players: seats.changes, answers: rows.length };
}

/**
 * What deleting `gameId` would remove, as its delete page says it: every seat (removed players
 * too: their nicknames go) and every answer a player gave; a question a player let time out is
 * no answer, though the report stores it as a wrong one.
 */
export function deletionCounts(db: Db, gameId: string): { players: number; answers: number } {
	const seats = db.select({ n: count() }).from(players).where(eq(players.gameId, gameId)).get();
	const given = db
		.select({ n: count() })
		.from(answers)
		.where(and(eq(answers.gameId, gameId), isNotNull(answers.response)))
		.get();
	return { players: seats?.n ?? 0, answers: given?.n ?? 0 };
}

/**
 * Deletes one live game or assignment of `teacherId` (404 for anyone else's). The caller also
 * drops a live game from memory (liveGames().discard).
 */
export function deleteGame(db: Db, gameId: string, teacherId: string | undefined): Deleted {
	return db.transaction((tx) => {
		ownedGame(tx, gameId, teacherId);
		return deleteGames(tx, [gameId]);
	});
}

/** Deletes a teacher's account with every game and assignment it owns, and its sessions. */
export function deleteAccount(db: Db, teacherId: string): Deleted {
	return db.transaction((tx) => {
		const owned = tx
			.select({ id: games.id })
			.from(games)
			.where(eq(games.ownerId, teacherId))
			.all()
			.map((g) => g.id);
		const deleted = deleteGames(tx, owned);
		// Sessions go with the account (ON DELETE CASCADE); invitations it used forget it.
		tx.delete(teachers).where(eq(teachers.id, teacherId)).run();
		return deleted;
	});
}
