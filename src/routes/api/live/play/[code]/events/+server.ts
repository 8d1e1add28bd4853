import { liveGames } from '$lib/server/live';
import { SSE_HEADERS, playerToken, withLiveErrors } from '$lib/server/live/http';
import { LiveError } from '$lib/server/live/errors';
import type { RequestHandler } from './$types';

/**
 * The player's event stream. Every event is the player's whole current view (`event: state`,
 * `id:` the game's version), so a reconnecting EventSource simply receives the present state.
 */
export const GET: RequestHandler = ({ params, cookies, request }) =>
	withLiveErrors(() => {
		const live = liveGames();
		const game = live.byCode(params.code);
		const player = live.playerByToken(game, playerToken(cookies, game.id));
		if (!player)
			throw new LiveError(401, 'no_seat', 'You have not joined this game on this device.');
		const stream = live.openStream(game, { role: 'player', playerId: player.id }, request.signal);
		return new Response(stream, { headers: SSE_HEADERS });
	});
