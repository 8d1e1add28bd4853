/**
 * The running server's live games: one registry per process, on the shared database.
 */
import { getDb } from '../db';
import { limits } from '../limits/limits';
import { LiveGames } from './liveGames';
import { DISCARD_MESSAGE, WORKER_VARIABLE, workerFrom } from './ownership.js';

const KEY = Symbol.for('slant.liveGames');
type Holder = { [KEY]?: LiveGames };

/** The process-wide registry (kept on globalThis so dev-server reloads do not fork it). */
export function liveGames(): LiveGames {
	const holder = globalThis as Holder;
	if (!holder[KEY]) {
		const worker = workerFrom(process.env[WORKER_VARIABLE]);
		const live = new LiveGames(getDb(), { maxPlayers: limits().playersPerGame, worker });
		holder[KEY] = live;
		// scripts/serve.js emits this on SIGTERM/SIGINT: end the event streams so it can exit.
		process.on('sveltekit:shutdown', () => live.shutdown());
		if (worker.count > 1) {
			process.on('message', (message: { type?: string; ids?: unknown }) => {
				if (message?.type !== DISCARD_MESSAGE || !Array.isArray(message.ids)) return;
				for (const id of message.ids) if (typeof id === 'string') live.discard(id);
			});
		}
	}
	return holder[KEY];
}

/**
 * Drops deleted games from memory here and, when several workers serve, in the others too (a
 * teacher's games may be run by any of them).
 */
export function discardGames(ids: string[]): void {
	for (const id of ids) liveGames().discard(id);
	if (ids.length > 0 && workerFrom(process.env[WORKER_VARIABLE]).count > 1) {
		process.send?.({ type: DISCARD_MESSAGE, ids });
	}
}

/** Start-up: resume every live game that had not ended, re-arming question deadlines. */
export function restoreLiveGames(): number {
	return liveGames().restoreAll();
}
