import { getDb } from '$lib/server/db';
import { hostResults } from '$lib/server/results/http';
import type { PageServerLoad } from './$types';

/** Results of a live game or an assignment, for the teacher who owns it only. */
export const load: PageServerLoad = ({ params, locals }) => ({
	results: hostResults(getDb(), params.gameId, locals.teacher)
});
