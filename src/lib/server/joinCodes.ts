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
 * True when some game (of any mode, ended or not) has this join code. Asked by the request guard
 * on every request that names a code (each join and each stream a class opens), so prepared once.
 */
export function codeInUse(db: Db, code: string): boolean {
	let statement = codeStatements.get(db);
	if (!statement) {
		statement = prepareCodeInUse(db);
		codeStatements.set(db, statement);
	}
	return statement.get({ code }) !== undefined;
}
