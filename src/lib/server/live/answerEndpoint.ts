/**
 * The live answer endpoint, POST /api/live/play/<code>/answer, served straight from node:http.
 *
 * It is the hottest request of a live game (a class answering at once), and SvelteKit's request
 * handling costs more than the answer's own work. scripts/serve.js offers each request to
 * `serveAnswer` (registered on globalThis at start-up by `registerAnswerEndpoint`) before
 * SvelteKit. It takes only what a browser sends, a POST with a JSON body to that exact path, and
 * applies to it every check the SvelteKit path applies: the body size limit (BODY_SIZE_LIMIT), the
 * request guard's body checks (`readJsonBody`: valid UTF-8, valid JSON, no lone surrogates), the
 * same seat and answer checks of the same service, the same replies and security headers. Anything
 * else (another path or method, a form or text body, which SvelteKit's CSRF check must see) goes to
 * SvelteKit, whose route (src/routes/api/live/play/[code]/answer) is also what `vite dev` serves.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { parseBodyLimit, readJsonBody, tooLarge } from '../http/bodyCheck';
import { SECURITY_HEADERS } from '../http/securityHeaders';
import { playerCookieName } from './cookies';
import { LiveError } from './errors';
import { gameForPlayer } from './http';
import type { LiveGames } from './liveGames';

const PATH = /^\/api\/live\/play\/([^/?]+)\/answer(?:\?.*)?$/;
const JSON_TYPE = /^\s*application\/json\s*(?:;|$)/i;
const HEADERS = { ...SECURITY_HEADERS, 'content-type': 'application/json' };

/** One cookie's value from a Cookie header (the first of that name), decoded as SvelteKit does. */
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

function reply(res: ServerResponse, status: number, value: unknown): void {
	if (res.headersSent || res.destroyed) return;
	const body = JSON.stringify(value);
	res.writeHead(status, { ...HEADERS, 'content-length': Buffer.byteLength(body) });
	res.end(body);
}

function fail(res: ServerResponse, e: unknown): void {
	if (e instanceof LiveError) reply(res, e.status, { code: e.code, message: e.message });
	else {
		console.error('Live answer failed', e);
		reply(res, 500, { message: 'Internal Error' });
	}
}

/** The code in the path, decoded as SvelteKit decodes route parameters; null when it cannot be. */
function codeOf(raw: string): string | null {
	try {
		return decodeURIComponent(raw);
	} catch {
		return null;
	}
}

/**
 * A request handler for the answer endpoint: true when it took the request (and will reply),
 * false when SvelteKit should have it.
 */
export function answerEndpoint(
	live: () => LiveGames,
	bodyLimit: number
): (req: IncomingMessage, res: ServerResponse) => boolean {
	const refusal = tooLarge(bodyLimit);
	return (req, res) => {
		if (req.method !== 'POST') return false;
		const match = PATH.exec(req.url ?? '');
		if (!match || !JSON_TYPE.test(req.headers['content-type'] ?? '')) return false;
		const code = codeOf(match[1]);
		if (code === null) return false;
		const declared = Number(req.headers['content-length']);
		if (Number.isFinite(declared) && declared > bodyLimit) {
			reply(res, 413, { code: refusal.code, message: refusal.message });
			req.resume();
			return true;
		}
		const chunks: Buffer[] = [];
		let size = 0;
		let refused = false;
		req.on('data', (chunk: Buffer) => {
			if (refused) return;
			size += chunk.length;
			if (size > bodyLimit) {
				refused = true;
				reply(res, 413, { code: refusal.code, message: refusal.message });
				return;
			}
			chunks.push(chunk);
		});
		req.on('error', () => {
			refused = true;
		});
		req.on('end', () => {
			if (refused) return;
			const body = readJsonBody(req.headers['content-type'], Buffer.concat(chunks, size));
			if ('problem' in body) {
				const { status, message } = body.problem;
				reply(res, status, { code: 'bad_body', message });
				return;
			}
			try {
				const games = live();
				const game = gameForPlayer(games, code);
				const token = cookieValue(req.headers.cookie, playerCookieName(game.id));
				// Acknowledged once its group of answers has committed (see LiveGames.answerGrouped).
				games.answerGrouped(game, token, body.value).then(
					(receipt) => reply(res, 200, receipt),
					(e: unknown) => fail(res, e)
				);
			} catch (e) {
				fail(res, e);
			}
		});
		return true;
	};
}

const KEY = Symbol.for('slant.answerEndpoint');
type Holder = { [KEY]?: (req: IncomingMessage, res: ServerResponse) => boolean };

/** Start-up: offers the endpoint to scripts/serve.js (which reads it once after loading the app). */
export function registerAnswerEndpoint(live: () => LiveGames): void {
	(globalThis as Holder)[KEY] = answerEndpoint(live, parseBodyLimit(process.env.BODY_SIZE_LIMIT));
}
