/**
 * A game's name as every page shows it (the teacher's home, the report, progress over time, the
 * host screen, a student's screen): its title, its code and the day it was created, read from one
 * place so the pages never disagree. The title is set when the game is created (the teacher's, or
 * its content and day) and its teacher may change it.
 */
import { and, eq } from 'drizzle-orm';
import { defaultGameTitle, roundContentLabel } from '../game/gameTitle';
import type { Question, RoundConfig } from '../game/types';
import type { GameName } from '../game/views';
import type { Db } from './db/open';
import { games } from './db/schema';
import { ownedGame } from './accounts/ownership';

export type { GameName };

/** A game row's title: its own, or (a row older than titles) its kind. */
export function titleOf(row: { title: string | null; mode: string }): string {
	if (row.title) return row.title;
	return row.mode === 'assignment' ? 'Assignment' : 'Live game';
}

/**
 * Whether the game carries a title of its teacher's rather than the default one made from its
 * content and day (a download is then named after the title; otherwise after the code).
 */
export function hasOwnTitle(row: {
	title: string | null;
	questions: Question[];
	config: RoundConfig;
	createdAt: Date;
}): boolean {
	if (!row.title) return false;
	// Games stored by the first versions may lack parts of today's config.
	const content = roundContentLabel(row.questions ?? [], row.config?.families ?? []);
	return row.title !== defaultGameTitle(content, row.createdAt.getTime());
}

/** The name of a live game or assignment as pages show it. */
export function gameNameOf(row: {
	id: string;
	mode: string;
	title: string | null;
	joinCode: string | null;
	createdAt: Date;
}): GameName {
	return {
		id: row.id,
		mode: row.mode === 'assignment' ? 'assignment' : 'live',
		title: titleOf(row),
		code: row.joinCode,
		createdAt: row.createdAt.getTime()
	};
}

/** The name of game `gameId` (for pages that hold only its id or code); null when there is none. */
export function loadGameName(db: Db, gameId: string): GameName | null {
	const row = db
		.select({
			id: games.id,
			mode: games.mode,
			title: games.title,
			joinCode: games.joinCode,
			createdAt: games.createdAt
		})
		.from(games)
		.where(eq(games.id, gameId))
		.get();
	return row ? gameNameOf(row) : null;
}

/** Gives `teacherId`'s game `gameId` a new (already checked) title; 404 for anyone else's. */
export function renameGame(db: Db, gameId: string, teacherId: string | undefined, title: string) {
	const game = ownedGame(db, gameId, teacherId);
	db.update(games)
		.set({ title })
		.where(and(eq(games.id, game.id), eq(games.ownerId, game.ownerId!)))
		.run();
}
