import { fail } from '@sveltejs/kit';
import * as v from 'valibot';
import { pageErrors } from '$lib/server/accounts/http';
import { getDb } from '$lib/server/db';
import { renameGame } from '$lib/server/gameNames';
import { GameTitleSchema, issuesMessage } from '$lib/server/requestSchemas';
import { needHelpAction } from '$lib/server/results/needHelpAction';
import { hostResults } from '$lib/server/results/http';
import type { Actions, PageServerLoad } from './$types';

/** Results of a live game or an assignment, for the teacher who owns it only. */
export const load: PageServerLoad = ({ params, locals }) => ({
	results: hostResults(getDb(), params.gameId, locals.teacher)
});

export const actions: Actions = {
	/** Gives the game a new title (its owner only; 404 for anyone else). */
	rename: async ({ params, locals, request }) => {
		const form = Object.fromEntries(await request.formData());
		const parsed = v.safeParse(GameTitleSchema, form);
		if (!parsed.success) {
			const title = typeof form.title === 'string' ? form.title : '';
			return fail(400, { message: issuesMessage(parsed.issues), title });
		}
		pageErrors(() => renameGame(getDb(), params.gameId, locals.teacher?.id, parsed.output.title));
		return { renamed: true };
	},
	/** Sets the need-help threshold (a whole percentage, 1-99) the report judges students by. */
	needHelp: ({ params, locals, request }) => needHelpAction(params.gameId, locals.teacher, request)
};
