/**
 * The host's commands, POST /api/live/host/<gameId>/command, served straight from node:http.
 *
 * Every phase change starts with one of these, and through SvelteKit the command's own reply cost
 * more than the command. scripts/serve.js offers each request to this endpoint before SvelteKit
 * (see ./nodeEndpoints.ts). It takes only a JSON post to that exact path from a browser whose
 * session needs nothing done to it (see `settledSessionTeacher`), and applies every check the
 * SvelteKit route and the request guard apply: the body size limit, the guard's body checks, the
 * owner check (another teacher, or someone signed out, is told there is no such game: 404) and
 * the command's checks in the same service call (`LiveGames.hostCommand`), with the same replies
 * and security headers. SvelteKit's CSRF check looks only at form and text bodies, which go to
 * SvelteKit, as do requests without a session cookie or whose session is to be extended, ended or
 * cleared (the hook does that and sets the cookie). The route (src/routes/api/live/host/[gameId]/
 * command) is also what `vite dev` serves.
 */
import { SESSION_COOKIE } from '../accounts/http';
import { cookieValue, replyJson } from '../http/nodeRequest';
import { jsonPostEndpoint, type NodeHandler } from './jsonPost';
import type { LiveGames } from './liveGames';
import { COMMAND_PATH } from './paths.js';

/** The teacher whose session cookie this is, when the session needs nothing done; else null. */
export type SettledTeacher = (sessionToken: string) => { id: string } | null;

/**
 * A request handler for host commands: true when it took the request (and will reply), false
 * when SvelteKit should have it.
 */
export function commandEndpoint(
	live: () => LiveGames,
	teacherOf: SettledTeacher,
	bodyLimit: number
): NodeHandler {
	return jsonPostEndpoint(COMMAND_PATH, bodyLimit, 'Host command', (req, gameId) => {
		const token = cookieValue(req.headers.cookie, SESSION_COOKIE);
		if (!token) return null;
		const teacher = teacherOf(token);
		if (!teacher) return null;
		return (body, res) => replyJson(res, 200, live().hostCommand(gameId, teacher.id, body));
	});
}
