import { liveGames } from '$lib/server/live';
import { SSE_HEADERS, withLiveErrors } from '$lib/server/live/http';
import type { RequestHandler } from './$types';

/** The host's event stream: the host view on every change, answer counts at most every 300 ms. */
export const GET: RequestHandler = ({ params, locals, request }) =>
	withLiveErrors(() => {
		const live = liveGames();
		const game = live.get(params.gameId);
		live.authorizeHost(game, locals.teacher?.id);
		return new Response(live.openStream(game, { role: 'host' }, request.signal), {
			headers: SSE_HEADERS
		});
	});
