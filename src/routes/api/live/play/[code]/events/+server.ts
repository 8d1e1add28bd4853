import { clientOf } from '$lib/server/accounts/http';
import { liveGames } from '$lib/server/live';
import {
	SSE_HEADERS,
	gameForPlayer,
	holdStream,
	playerToken,
	withLiveErrors
} from '$lib/server/live/http';
import { LiveError, NO_SEAT } from '$lib/server/live/errors';
import type { RequestHandler } from './$types';

/**
 * The player's event stream. Every event is the player's whole current view (`event: state`,
 * `id:` the game's version), so a reconnecting EventSource simply receives the present state.
 * Streams per seat and per address are limited (429).
 */
export const GET: RequestHandler = ({ params, cookies, request, getClientAddress: address }) =>
	withLiveErrors(() => {
		const live = liveGames();
		const game = gameForPlayer(live, params.code);
		const player = live.playerByToken(game, playerToken(cookies, game.id));
		if (!player) throw new LiveError(401, 'no_seat', NO_SEAT);
		const release = holdStream(
			clientOf({ getClientAddress: address }) ?? 'unknown',
			`player:${player.id}`
		);
		const stream = live.openStream(
			game,
			{ role: 'player', playerId: player.id },
			request.signal,
			release
		);
		return new Response(stream, { headers: SSE_HEADERS });
	});
