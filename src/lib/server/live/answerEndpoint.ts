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
import { cookieValue, replyJson } from '../http/nodeRequest';
import { playerCookieName } from './cookies';
import { jsonPostEndpoint, type NodeHandler } from './jsonPost';
import type { LiveGames } from './liveGames';
import { ANSWER_PATH } from './paths.js';

/**
 * A request handler for the answer endpoint: true when it took the request (and will reply),
 * false when SvelteKit should have it.
 */
export function answerEndpoint(live: () => LiveGames, bodyLimit: number): NodeHandler {
	return jsonPostEndpoint(
		ANSWER_PATH,
		bodyLimit,
		'Live answer',
		(req, code) => (body, res, fail) => {
			const tokenOf = (gameId: string) => cookieValue(req.headers.cookie, playerCookieName(gameId));
			live()
				.submitAnswer(code, tokenOf, body)
				.then((receipt) => replyJson(res, 200, receipt))
				.catch(fail);
		}
	);
}
