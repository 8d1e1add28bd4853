import { getDb } from '$lib/server/db';
import { hostLearningReport } from '$lib/server/results/http';
import type { PageServerLoad } from './$types';

/** The before-and-after report of a pair of checks, for the teacher who owns them only. */
export const load: PageServerLoad = ({ params, locals }) => ({
	report: hostLearningReport(getDb(), params.gameId, locals.teacher)
});
