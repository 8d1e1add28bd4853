/**
 * Join codes for live games and assignments. Both kinds share one space of codes: a code is
 * unique among the games that have not ended, so a code names one open game whatever its mode.
 */
import { and, eq, ne, sql } from 'drizzle-orm';
import type { Db } from './db/open';
import { games } from './db/schema';
import { newJoinCode } from './tokens';

type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

/** Random codes drawn before giving up on finding a free one (a million codes, few open games). */
const TRIES = 50;

/**
 * A 6-digit code that no game still open uses. Call it inside the transaction that inserts the
 * game, so no other game takes the code in between. `generate` draws a code (tests pass their own).
 */
export function allocateJoinCode(tx: Db | Tx, generate: () => string = newJoinCode): string {
	let code = generate();
	for (let tries = 0; tries < TRIES; tries++) {
		const taken = tx
			.select({ id: games.id })
			.from(games)
			.where(and(eq(games.joinCode, code), ne(games.status, 'ended')))
			.get();
		if (!taken) break;
		code = generate();
	}
	return code;
}

const codeStatements = new WeakMap<Db, ReturnType<typeof prepareCodeInUse>>();

function prepareCodeInUse(db: Db) {
	return db
		.select({ id: games.id })
		.from(games)
		.where(eq(games.joinCode, sql.placeholder('code')))
		.limit(1)
		.prepare();
}

/**
 * How long a code found in use is taken as in use without asking again. A class opens a join and
 * a stream per player within a minute, each asking; a code stays in use once a game has it (until
 * the game is deleted, after which the wrong-code limit may pass over it for this long).
 */
const IN_USE_MS = 10_000;
const IN_USE_KEPT = 10_000;
const inUseUntil = new WeakMap<Db, Map<string, number>>();

/**
 * True when some game (of any mode, ended or not) has this join code. Asked by the request guard
 * on every request that names a code (each join and each stream a class opens), so prepared once
 * and a "yes" remembered for `IN_USE_MS`.
 */
export function codeInUse(db: Db, code: string, now = Date.now()): boolean {
	let known = inUseUntil.get(db);
	if ((known?.get(code) ?? 0) > now) return true;
	let statement = codeStatements.get(db);
	if (!statement) {
		statement = prepareCodeInUse(db);
		codeStatements.set(db, statement);
	}
	if (statement.get({ code }) === undefined) return false;
	if (!known) inUseUntil.set(db, (known = new Map()));
	if (known.size >= IN_USE_KEPT) known.clear();
	known.set(code, now + IN_USE_MS);
	return true;
}
