/**
 * The player's event stream, GET /api/live/play/<code>/events, served straight from node:http.
 *
 * Every phase change writes one event to every player's stream, so a class of a thousand is a
 * thousand writes at once. Through SvelteKit each of them goes through a ReadableStream and
 * adapter-node's copy loop (a promise and a callback per event and per player); here the event is
 * written to the response, one socket write per player. scripts/serve.js offers each request to
 * this endpoint before SvelteKit (see ./nodeEndpoints.ts). It applies every check of the SvelteKit
 * route (src/routes/api/live/play/[code]/events, which `vite dev` serves) and of the request guard
 * in front of it: wrong join codes per address, the seat cookie, streams per seat and per address;
 * the same refusals, headers and events.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { wrongCodeWait, wrongCodesRefusal } from '../http/guard';
import { SECURITY_HEADERS } from '../http/securityHeaders';
import { clientAddress, cookieValue, decodeParam, replyJson } from '../http/nodeRequest';
import { playerCookieName } from './cookies';
import { SSE_HEADERS, replyFailure, seatedStream } from './http';
import type { LiveGames } from './liveGames';
import { EVENTS_PATH } from './paths.js';
import type { EventSink } from './streams';

/**
 * The event stream's headers. The body ends when the connection closes (no chunked framing): each
 * event is then written as it is, with no chunk header and trailer around it, and the browser
 * keeps a connection of its own for the stream anyway.
 */
const HEADERS = (() => {
	const headers: Record<string, string> = { ...SECURITY_HEADERS, ...SSE_HEADERS };
	delete headers.connection;
	return headers;
})();

/**
 * Bytes a browser may fall behind before its stream is ended. Every event is the player's whole
 * view (1-2 KB), so a browser this far behind has missed dozens; its EventSource reconnects and
 * receives the present state, instead of the server holding a queue for it.
 */
export const MAX_BEHIND_BYTES = 256 * 1024;

/**
 * A response as the sink of an event stream: each event is one write, handed to the socket at once;
 * a response that is gone, or whose browser has not read `maxBehind` bytes, refuses (and the
 * stream ends).
 */
export function responseSink(
	res: Pick<
		ServerResponse,
		'destroyed' | 'writableEnded' | 'writableLength' | 'write' | 'uncork' | 'end'
	>,
	maxBehind = MAX_BEHIND_BYTES
): EventSink {
	return {
		write: (chunk) => {
			if (res.destroyed || res.writableEnded || res.writableLength > maxBehind) return false;
			res.write(chunk);
			// node:http corks the socket until the next tick, so a fan-out's thousand events would all
			// leave after its loop; uncorked, each leaves when it is written, which is the moment the
			// server notes as when that player was sent the question (fair timing, see `timedFrom`).
			res.uncork();
			return true;
		},
		end: () => {
			if (!res.writableEnded) res.end();
		}
	};
}

/**
 * A request handler for the player's event stream: true when it took the request, false when
 * SvelteKit should have it (another path or method).
 */
export function eventsEndpoint(
	live: () => LiveGames,
	env: Record<string, string | undefined> = process.env
): (req: IncomingMessage, res: ServerResponse) => boolean {
	return (req, res) => {
		if (req.method !== 'GET') return false;
		const match = EVENTS_PATH.exec(req.url ?? '');
		if (!match) return false;
		const code = decodeParam(match[1]);
		if (code === null) return false;
		const address = clientAddress(req, env) ?? 'unknown';
		try {
			const wait = wrongCodeWait(code, address);
			if (wait !== null) {
				const { status, body, headers } = wrongCodesRefusal(wait);
				replyJson(res, status, body, headers);
				return true;
			}
			const games = live();
			const { game, who, release } = seatedStream(
				games,
				code,
				(gameId) => cookieValue(req.headers.cookie, playerCookieName(gameId)),
				address
			);
			res.useChunkedEncodingByDefault = false;
			res.shouldKeepAlive = false;
			res.writeHead(200, HEADERS);
			res.on('close', games.attachStream(game, who, responseSink(res), release));
		} catch (e) {
			replyFailure(res, e, 'Live event stream');
		}
		return true;
	};
}
