/**
 * Helpers shared by the live-game endpoints: JSON errors with stable codes, the join URL, and the
 * token cookies (kept in cookies.ts, re-exported here for the routes).
 */
import { json } from '@sveltejs/kit';
import { limits } from '../limits/limits';
import { LiveError, NO_SEAT } from './errors';
import type { LiveGames } from './liveGames';

export { playerToken, setPlayerCookie } from './cookies';

/** Runs `fn`, turning a LiveError into `{ code, message }` with its status. */
export async function withLiveErrors(fn: () => Response | Promise<Response>): Promise<Response> {
	try {
		return await fn();
	} catch (e) {
		if (e instanceof LiveError) {
			return json({ code: e.code, message: e.message }, { status: e.status });
		}
		throw e;
	}
}

/** Reads a JSON body; a body that is not JSON becomes a 400. */
export async function readJson(request: Request): Promise<unknown> {
	try {
		return await request.json();
	} catch {
		throw new LiveError(400, 'bad_request', 'The request body must be JSON.');
	}
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
	try {
		return live.byCode(code);
	} catch (e) {
		if (e instanceof LiveError && e.code === 'game_not_found') {
			throw new LiveError(401, 'no_seat', NO_SEAT);
		}
		throw e;
	}
}
