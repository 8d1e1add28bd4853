/**
 * WAL checkpoints off the event loop. SQLite copies committed pages from the write-ahead log into
 * the database file (and, with synchronous = NORMAL, syncs both) once the log passes
 * `wal_autocheckpoint` pages, inside the commit that crosses it: on the server's event loop that
 * is a stall of milliseconds to tens of milliseconds every thousand pages (measured: 6-45 ms),
 * which a live game feels. The server therefore checkpoints from the round builder's worker thread
 * on its own connection, and leaves the event loop's connection a much larger threshold as a
 * backstop should that thread stop.
 */
import type Database from 'better-sqlite3';

/** How often the worker checkpoints. */
export const CHECKPOINT_EVERY_MS = 1000;

/** The event loop's own threshold (pages, about 40 MB of log) once the worker checkpoints. */
export const BACKSTOP_PAGES = 10_000;

export interface Checkpoints {
	/** Checkpoints run so far, and the last one's result. */
	runs: number;
	last: { busy: number; log: number; checkpointed: number } | null;
	stop(): void;
}

/**
 * Runs a PASSIVE checkpoint (it never waits for readers or writers) every `ms` on this connection.
 * A checkpoint that fails (the database busy or gone) is tried again at the next tick.
 */
export function checkpointEvery(sqlite: Database.Database, ms = CHECKPOINT_EVERY_MS): Checkpoints {
	const state: Checkpoints = {
		runs: 0,
		last: null,
		stop: () => clearInterval(timer)
	};
	const timer = setInterval(() => {
		try {
			const [result] = sqlite.pragma('wal_checkpoint(PASSIVE)') as Checkpoints['last'][];
			state.last = result;
			state.runs++;
		} catch {
			// busy or closed: the next tick tries again
		}
	}, ms);
	timer.unref?.();
	return state;
}
