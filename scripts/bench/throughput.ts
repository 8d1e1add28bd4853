/**
 * Answer throughput: the live answer endpoint saturated by 50 connections, and the bare
 * node:http + better-sqlite3 reference (scripts/bench-bare.js) measured the same way in the same
 * run, interleaved, with the ratio of the two.
 */
import { Stream, postJson, request, until, type View } from './client';
import { fmtMap, median, stats, type RunResult } from './figures';
import { createLiveGame, dbFigures, joinPlayers, randomResponse } from './liveGame';
import type { Options } from './options';
import { processCpuSeconds, serverStats, startBare, startServer, stopServer } from './servers';

/** Sends `total` requests with `concurrency` in flight; latency of each and the wall time. */
async function hammer(total: number, concurrency: number, send: (i: number) => Promise<number>) {
	const latencies: number[] = [];
	const statuses = new Map<string, number>();
	let next = 0;
	const t0 = performance.now();
	await Promise.all(
		Array.from({ length: concurrency }, async () => {
			while (next < total) {
				const i = next++;
				const start = performance.now();
				let status: string;
				try {
					status = String(await send(i));
				} catch (e) {
					status = `network ${(e as Error).message}`;
				}
				latencies.push(performance.now() - start);
				statuses.set(status, (statuses.get(status) ?? 0) + 1);
			}
		})
	);
	const wallMs = performance.now() - t0;
	return { wallMs, latencies, statuses, ok: statuses.get('200') ?? 0 };
}

/**
 * The live answer endpoint saturated: `players` seated players (no streams) all answer each
 * question through 50 connections; between questions the bare reference takes `bareRequests`
 * inserts through 50 connections. Answers/s and requests/s are medians over the questions after
 * the first `warmUp` of each: a server that has just started runs its answer path unoptimised
 * (the first question of a fresh server ran at half the rate of the fifth), and a server in use
 * has run it many times. Both servers warm up the same way.
 */
export async function throughputScenario(
	opts: Options,
	players: number,
	questions: number,
	warmUp = 1
): Promise<RunResult> {
	const concurrency = 50;
	const bareRequests = opts.quick ? 5000 : 10_000;
	const server = await startServer(opts.port, opts.workers);
	const bare = await startBare(opts.port + 1);
	try {
		const { gameId, hostCookie, code, command } = await createLiveGame(opts.port, questions, 120);
		const hostStream = new Stream();
		await hostStream.open(opts.port, `/api/live/host/${gameId}/events`, hostCookie);
		const { cookies } = await joinPlayers(opts.port, gameId, code, players);
		const seated = cookies.filter(Boolean);
		const hostAt = (phase: string, index: number) =>
			until(() => hostStream.events.some((e) => e.phase === phase && e.index === index), 30_000);
		const live: {
			rate: number;
			p50: number;
			p99: number;
			max: number;
			ok: number;
			cpuUs: number;
			busy: number;
		}[] = [];
		const ref: { rate: number; p50: number; p99: number; cpuUs: number }[] = [];
		const problems: string[] = [];
		let acked = 0;
		await command('start');
		for (let q = 0; q < questions; q++) {
			await hostAt('question', q);
			const state = await request(opts.port, 'GET', `/api/live/play/${code}/state`, {
				cookie: seated[0]
			});
			const view = JSON.parse(state.body) as View;
			const cpuBefore = (await serverStats(opts.port, true)).cpuSeconds;
			const run = await hammer(seated.length, concurrency, async (i) => {
				const reply = await postJson(opts.port, `/api/live/play/${code}/answer`, seated[i], {
					questionIndex: q,
					requestId: `tp-${i}-${q}`,
					response: randomResponse(view)
				});
				return reply.status;
			});
			const after = await serverStats(opts.port, false);
			const cpuAfter = after.cpuSeconds;
			const s = stats(run.latencies);
			live.push({
				rate: (run.ok / run.wallMs) * 1000,
				p50: s.p50,
				p99: s.p99,
				max: s.max,
				ok: run.ok,
				cpuUs: ((cpuAfter - cpuBefore) * 1e6) / Math.max(1, run.ok),
				busy: after.loopBusy ?? NaN
			});
			acked += run.ok;
			if (run.ok !== seated.length)
				problems.push(`question ${q + 1}: statuses ${fmtMap(run.statuses)}`);
			const bareCpuBefore = processCpuSeconds(bare.pid);
			const b = await hammer(bareRequests, concurrency, async (i) => {
				const reply = await postJson(opts.port + 1, '/answer', undefined, {
					player: `p${i % 1000}`,
					question: q,
					response: { kind: 'name', techniqueId: 'loaded_language' }
				});
				return reply.status;
			});
			const bareCpu = processCpuSeconds(bare.pid) - bareCpuBefore;
			const bs = stats(b.latencies);
			ref.push({
				rate: (b.ok / b.wallMs) * 1000,
				p50: bs.p50,
				p99: bs.p99,
				cpuUs: (bareCpu * 1e6) / Math.max(1, b.ok)
			});
			await hostAt('reveal', q);
			await command('next');
			await hostAt('leaderboard', q);
			await command('next');
		}
		const game = await serverStats(opts.port, false);
		await command('end');
		hostStream.close();
		const stored = dbFigures(server.dbPath, gameId).stored;
		if (stored !== acked) problems.push(`answers stored (${stored}) ≠ acknowledged (${acked})`);
		// The warm-up questions (and bare rounds) are reported on their own, not in the medians.
		const warm = live.slice(warmUp);
		const warmRef = ref.slice(warmUp);
		const liveRate = median(warm.map((l) => l.rate));
		const refRate = median(warmRef.map((r) => r.rate));
		return {
			figures: {
				'live answers/s': liveRate,
				'live answer p50 (50 in flight)': median(warm.map((l) => l.p50)),
				'live answer p99 (50 in flight)': median(warm.map((l) => l.p99)),
				'bare reference requests/s': refRate,
				'bare reference p99 (50 in flight)': median(warmRef.map((r) => r.p99)),
				'live / bare': liveRate / refRate,
				'server CPU per live answer (µs)': median(warm.map((l) => l.cpuUs)),
				'server event loop busy while answering (%)': 100 * median(warm.map((l) => l.busy)),
				'bare CPU per request (µs)': median(warmRef.map((r) => r.cpuUs)),
				'warm-up (first question): live answers/s': live[0]?.rate ?? NaN,
				'warm-up (first round): bare requests/s': ref[0]?.rate ?? NaN,
				'loop delay max, last question': game.eventLoopDelay.max,
				'answers acked': acked,
				'answers stored': stored
			},
			problems,
			notes: [
				`per question: live ${live.map((l) => l.rate.toFixed(0)).join(', ')} answers/s; bare ${ref.map((r) => r.rate.toFixed(0)).join(', ')} requests/s`
			]
		};
	} finally {
		await stopServer(bare);
		await stopServer(server);
	}
}
