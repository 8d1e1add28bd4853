/**
 * The need-help threshold of a game, which its teacher reads and sets on the report: the report's
 * need-help list, its did-not-finish list and players.csv all judge students by it.
 */
import { and, eq } from 'drizzle-orm';
import { ownedGame } from '../accounts/ownership';
import type { Db } from '../db/open';
import { games } from '../db/schema';

/**
 * Sets `teacherId`'s game `gameId` to name students under `percent` (an already checked whole
 * percentage, 1-99) right as needing help; 404 for anyone else's game, and nothing written.
 */
export function setNeedHelpThreshold(
	db: Db,
	gameId: string,
	teacherId: string | undefined,
	percent: number
): void {
	const game = ownedGame(db, gameId, teacherId);
	db.update(games)
		.set({ needHelpBelow: percent })
		.where(and(eq(games.id, game.id), eq(games.ownerId, game.ownerId!)))
		.run();
}
