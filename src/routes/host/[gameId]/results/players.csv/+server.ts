import { getDb } from '$lib/server/db';
import { csvResponse } from '$lib/server/results/http';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = ({ params, locals }) =>
	csvResponse(getDb(), params.gameId, locals.teacher, 'players');
