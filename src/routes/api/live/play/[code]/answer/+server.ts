import { json } from '@sveltejs/kit';
import { liveGames } from '$lib/server/live';
import { gameForPlayer, playerToken, readJson, withLiveErrors } from '$lib/server/live/http';
import type { RequestHandler } from './$types';

/** Answer the current question: `{ questionIndex, requestId, response }`. */
export const POST: RequestHandler = ({ params, cookies, locals }) => {
	return withLiveErrors(async () => {
		const body = readJson({ locals });
		const live = liveGames();
		const game = gameForPlayer(live, params.code);
		// Acknowledged once its group of answers has committed (see LiveGames.answerGrouped).
		return json(await live.answerGrouped(game, playerToken(cookies, game.id), body));
	});
};
