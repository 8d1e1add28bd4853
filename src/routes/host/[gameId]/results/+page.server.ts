import { getDb } from '$lib/server/db';
import { hostResults } from '$lib/server/results/http';
import type { PageServerLoad } from './$types';

/** Results of a live game or an assignment, for the browser holding its host token only. */
export const load: PageServerLoad = ({ params, cookies }) => ({
	results: hostResults(getDb(), params.gameId, cookies)
});
