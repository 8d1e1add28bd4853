import { json } from '@sveltejs/kit';
import { liveGames } from '$lib/server/live';
import { gameForPlayer, playerToken, withLiveErrors } from '$lib/server/live/http';
import { LiveError, NO_SEAT } from '$lib/server/live/errors';
import type { RequestHandler } from './$types';

/**
 * The player's current view as JSON (the same object the event stream sends). Without a seat the
 * answer is 401, whether or not a game has the code.
 */
export const GET: RequestHandler = ({ params, cookies }) =>
	withLiveErrors(() => {
		const live = liveGames();
		const game = gameForPlayer(live, params.code);
		const player = live.playerByToken(game, playerToken(cookies, game.id));
		if (!player) throw new LiveError(401, 'no_seat', NO_SEAT);
		return json(live.playerView(game, player.id));
	});
