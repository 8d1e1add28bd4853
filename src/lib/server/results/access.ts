/**
 * Which games are this teacher's, for the pages that report across games (item analysis,
 * progress over time): until teacher accounts exist, the games whose host cookie this browser
 * holds with a valid token.
 */
import type { Cookies } from '@sveltejs/kit';
import { inArray } from 'drizzle-orm';
import type { Db } from '../db/open';
import { games } from '../db/schema';
import { hashToken } from '../tokens';

const HOST_COOKIE = /^slant_host_(.+)$/;

/** Ids of the live games and assignments this browser hosts. */
export function hostedGameIds(db: Db, cookies: Cookies): string[] {
	const tokens = new Map<string, string>();
	for (const { name, value } of cookies.getAll()) {
		const match = HOST_COOKIE.exec(name);
		if (match) tokens.set(match[1], value);
	}
	if (tokens.size === 0) return [];
	return db
		.select({ id: games.id, hostTokenHash: games.hostTokenHash, mode: games.mode })
		.from(games)
		.where(inArray(games.id, [...tokens.keys()]))
		.all()
		.filter(
			(g) =>
				(g.mode === 'live' || g.mode === 'assignment') &&
				g.hostTokenHash !== null &&
				g.hostTokenHash === hashToken(tokens.get(g.id)!)
		)
		.map((g) => g.id);
}
