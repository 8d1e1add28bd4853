/**
 * What a teacher does to an assignment after setting it: move its deadline (reopening a closed
 * one), reset one student's attempt, or remove a student. Only the owner may (404 otherwise).
 */
import { and, eq, ne } from 'drizzle-orm';
import { assignmentClosed } from '../../game/answering';
import { ownedGame } from '../accounts/ownership';
import type { Db } from '../db/open';
import { games, players } from '../db/schema';
import { allocateJoinCode } from '../joinCodes';
import { resetSoloSeat } from '../solo/soloGame';
import { AssignmentError, MAX_DEADLINE_DAYS } from './assignments';
import { seatQuestionCount } from './checkSeats';

type GameRow = typeof games.$inferSelect;
type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

function ownedAssignment(
	db: Pick<Db, 'select'>,
	gameId: string,
	teacherId: string | undefined
): GameRow {
	const game = ownedGame(db, gameId, teacherId);
	if (game.mode !== 'assignment') {
		throw new AssignmentError(404, 'There is no assignment with this id.');
	}
	return game;
}

/**
 * Sets a new deadline: in the future and within a year. An assignment that had closed opens
 * again; if another open game took its code meanwhile, it gets a new code.
 */
export function changeDeadline(
	db: Db,
	gameId: string,
	teacherId: string | undefined,
	deadline: Date,
	now = Date.now()
): { deadline: Date; code: string; reopened: boolean } {
	return db.transaction((tx) => {
		const game = ownedAssignment(tx, gameId, teacherId);
		if (deadline.getTime() <= now) {
			throw new AssignmentError(400, 'The new deadline must be in the future.');
		}
		if (deadline.getTime() > now + MAX_DEADLINE_DAYS * 24 * 3600_000) {
			throw new AssignmentError(400, 'The deadline must be within a year from now.');
		}
		const wasClosed = assignmentClosed(game, now);
		let code = game.joinCode ?? '';
		const clash = tx
			.select({ id: games.id })
			.from(games)
			.where(and(eq(games.joinCode, code), ne(games.status, 'ended'), ne(games.id, game.id)))
			.get();
		if (clash || code === '') code = allocateJoinCode(tx);
		tx.update(games)
			.set({
				deadline,
				joinCode: code,
				status: 'open',
				endedAt: null,
				updatedAt: new Date(now)
			})
			.where(eq(games.id, game.id))
			.run();
		return { deadline, code, reopened: wasClosed };
	});
}

function studentOf(db: Pick<Db, 'select'>, game: GameRow, playerId: string) {
	const seat = db
		.select({ id: players.id, nickname: players.nickname, removed: players.removed })
		.from(players)
		.where(and(eq(players.id, playerId), eq(players.gameId, game.id)))
		.get();
	if (!seat) throw new AssignmentError(404, 'There is no such student in this assignment.');
	return seat;
}

/**
 * A teacher's action on one student of an assignment they own: `act` runs in one transaction on
 * the student's seat, and the reply names the student. Refuses with a 404 a game that is not
 * theirs or not an assignment, and a student who is not in it.
 */
function studentAction(act: (tx: Tx, game: GameRow, seat: ReturnType<typeof studentOf>) => void) {
	return (
		db: Db,
		gameId: string,
		teacherId: string | undefined,
		playerId: string
	): { nickname: string | null } =>
		db.transaction((tx) => {
			const game = ownedAssignment(tx, gameId, teacherId);
			const seat = studentOf(tx, game, playerId);
			act(tx, game, seat);
			return { nickname: seat.nickname };
		});
}

/** Deletes one student's answers and lets them start again from the first question. */
export const resetAttempt = studentAction((tx, game, seat) => {
	resetSoloSeat(tx, {
		playerId: seat.id,
		questionCount: seatQuestionCount(game),
		secondsPerQuestion: game.config.secondsPerQuestion
	});
});

/**
 * Removes a student: their seat stops working (their browser is told so) and they leave the
 * results. Their nickname stays taken in this assignment.
 */
export const removeStudent = studentAction((tx, _game, seat) => {
	tx.update(players).set({ removed: true }).where(eq(players.id, seat.id)).run();
});
