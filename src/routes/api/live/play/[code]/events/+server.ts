import { clientOf } from '$lib/server/accounts/http';
import { liveGames } from '$lib/server/live';
import { SSE_HEADERS, playerToken, seatedStream, withLiveErrors } from '$lib/server/live/http';
import type { RequestHandler } from './$types';

/**
 * The player's event stream. Every event is the player's whole current view (`event: state`,
 * `id:` the game's version), so a reconnecting EventSource simply receives the present state.
 * Streams per seat and per address are limited (429).
 */
export const GET: RequestHandler = ({ params, cookies, request, getClientAddress: address }) =>
	withLiveErrors(() => {
		const live = liveGames();
		const seated = seatedStream(
			live,
			params.code,
			(gameId) => playerToken(cookies, gameId),
			clientOf({ getClientAddress: address }) ?? 'unknown'
		);
		const stream = live.openStream(seated.game, seated.who, request.signal, seated.release);
		return new Response(stream, { headers: SSE_HEADERS });
	});
