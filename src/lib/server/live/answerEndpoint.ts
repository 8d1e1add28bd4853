/**
 * The live answer endpoint, POST /api/live/play/<code>/answer, served straight from node:http.
 *
 * It is the hottest request of a live game (a class answering at once), and SvelteKit's request
 * handling costs several times the answer's own work. scripts/serve.js hands requests to
 * `serveAnswer` (registered on globalThis at start-up, see `registerAnswerEndpoint`) before
 * SvelteKit; it takes only JSON answers to this path and returns false for everything else,
 * which then goes to the SvelteKit route (src/routes/api/live/play/[code]/answer), the same
 * service and the same replies. Under `vite dev` only the route exists.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { playerCookieName } from './cookies';
import { LiveError } from './errors';
import type { LiveGames } from './liveGames';

const PATH = /^\/api\/live\/play\/([^/?]+)\/answer\/?(?:\?.*)?$/;
/** An answer is a few hundred bytes; anything much larger is refused. */
const MAX_BODY_BYTES = 64 * 1024;
const HEADERS = {
	'content-type': 'application/json',
	'cache-control': 'no-store',
	'x-content-type-options': 'nosniff',
	'referrer-policy': 'same-origin'
};

function reply(res: ServerResponse, status: number, value: unknown) {
	const body = JSON.stringify(value);
	res.writeHead(status, { ...HEADERS, 'content-length': Buffer.byteLength(body) });
	res.end(body);
}

/** One cookie's value from a Cookie header, decoded as SvelteKit's `cookies.get` does. */
export function cookieValue(header: string | undefined, name: string): string | undefined {
	if (!header) return undefined;
	for (const part of header.split(';')) {
		const eq = part.indexOf('=');
		if (eq < 0 || part.slice(0, eq).trim() !== name) continue;
		let value = part.slice(eq + 1).trim();
		if (value.startsWith('"') && value.endsWith('"')) value = value.slice(1, -1);
		try {
			return decodeURIComponent(value);
		} catch {
			return value;
		}
	}
	return undefined;
}

/**
 * Serves a JSON answer to a live game, or returns false (any other request, or an answer posted
 * as a form, which SvelteKit's own checks should see).
 */
export function serveAnswer(live: () => LiveGames, req: IncomingMessage, res: ServerResponse) {
	if (req.method !== 'POST') return false;
	const match = PATH.exec(req.url ?? '');
	if (!match) return false;
	if (!/^application\/json\b/i.test(req.headers['content-type'] ?? '')) return false;
	const chunks: Buffer[] = [];
	let size = 0;
	let refused = false;
	req.on('data', (chunk: Buffer) => {
		size += chunk.length;
		if (size > MAX_BODY_BYTES && !refused) {
			refused = true;
			reply(res, 413, { code: 'too_large', message: 'The answer is too large.' });
			req.destroy();
		}
		if (!refused) chunks.push(chunk);
	});
	const fail = (e: unknown) => {
		if (e instanceof LiveError) {
			reply(res, e.status, { code: e.code, message: e.message });
		} else {
			console.error('Live answer failed', e);
			reply(res, 500, { message: 'Internal Error' });
		}
	};
	req.on('end', () => {
		if (refused) return;
		try {
			let body: unknown;
			try {
				body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
			} catch {
				throw new LiveError(400, 'bad_request', 'The request body must be JSON.');
			}
			const games = live();
			const game = games.byCode(decodeURIComponent(match[1]));
			const token = cookieValue(req.headers.cookie, playerCookieName(game.id));
			// Acknowledged once its group of answers has committed.
			games.answerGrouped(game, token, body).then((receipt) => reply(res, 200, receipt), fail);
		} catch (e) {
			fail(e);
		}
	});
	req.on('error', () => {
		refused = true;
	});
	return true;
}
