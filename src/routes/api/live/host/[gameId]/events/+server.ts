import { clientOf } from '$lib/server/accounts/http';
import { liveGames } from '$lib/server/live';
import { SSE_HEADERS, holdStream, withLiveErrors } from '$lib/server/live/http';
import type { RequestHandler } from './$types';

/**
 * The host's event stream: the host view on every change, answer counts at most every 300 ms.
 * Streams per host and per address are limited (429).
 */
export const GET: RequestHandler = ({ params, locals, request, getClientAddress: address }) =>
	withLiveErrors(() => {
		const live = liveGames();
		const game = live.get(params.gameId);
		live.authorizeHost(game, locals.teacher?.id);
		const release = holdStream(
			clientOf({ getClientAddress: address }) ?? 'unknown',
			`host:${game.id}`
		);
		return new Response(live.openStream(game, { role: 'host' }, request.signal, release), {
			headers: SSE_HEADERS
		});
	});
