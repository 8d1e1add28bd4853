/**
 * Joining a live game, POST /api/live/join, served straight from node:http.
 *
 * A class joins within a minute or two, and through SvelteKit a join cost several times its own
 * work. scripts/serve.js offers each request to this endpoint before SvelteKit (see
 * ./nodeEndpoints.ts). It takes only a JSON post to that exact path from a browser without a
 * teacher's session cookie (which the app's hook may extend or clear), and applies every check and
 * limit of the SvelteKit route and the request guard in the same order: the body size limit and
 * body checks, joins per address (429 `too_many_joins`), wrong join codes per address (429
 * `too_many_wrong_codes`), then the same service call (`LiveGames.joinFromJson`); the same
 * replies, seat cookie and security headers. Forms and text bodies (which SvelteKit's CSRF check
 * must see) go to SvelteKit, whose route (src/routes/api/live/join) is also what `vite dev` serves.
 */
import type { IncomingMessage } from 'node:http';
import { SESSION_COOKIE } from '../accounts/http';
import { joinsRefusal, wrongCodeWait, wrongCodesRefusal } from '../http/guard';
import { clientAddress, cookieValue, replyJson } from '../http/nodeRequest';
import { normaliseJoinCode } from '../../game/answering';
import { playerCookieHeader, playerCookieName } from './cookies';
import { jsonPostEndpoint, type NodeHandler } from './jsonPost';
import type { LiveGames } from './liveGames';
import { JOIN_PATH } from './paths.js';

/** True when the app's public origin is https (its cookies are then Secure, as SvelteKit sets them). */
export function httpsOrigin(origin: string | undefined): boolean {
	if (!origin) return false;
	try {
		return new URL(origin).protocol === 'https:';
	} catch {
		return false;
	}
}

/**
 * A request handler for joins: true when it took the request (and will reply), false when
 * SvelteKit should have it.
 */
export function joinEndpoint(
	live: () => LiveGames,
	bodyLimit: number,
	env: Record<string, string | undefined> = process.env
): NodeHandler {
	// Without ORIGIN, scripts/serve.js tells SvelteKit every request came over plain http.
	const secure = httpsOrigin(env.ORIGIN);
	return jsonPostEndpoint(JOIN_PATH, bodyLimit, 'Live join', (req: IncomingMessage) => {
		if (cookieValue(req.headers.cookie, SESSION_COOKIE) !== undefined) return null;
		return (body, res) => {
			const address = clientAddress(req, env) ?? 'unknown';
			const tooMany = joinsRefusal(address);
			if (tooMany) {
				replyJson(res, tooMany.status, tooMany.body, tooMany.headers);
				return;
			}
			const code = normaliseJoinCode((body as { code?: unknown } | null)?.code);
			const wait = wrongCodeWait(code, address);
			if (wait !== null) {
				const { status, body: refusal, headers } = wrongCodesRefusal(wait);
				replyJson(res, status, refusal, headers);
				return;
			}
			const joined = live().joinFromJson(body, (gameId) =>
				cookieValue(req.headers.cookie, playerCookieName(gameId))
			);
			replyJson(res, 200, joined.reply, {
				'set-cookie': playerCookieHeader(joined.gameId, joined.token, secure)
			});
		};
	});
}
