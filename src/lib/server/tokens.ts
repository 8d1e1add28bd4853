/**
 * Secret tokens for players and hosts. The browser keeps the token in an httpOnly cookie; the
 * database keeps only its SHA-256, so a leaked database does not hand out seats.
 */
import { createHash, randomBytes, randomInt, randomUUID } from 'node:crypto';

/** A new random token (URL-safe, 256 bits). */
export function newToken(): string {
	return randomBytes(32).toString('base64url');
}

/** SHA-256 of a token, hex. */
export function hashToken(token: string): string {
	return createHash('sha256').update(token).digest('hex');
}

/** A new opaque id for games and players. */
export function newId(): string {
	return randomUUID();
}

/** A random seed for a round. */
export function newSeed(): string {
	return randomBytes(8).toString('hex');
}

/** A 6-digit join code (leading zeros allowed). Uniqueness among open games is the caller's job. */
export function newJoinCode(): string {
	return String(randomInt(0, 1_000_000)).padStart(6, '0');
}
