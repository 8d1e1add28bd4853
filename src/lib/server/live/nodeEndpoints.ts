/**
 * The live game's hottest requests served on node:http ahead of SvelteKit: a player's answer
 * (./answerEndpoint.ts), a player's event stream (./eventsEndpoint.ts) and the host's commands
 * (./commandEndpoint.ts), which start every phase change, and joins (./joinEndpoint.ts). The
 * app's `init` hook registers them on globalThis; scripts/serve.js reads them once after loading
 * the app and offers every request to them first. `vite dev` has no such server, so there SvelteKit's routes (which
 * take the same requests with the same checks and replies) serve them.
 *
 * SLANT_FAST_ANSWER=0, SLANT_FAST_EVENTS=0, SLANT_FAST_COMMANDS=0 and SLANT_FAST_JOINS=0 leave
 * answers, event streams, host commands or joins to SvelteKit, to compare the two paths.
 */
import { parseBodyLimit } from '../http/bodyCheck';
import { answerEndpoint } from './answerEndpoint';
import { commandEndpoint, type SettledTeacher } from './commandEndpoint';
import { eventsEndpoint } from './eventsEndpoint';
import { joinEndpoint } from './joinEndpoint';
import type { NodeHandler } from './jsonPost';
import type { LiveGames } from './liveGames';

const KEY = Symbol.for('slant.nodeEndpoints');
type Holder = { [KEY]?: NodeHandler };

/** The handler serve.js calls first: true when it took the request. */
export function nodeEndpoints(
	live: () => LiveGames,
	teacherOf: SettledTeacher,
	env: Record<string, string | undefined> = process.env
): NodeHandler {
	const handlers: NodeHandler[] = [];
	const bodyLimit = parseBodyLimit(env.BODY_SIZE_LIMIT);
	if (env.SLANT_FAST_ANSWER !== '0') handlers.push(answerEndpoint(live, bodyLimit));
	if (env.SLANT_FAST_EVENTS !== '0') handlers.push(eventsEndpoint(live, env));
	if (env.SLANT_FAST_COMMANDS !== '0') handlers.push(commandEndpoint(live, teacherOf, bodyLimit));
	if (env.SLANT_FAST_JOINS !== '0') handlers.push(joinEndpoint(live, bodyLimit, env));
	return (req, res) => {
		for (const handler of handlers) if (handler(req, res)) return true;
		return false;
	};
}

/** Start-up: offers the endpoints to scripts/serve.js. */
export function registerNodeEndpoints(live: () => LiveGames, teacherOf: SettledTeacher): void {
	(globalThis as Holder)[KEY] = nodeEndpoints(live, teacherOf);
}
