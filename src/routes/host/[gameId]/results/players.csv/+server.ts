import { getDb } from '$lib/server/db';
import { csvResponse } from '$lib/server/results/http';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = ({ params, cookies }) =>
	csvResponse(getDb(), params.gameId, cookies, 'players');
