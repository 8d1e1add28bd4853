import { json } from '@sveltejs/kit';
import { liveGames } from '$lib/server/live';
import { playerToken, readJson, withLiveErrors } from '$lib/server/live/http';
import type { RequestHandler } from './$types';

/** Answer the current question: `{ questionIndex, requestId, response }`. */
export const POST: RequestHandler = ({ params, cookies, request }) => {
	return withLiveErrors(async () => {
		const body = await readJson(request);
		const live = liveGames();
		const game = live.byCode(params.code);
		return json(await live.answerGrouped(game, playerToken(cookies, game.id), body));
	});
};
