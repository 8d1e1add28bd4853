/**
 * Who owns a game: live games and assignments belong to the teacher who created them. Anyone else
 * is told the game does not exist (404), so ids cannot be probed. Games hosted before accounts
 * existed have no owner; the browser that hosted them still holds their host cookie, and signing
 * in there claims them.
 */
import { and, eq, inArray, isNull } from 'drizzle-orm';
import type { Db } from '../db/open';
import { games } from '../db/schema';
import { hashToken } from '../tokens';
import { AccountError } from './accounts';

type GameRow = typeof games.$inferSelect;

/** Prefix of the pre-account host cookies, `slant_host_<gameId>`. */
export const HOST_COOKIE_PREFIX = 'slant_host_';

/** The refusal for a game that does not exist or is not this teacher's: the same 404 for both. */
export function gameNotFound(): AccountError {
	return new AccountError(404, 'game_not_found', 'There is no game or assignment with this id.');
}

/**
 * The live game or assignment `gameId` if `teacherId` owns it; a 404 AccountError otherwise
 * (no such game, a solo game, someone else's, or nobody signed in).
 */
export function ownedGame(
	db: Pick<Db, 'select'>,
	gameId: string,
	teacherId: string | undefined
): GameRow {
	if (!teacherId) throw gameNotFound();
	const game = db
		.select()
		.from(games)
		.where(and(eq(games.id, gameId), eq(games.ownerId, teacherId)))
		.get();
	if (!game || (game.mode !== 'live' && game.mode !== 'assignment')) throw gameNotFound();
	return game;
}

/**
 * Claims unowned games whose host token this browser holds (cookies named `slant_host_<id>`)
 * into `teacherId`'s account. Returns the ids claimed; their cookies are no longer needed.
 */
export function claimHostedGames(
	db: Db,
	teacherId: string,
	cookies: { name: string; value: string }[]
): string[] {
	const held = new Map<string, string>();
	for (const { name, value } of cookies) {
		if (name.startsWith(HOST_COOKIE_PREFIX) && value) {
			held.set(name.slice(HOST_COOKIE_PREFIX.length), value);
		}
	}
	if (held.size === 0) return [];
	return db.transaction((tx) => {
		const candidates = tx
			.select({ id: games.id, hash: games.hostTokenHash })
			.from(games)
			.where(and(inArray(games.id, [...held.keys()]), isNull(games.ownerId)))
			.all();
		const claimed = candidates
			.filter((g) => g.hash !== null && g.hash === hashToken(held.get(g.id)!))
			.map((g) => g.id);
		if (claimed.length > 0) {
			tx.update(games)
				.set({ ownerId: teacherId })
				.where(and(inArray(games.id, claimed), isNull(games.ownerId)))
				.run();
		}
		return claimed;
	});
}
