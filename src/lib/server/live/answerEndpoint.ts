/**
 * The live answer endpoint, POST /api/live/play/<code>/answer, served straight from node:http.
 *
 * It is the hottest request of a live game (a class answering at once), and SvelteKit's request
 * handling costs more than the answer's own work. scripts/serve.js offers each request to it
 * before SvelteKit (see ./nodeEndpoints.ts). It takes only what a browser sends, a POST with a
 * JSON body to that exact path, and applies to it every check the SvelteKit path applies: the
 * body size limit (BODY_SIZE_LIMIT), the request guard's body checks (`readJsonBody`: valid
 * UTF-8, valid JSON, no lone surrogates), the same seat and answer checks of the same service,
 * the same replies and security headers. Anything else (another path or method, a form or text
 * body, which SvelteKit's CSRF check must see) goes to SvelteKit, whose route
 * (src/routes/api/live/play/[code]/answer) is also what `vite dev` serves.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { cookieValue, decodeParam, readJsonRequest, replyJson } from '../http/nodeRequest';
import { playerCookieName } from './cookies';
import { replyFailure } from './http';
import type { LiveGames } from './liveGames';
import { ANSWER_PATH } from './paths.js';

/** A JSON content type, which SvelteKit's CSRF check does not look at (forms and text it does). */
export const JSON_TYPE = /^\s*application\/json\s*(?:;|$)/i;

/**
 * A request handler for the answer endpoint: true when it took the request (and will reply),
 * false when SvelteKit should have it.
 */
export function answerEndpoint(
	live: () => LiveGames,
	bodyLimit: number
): (req: IncomingMessage, res: ServerResponse) => boolean {
	return (req, res) => {
		if (req.method !== 'POST') return false;
		const match = ANSWER_PATH.exec(req.url ?? '');
		if (!match || !JSON_TYPE.test(req.headers['content-type'] ?? '')) return false;
		const code = decodeParam(match[1]);
		if (code === null) return false;
		const fail = (e: unknown) => replyFailure(res, e, 'Live answer');
		readJsonRequest(
			req,
			res,
			bodyLimit,
			(body) => {
				const tokenOf = (gameId: string) =>
					cookieValue(req.headers.cookie, playerCookieName(gameId));
				live()
					.submitAnswer(code, tokenOf, body)
					.then((receipt) => replyJson(res, 200, receipt))
					.catch(fail);
			},
			fail
		);
		return true;
	};
}
