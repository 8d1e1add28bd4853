/**
 * Resume codes: a student who started an assignment on one device continues on another by typing
 * the code shown on their screen. The code moves the seat: the new device gets a new token, and the
 * old one no longer holds the seat (typing the code there moves it back). The database keeps only
 * the code's SHA-256, like every token; the student's browser keeps the code in a cookie to show it.
 */
import { randomInt } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import type { Db } from '../db/open';
import { players } from '../db/schema';
import { hashToken, newToken } from '../tokens';
import { AssignmentError } from './assignments';

/** Crockford's base 32: no I, L, O or U, so a code read aloud or copied by hand survives. */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const LENGTH = 10;

/** A new code like `7KQ2M-XR4DA` (50 random bits). */
export function newResumeCode(): string {
	let code = '';
	for (let i = 0; i < LENGTH; i++) code += ALPHABET[randomInt(ALPHABET.length)];
	return `${code.slice(0, 5)}-${code.slice(5)}`;
}

/**
 * A typed code in its canonical form, or null when it cannot be one: case, spaces and dashes do
 * not matter, and O, I and L are read as 0, 1 and 1.
 */
export function normaliseResumeCode(raw: unknown): string | null {
	if (typeof raw !== 'string') return null;
	const plain = raw.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
	if (plain.length !== LENGTH || [...plain].some((c) => !ALPHABET.includes(c))) return null;
	return `${plain.slice(0, 5)}-${plain.slice(5)}`;
}

/**
 * The resume code of a seat, given the one this browser remembers (if any): kept when it still
 * matches the seat, otherwise a new one replaces it (for seats from before resume codes, or a
 * browser that lost its cookie).
 */
export function ensureResumeCode(db: Db, playerId: string, remembered: string | undefined): string {
	const seat = db
		.select({ hash: players.resumeCodeHash })
		.from(players)
		.where(eq(players.id, playerId))
		.get();
	const known = remembered ? normaliseResumeCode(remembered) : null;
	if (seat?.hash && known && hashToken(known) === seat.hash) return known;
	const code = newResumeCode();
	db.update(players)
		.set({ resumeCodeHash: hashToken(code) })
		.where(eq(players.id, playerId))
		.run();
	return code;
}

/**
 * Moves the seat holding `rawCode` in assignment `gameId` to this device: returns the new token
 * (the old device's token stops working) and the code. 400 for a malformed code, 404 when no seat
 * of this assignment has it, 403 when the teacher removed that student.
 */
export function resumeSeat(
	db: Db,
	gameId: string,
	rawCode: unknown
): { playerId: string; token: string; code: string } {
	const code = normaliseResumeCode(rawCode);
	if (!code) {
		throw new AssignmentError(
			400,
			'A resume code has 10 letters and digits, like 7KQ2M-XR4DA. Copy it from your other device.'
		);
	}
	return db.transaction((tx) => {
		const seat = tx
			.select({ id: players.id, removed: players.removed })
			.from(players)
			.where(and(eq(players.gameId, gameId), eq(players.resumeCodeHash, hashToken(code))))
			.get();
		if (!seat) {
			throw new AssignmentError(
				404,
				'No one in this assignment has this resume code. Check it on your other device.'
			);
		}
		if (seat.removed) {
			throw new AssignmentError(403, 'Your teacher removed you from this assignment.');
		}
		const token = newToken();
		tx.update(players)
			.set({ tokenHash: hashToken(token) })
			.where(eq(players.id, seat.id))
			.run();
		return { playerId: seat.id, token, code };
	});
}
