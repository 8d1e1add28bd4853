import { getDb } from '$lib/server/db';
import { hostStudentReport } from '$lib/server/results/http';
import type { PageServerLoad } from './$types';

/** One student's answers in a live game or an assignment, for the teacher who owns the game only. */
export const load: PageServerLoad = ({ params, locals }) => ({
	report: hostStudentReport(getDb(), params.gameId, params.playerId, locals.teacher)
});
