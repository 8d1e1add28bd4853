import { json } from '@sveltejs/kit';
import { liveGames } from '$lib/server/live';
import { withLiveErrors } from '$lib/server/live/http';
import type { RequestHandler } from './$types';

/** The host's current view as JSON. */
export const GET: RequestHandler = ({ params, locals }) =>
	withLiveErrors(() => {
		const live = liveGames();
		const game = live.get(params.gameId);
		live.authorizeHost(game, locals.teacher?.id);
		return json(live.hostView(game));
	});
