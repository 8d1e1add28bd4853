/**
 * Helpers shared by the live-game endpoints: JSON errors with stable codes, the join URL, and the
 * token cookies (kept in cookies.ts, re-exported here for the routes).
 */
import { json } from '@sveltejs/kit';
import { LiveError } from './errors';

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
