import { json } from '@sveltejs/kit';
import { liveGames } from '$lib/server/live';
import { hostToken, withLiveErrors } from '$lib/server/live/http';
import type { RequestHandler } from './$types';

/** The host's current view as JSON. */
export const GET: RequestHandler = ({ params, cookies }) =>
	withLiveErrors(() => {
		const live = liveGames();
		const game = live.get(params.gameId);
		live.authorizeHost(game, hostToken(cookies, game.id));
		return json(live.hostView(game));
	});
