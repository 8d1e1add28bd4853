/**
 * Rounds after an import: the event loop's delay while rounds are built from a large corpus (the
 * PTC train set imported into the running server's database), games created one at a time and
 * all at once.
 */
import { importContent } from '../../src/lib/server/content';
import { openDatabase } from '../../src/lib/server/db/open';
import { hasPtcTrain, PTC_DIR, PTC_TRAIN } from '../benchSetup';
import { postForm, sleep } from './client';
import { stats, type RunResult } from './figures';
import { createLiveGame, signUpTeacher } from './liveGame';
import type { Options } from './options';
import { serverStats, startServer, stopServer } from './servers';

/**
 * Event-loop delay while rounds are built from a large corpus: the PTC train set is imported into
 * the running server's database (from this process, as `npm run import` does from its own), then
 * hosts create `games` live games and players start `games` solo games, one after another and
 * then all at once. The server notices the new content by its signature and builds the first
 * round from it. Skipped when the PTC train set is absent.
 */
export async function stallScenario(opts: Options, games: number): Promise<RunResult> {
	if (!hasPtcTrain()) {
		return { figures: {}, problems: [], notes: [`PTC train set not found at ${PTC_DIR}: skipped`] };
	}
	const server = await startServer(opts.port, opts.workers);
	const port = opts.port;
	try {
		// One teacher hosts every game: signing up (scrypt) is not what is measured here.
		const session = await signUpTeacher(port);
		await sleep(2000);
		// A control: the delay of the idle server on this (shared, loaded) machine.
		await serverStats(port, true);
		await sleep(3000);
		const idle = await serverStats(port, true);
		const t0 = performance.now();
		const db = openDatabase(server.dbPath);
		importContent(db, PTC_TRAIN);
		db.$client.close();
		const importMs = performance.now() - t0;
		const createLive = async () => {
			const start = performance.now();
			await createLiveGame(port, 10, 20, session);
			return performance.now() - start;
		};
		const createSolo = async () => {
			const start = performance.now();
			const reply = await postForm(port, '/play', { count: '10' }, { accept: 'text/html' });
			if (reply.status !== 303) throw new Error(`Creating a solo game: ${reply.status}`);
			return performance.now() - start;
		};
		const first = await createLive();
		const sequential: number[] = [];
		for (let i = 0; i < games; i++) sequential.push(await createLive(), await createSolo());
		const together = await Promise.all(
			Array.from({ length: games }, (_, i) => (i % 2 ? createSolo() : createLive()))
		);
		const after = await serverStats(port, false);
		const seq = stats(sequential);
		const all = stats(together);
		return {
			figures: {
				'import (bench process) ms': importMs,
				'first game after the import ms': first,
				'then, one at a time: p50 ms': seq.p50,
				'then, one at a time: max ms': seq.max,
				[`${games} at once: max ms`]: all.max,
				'loop delay p99': after.eventLoopDelay.p99,
				'loop delay max': after.eventLoopDelay.max,
				'control: idle 3 s, loop delay max': idle.eventLoopDelay.max,
				'peak RSS MB': after.peakRssMb
			},
			problems: [],
			notes: [`${1 + 2 * games + games} games created after importing ${PTC_DIR}`]
		};
	} finally {
		await stopServer(server);
	}
}
