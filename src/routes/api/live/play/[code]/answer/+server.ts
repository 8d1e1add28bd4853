import { json } from '@sveltejs/kit';
import { liveGames } from '$lib/server/live';
import { playerToken, readJson, withLiveErrors } from '$lib/server/live/http';
import type { RequestHandler } from './$types';

/** Answer the current question: `{ questionIndex, requestId, response }` (see LiveGames.submitAnswer). */
export const POST: RequestHandler = ({ params, cookies, locals }) => {
	return withLiveErrors(async () => {
		const body = readJson({ locals });
		const tokenOf = (gameId: string) => playerToken(cookies, gameId);
		return json(await liveGames().submitAnswer(params.code, tokenOf, body));
	});
};
