/**
 * Seating a live player, the statement every live join goes through. It is better-sqlite3's own
 * prepared statement, and the new row is built here from the values given and the table's
 * defaults, as `players` declares them: Drizzle's `returning()` read back and mapped all seventeen
 * columns on every join. insertSeat.spec.ts checks the row against the one stored.
 */
import type { Db } from './open';
import type { players } from './schema';

/** A seat row as Drizzle reads it. */
export type SeatRow = typeof players.$inferSelect;

/** What a join supplies; every other column takes its default. */
export interface NewSeat {
	id: string;
	gameId: string;
	nickname: string;
	nicknameKey: string;
	tokenHash: string;
	joinedAt: Date;
}

const INSERT_SEAT = `
	INSERT INTO players (id, game_id, nickname, nickname_key, token_hash, created_at)
	VALUES (@id, @gameId, @nickname, @nicknameKey, @tokenHash, @joinedAt)
	ON CONFLICT (game_id, nickname_key) DO NOTHING`;

/** The insert prepared on `db`: `run(seat)` stores the seat, or gives null when its nickname is taken. */
export function prepareSeatInsert(db: Db) {
	const statement = db.$client.prepare(INSERT_SEAT);
	return {
		run(seat: NewSeat): SeatRow | null {
			const { changes } = statement.run({ ...seat, joinedAt: seat.joinedAt.getTime() });
			if (changes === 0) return null;
			return {
				id: seat.id,
				gameId: seat.gameId,
				nickname: seat.nickname,
				nicknameKey: seat.nicknameKey,
				tokenHash: seat.tokenHash,
				score: 0,
				streak: 0,
				correctCount: 0,
				answeredCount: 0,
				snapshot: null,
				machineVersion: 1,
				removed: false,
				resumeCodeHash: null,
				checkForm: null,
				checkStudentId: null,
				joinedAt: seat.joinedAt,
				finishedAt: null
			};
		}
	};
}
