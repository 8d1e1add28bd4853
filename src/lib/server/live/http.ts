/**
 * Helpers shared by the live-game endpoints: JSON errors with stable codes, the join URL, and the
 * token cookies (kept in cookies.ts, re-exported here for the routes).
 */
import type { ServerResponse } from 'node:http';
import type { RequestEvent } from '@sveltejs/kit';
import { apiBody } from '../http/bodyCheck';
import { replyJson } from '../http/nodeRequest';
import { limits } from '../limits/limits';
import { Refusal, orJson, refusalBody } from '../refusal';
import { LiveError, NO_SEAT } from './errors';
import type { LiveGames } from './liveGames';
import type { Who } from './streams';

export { playerToken, setPlayerCookie } from './cookies';

/** Runs `fn`, turning a refusal into `{ code, message }` with its status (see orJson). */
export const withLiveErrors = orJson;

/**
 * `withLiveErrors` for the node:http endpoints: a LiveError becomes `{ code, message }` with its
 * status; anything else is logged (under `what`) and answered with 500.
 */
export function replyFailure(res: ServerResponse, e: unknown, what: string): void {
	if (e instanceof Refusal) replyJson(res, e.status, refusalBody(e));
	else {
		console.error(`${what} failed`, e);
		replyJson(res, 500, { message: 'Internal Error' });
	}
}

/**
 * An API request's JSON body, as the request guard read it (see `apiBody`); a request without
 * one is a 400.
 */
export function readJson(event: Pick<RequestEvent, 'locals'>): unknown {
	const body = apiBody(event);
	if (body === null) throw new LiveError(400, 'bad_request', 'The request body must be JSON.');
	return body.value;
}

/** The URL a student opens (and the QR code holds): ORIGIN if set, else this request's origin. */
export function joinUrl(origin: string | undefined, url: URL, code: string): string {
	const base = origin && origin.trim() !== '' ? origin.trim().replace(/\/+$/, '') : url.origin;
	return `${base}/join/${code}`;
}

/** Headers of an event stream. */
export const SSE_HEADERS = {
	'content-type': 'text/event-stream; charset=utf-8',
	'cache-control': 'no-cache, no-transform',
	connection: 'keep-alive',
	'x-accel-buffering': 'no'
};

/**
 * Holds one event-stream place for `seat` (a player's or host's) and for `address`; 429 when
 * either already holds its limit. Returns the function that gives the places back.
 */
export function holdStream(address: string, seat: string): () => void {
	const { streamsPerSeat, streamsPerAddress } = limits();
	const bySeat = streamsPerSeat.acquire(seat);
	if (!bySeat) {
		throw new LiveError(
			429,
			'too_many_streams',
			`This seat already has ${streamsPerSeat.max} live connections open: close some tabs.`
		);
	}
	const byAddress = streamsPerAddress.acquire(address);
	if (!byAddress) {
		bySeat();
		throw new LiveError(
			429,
			'too_many_streams',
			`This network already has ${streamsPerAddress.max} live connections open.`
		);
	}
	return () => {
		bySeat();
		byAddress();
	};
}

/**
 * The game with `code` for a player's request. A code no game has is answered like a game the
 * device has no seat in (401), so that a stranger cannot learn which codes exist.
 */
export function gameForPlayer(live: LiveGames, code: string) {
	return live.playerGame(code);
}

/**
 * What a player's event stream opens on, whichever server serves it: the game with `code`, the
 * seat holding the device's token for that game (`tokenOf`, read from the game's seat cookie; 401
 * without a seat), and one stream place held for the seat and `address` (429 when either is full;
 * `release` gives it back).
 */
export function seatedStream(
	live: LiveGames,
	code: string,
	tokenOf: (gameId: string) => string | undefined,
	address: string
): { game: ReturnType<typeof gameForPlayer>; who: Who; release: () => void } {
	const game = gameForPlayer(live, code);
	const player = live.playerByToken(game, tokenOf(game.id));
	if (!player) throw new LiveError(401, 'no_seat', NO_SEAT);
	const release = holdStream(address, `player:${player.id}`);
	return { game, who: { role: 'player', playerId: player.id }, release };
}
