import { json } from '@sveltejs/kit';
import { liveGames } from '$lib/server/live';
import { playerToken, withLiveErrors } from '$lib/server/live/http';
import { LiveError } from '$lib/server/live/errors';
import type { RequestHandler } from './$types';

/** The player's current view as JSON (the same object the event stream sends). */
export const GET: RequestHandler = ({ params, cookies }) =>
	withLiveErrors(() => {
		const live = liveGames();
		const game = live.byCode(params.code);
		const player = live.playerByToken(game, playerToken(cookies, game.id));
		if (!player)
			throw new LiveError(401, 'no_seat', 'You have not joined this game on this device.');
		return json(live.playerView(game, player.id));
	});
