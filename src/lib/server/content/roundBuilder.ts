/**
 * Building rounds from the database's content, on the event loop or off it.
 *
 * The round builder (game/round.ts) is pure and synchronous; from the PTC train set the first round
 * after a start or an import costs about a second (segmenting 385 articles and collecting ~15,000
 * candidate items) and every later one tens of milliseconds. On the server's event loop that
 * stalls every live game of the process, so the server builds rounds in one worker thread that
 * keeps its own content cache (read from the same SQLite file) and is warmed at start-up.
 *
 * The same thread makes the database's WAL checkpoints (db/checkpoints.ts).
 *
 * The worker runs this very module: `new Worker(import.meta.url)` loads the built chunk that
 * contains it, whose top-level code starts the worker loop when it finds WORKER_FLAG in
 * workerData. Where that cannot work (an in-memory database, the Vite dev server or Vitest, where
 * the module is TypeScript), rounds are built on the calling thread, exactly as before.
 */
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import type { ParallelForms } from '../../game/parallel';
import { buildRound } from '../../game/round';
import type { Question, RoundConfig } from '../../game/types';
import { BACKSTOP_PAGES, checkpointEvery } from '../db/checkpoints';
import { openDatabase, type Db } from '../db/open';
import { loadConfusion, loadItemStats, loadRoundContent } from '../db/queries';
import { buildFormsFromDb } from './checkForms';

/** Excerpts a player met in recent rounds (loadSeenExcerpts), avoided while others remain. */
export type SeenExcerpts = { articleId: string; start: number; end: number }[];

/**
 * Builds a round from the content, item statistics and confusion counts in `db`, on this thread.
 * `config` must already be settled (settleSources in roundSources.ts: imported corpora are
 * opt-in); `seen` is the player's recent excerpts (solo), read by the caller.
 */
export function buildRoundFromDb(
	db: Db,
	config: RoundConfig,
	seed: string,
	seen: SeenExcerpts = []
): Question[] {
	return buildRound(loadRoundContent(db, config.articleId), config, seed, loadItemStats(db), {
		seen,
		confusion: loadConfusion(db)
	});
}

const WORKER_FLAG = 'slantRoundWorker';

type Job =
	| { kind: 'build'; config: RoundConfig; seed: string; seen: SeenExcerpts }
	| { kind: 'forms'; config: RoundConfig }
	| { kind: 'warm' };
type WorkerRequest = Job & { id: number };
type WorkerReply = { id: number; questions?: Question[]; forms?: ParallelForms; error?: string };

/** The worker's loop: one database connection, its own content cache, one request at a time. */
function serveRounds(path: string) {
	const db = openDatabase(path);
	// The server's WAL checkpoints are made here, off the event loop (see db/checkpoints.ts).
	checkpointEvery(db.$client);
	parentPort?.on('message', (message: WorkerRequest) => {
		let reply: WorkerReply;
		try {
			if (message.kind === 'warm') {
				// Reading and preparing the content is most of the first round's cost.
				const content = loadRoundContent(db);
				if (content.length > 0) buildRound(content, warmConfig, 'warm-up');
				reply = { id: message.id };
			} else if (message.kind === 'forms') {
				reply = { id: message.id, forms: buildFormsFromDb(db, message.config) };
			} else {
				reply = {
					id: message.id,
					questions: buildRoundFromDb(db, message.config, message.seed, message.seen)
				};
			}
		} catch (e) {
			reply = { id: message.id, error: (e as Error).message };
		}
		parentPort?.postMessage(reply);
	});
}

const warmConfig: RoundConfig = {
	articleId: null,
	families: [],
	count: 10,
	secondsPerQuestion: null,
	scoring: 'speed',
	streaks: true,
	focusTechniques: []
};

if (!isMainThread && (workerData as Record<string, unknown> | null)?.[WORKER_FLAG]) {
	serveRounds(String((workerData as { path: string }).path));
}

/** One worker per database file; requests wait their turn in it. */
class RoundWorker {
	private worker: Worker | null = null;
	private nextId = 1;
	private readonly pending = new Map<
		number,
		{ resolve: (reply: WorkerReply) => void; reject: (e: Error) => void }
	>();

	constructor(private readonly path: string) {}

	private start(): Worker {
		if (this.worker) return this.worker;
		const worker = new Worker(new URL(import.meta.url), {
			workerData: { [WORKER_FLAG]: true, path: this.path }
		});
		// An idle worker does not keep the process alive (a server shuts down without it).
		worker.unref();
		worker.on('message', (reply: WorkerReply) => {
			const waiting = this.pending.get(reply.id);
			if (!waiting) return;
			this.pending.delete(reply.id);
			if (reply.error !== undefined) waiting.reject(new Error(reply.error));
			else waiting.resolve(reply);
		});
		const fail = (e: Error) => {
			this.worker = null;
			for (const waiting of this.pending.values()) waiting.reject(e);
			this.pending.clear();
		};
		worker.on('error', fail);
		worker.on('exit', (code) => fail(new Error(`The round builder stopped (exit code ${code}).`)));
		this.worker = worker;
		return worker;
	}

	request(message: Job): Promise<WorkerReply> {
		const id = this.nextId++;
		return new Promise((resolve, reject) => {
			this.pending.set(id, { resolve, reject });
			this.start().postMessage({ ...message, id });
		});
	}
}

const workers = new Map<string, RoundWorker>();

/** The worker for this database, or null when rounds must be built on the calling thread. */
function workerFor(db: Db): RoundWorker | null {
	const path = db.$client.name;
	// Vite's dev server and Vitest load this module as TypeScript, which a worker cannot run.
	if (!path || path === ':memory:' || db.$client.memory || import.meta.url.endsWith('.ts')) {
		return null;
	}
	let worker = workers.get(path);
	if (!worker) {
		worker = new RoundWorker(path);
		workers.set(path, worker);
		// The worker checkpoints the log; this connection only does past the backstop.
		db.$client.pragma(`wal_autocheckpoint = ${BACKSTOP_PAGES}`);
	}
	return worker;
}

/**
 * Builds a round off the event loop when the server can (see the module comment), otherwise on
 * this thread. Rejects with the round builder's Error when no round can be built.
 */
export async function buildRoundOffThread(
	db: Db,
	config: RoundConfig,
	seed: string,
	seen: SeenExcerpts = []
): Promise<Question[]> {
	const worker = workerFor(db);
	if (!worker) return buildRoundFromDb(db, config, seed, seen);
	return (await worker.request({ kind: 'build', config, seed, seen })).questions ?? [];
}

/**
 * The parallel forms of a before/after check (checkForms.ts), built off the event loop when the
 * server can, otherwise on this thread. `config` must already be settled.
 */
export async function buildFormsOffThread(db: Db, config: RoundConfig): Promise<ParallelForms> {
	const worker = workerFor(db);
	if (!worker) return buildFormsFromDb(db, config);
	const reply = await worker.request({ kind: 'forms', config });
	if (!reply.forms) throw new Error('The round builder sent no forms.');
	return reply.forms;
}

/**
 * Reads and prepares the content in the worker ahead of the first round (start-up); a no-op where
 * rounds are built on the calling thread.
 */
export function warmRoundBuilder(db: Db): void {
	workerFor(db)
		?.request({ kind: 'warm' })
		.catch((e: Error) => console.error(`Warming the round builder failed: ${e.message}`));
}
