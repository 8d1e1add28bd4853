import { getDb } from '$lib/server/db';
import { hostLearningReport } from '$lib/server/results/http';
import type { PageServerLoad } from './$types';

/** The before-and-after report of a pair of checks, for their host only. */
export const load: PageServerLoad = ({ params, cookies }) => ({
	report: hostLearningReport(getDb(), params.gameId, cookies)
});
