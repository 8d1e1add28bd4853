/**
 * What the /host form creates for a teacher: a live game, an assignment, or a before-and-after
 * check pair, each with its round made by content/rounds.ts. The page's one service call.
 */
import type { RoundConfig } from '../game/types';
import { createAssignmentFromForm } from './assignments/assignments';
import { createCheckPairFromForm } from './assignments/checkPair';
import type { Db } from './db/open';
import { liveGames } from './live';

/** How the class plays what the form creates. */
export interface ClassGameChoice {
	mode: 'live' | 'assignment';
	/** An assignment set as a check before teaching and one after it. */
	checkPair: boolean;
	/** The round settings, checked by HostFormSchema. */
	config: RoundConfig;
	ownerId: string;
}

/**
 * Creates the game the form asks for (the assignment's title and deadlines read from `form`) and
 * says which page shows it: the live host screen or the assignment's page (the first check of a
 * pair). Refuses (a Refusal) what cannot be made.
 */
export async function createClassGame(
	db: Db,
	choice: ClassGameChoice,
	form: FormData
): Promise<{ page: 'live' | 'assignment'; gameId: string }> {
	const { config, ownerId } = choice;
	if (choice.mode === 'assignment' && choice.checkPair) {
		const pair = await createCheckPairFromForm(db, { form, config, ownerId });
		return { page: 'assignment', gameId: pair.before.gameId };
	}
	if (choice.mode === 'assignment') {
		const created = await createAssignmentFromForm(db, { form, config, ownerId });
		return { page: 'assignment', gameId: created.gameId };
	}
	const created = await liveGames().createFromConfig(config, { ownerId });
	return { page: 'live', gameId: created.gameId };
}
