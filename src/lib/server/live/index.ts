/**
 * The running server's live games: one registry per process, on the shared database.
 */
import { getDb } from '../db';
import { limits } from '../limits/limits';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { serveAnswer } from './answerEndpoint';
import { LiveGames } from './liveGames';

const KEY = Symbol.for('slant.liveGames');
type Holder = { [KEY]?: LiveGames };

/** The process-wide registry (kept on globalThis so dev-server reloads do not fork it). */
export function liveGames(): LiveGames {
	const holder = globalThis as Holder;
	if (!holder[KEY]) {
		const live = new LiveGames(getDb(), { maxPlayers: limits().playersPerGame });
		holder[KEY] = live;
		// scripts/serve.js emits this on SIGTERM/SIGINT: end the event streams so it can exit.
		process.on('sveltekit:shutdown', () => live.shutdown());
	}
	return holder[KEY];
}

/** Start-up: resume every live game that had not ended, re-arming question deadlines. */
export function restoreLiveGames(): number {
	return liveGames().restoreAll();
}

const ANSWER_ENDPOINT = Symbol.for('slant.answerEndpoint');

/**
 * Start-up: offers scripts/serve.js the live answer endpoint straight on node:http (see
 * answerEndpoint.ts); serve.js finds it on globalThis under Symbol.for('slant.answerEndpoint').
 */
export function registerAnswerEndpoint(): void {
	const holder = globalThis as {
		[ANSWER_ENDPOINT]?: (req: IncomingMessage, res: ServerResponse) => boolean;
	};
	holder[ANSWER_ENDPOINT] = (req, res) => serveAnswer(liveGames, req, res);
}
