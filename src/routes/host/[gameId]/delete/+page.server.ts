import { redirect } from '@sveltejs/kit';
import { resolve } from '$app/paths';
import { pageErrors } from '$lib/server/accounts/http';
import { ownedGame } from '$lib/server/accounts/ownership';
import { getDb } from '$lib/server/db';
import { discardGames } from '$lib/server/live';
import { deleteGame, deletionCounts } from '$lib/server/teacher/deletion';
import { listTeacherGames } from '$lib/server/teacher/home';
import type { Actions, PageServerLoad } from './$types';

/** Asks before deleting a game or assignment (only its owner sees this; 404 for anyone else). */
export const load: PageServerLoad = ({ params, locals }) => {
	const db = getDb();
	const game = pageErrors(() => ownedGame(db, params.gameId, locals.teacher?.id));
	const listed = listTeacherGames(db, locals.teacher!.id).find((g) => g.id === game.id)!;
	return { game: listed, counts: deletionCounts(db, game.id) };
};

export const actions: Actions = {
	/** Deletes the game, its players' nicknames and their answers for good. */
	default: ({ params, locals }) => {
		const deleted = pageErrors(() => deleteGame(getDb(), params.gameId, locals.teacher?.id));
		discardGames(deleted.games);
		redirect(303, `${resolve('/teacher')}?deleted=${deleted.games.length}`);
	}
};
