/**
 * Which games are this teacher's, for the pages that report across games (item analysis,
 * progress over time): the live games and assignments the signed-in teacher owns.
 */
import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '../db/open';
import { games } from '../db/schema';

/** Ids of the live games and assignments owned by `teacherId`. */
export function hostedGameIds(db: Db, teacherId: string): string[] {
	return db
		.select({ id: games.id })
		.from(games)
		.where(and(eq(games.ownerId, teacherId), inArray(games.mode, ['live', 'assignment'])))
		.all()
		.map((g) => g.id);
}
