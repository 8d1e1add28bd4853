/**
 * The running server's live games: one registry per process, on the shared database.
 */
import { getDb } from '../db';
import { limits } from '../limits/limits';
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
