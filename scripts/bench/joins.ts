/**
 * Joins arriving over time: `players` phones join one game at `perSecond` joins a second (each on
 * its own connection, as in the live scenarios), on a freshly started server, then again into a
 * second and a third game on the same server. Figures: join latency (p50, p99) and the server's CPU
 * per join (from /proc, between the first join sent and the last reply) for the first game, on
 * code the server runs for the first time, and for the third. Then the same three rounds of joins,
 * sent by the same client at the same pace, to the bare reference (scripts/bench-bare.js: a token,
 * one inserted row, a cookie, no framework and no game), and Slant's CPU per join as a ratio to it.
 */
import { stats, type RunResult } from './figures';
import { createLiveGame, joinPlayers } from './liveGame';
import type { Options } from './options';
import { processCpuSeconds, serverStats, startBare, startServer, stopServer } from './servers';

/** Three games (rounds of joins) one after another; the first and the third are reported. */
const ROUNDS = [
	[1, 'first game'],
	[2, ''],
	[3, 'third game']
] as const;

export async function joinScenario(
	opts: Options,
	players: number,
	perSecond: number
): Promise<RunResult> {
	const server = await startServer(opts.port, opts.workers);
	try {
		const figures: RunResult['figures'] = {};
		const notes: string[] = [];
		const problems: string[] = [];
		for (const [round, label] of ROUNDS) {
			const game = await createLiveGame(opts.port, 3, opts.seconds);
			await serverStats(opts.port, true);
			const cpuBefore = processCpuSeconds(server.pid);
			const joined = await joinPlayers(opts.port, game.gameId, game.code, players, perSecond);
			const cpu = processCpuSeconds(server.pid) - cpuBefore;
			const onServer = stats((await serverStats(opts.port, false)).joinMs ?? []);
			for (const phone of joined.phones) phone.destroy();
			const ok = joined.cookies.filter(Boolean).length;
			if (ok !== players) problems.push(`game ${round}: ${players - ok} joins refused`);
			for (const [key, count] of joined.errors) notes.push(`game ${round}: ${key} ×${count}`);
			if (!label) continue;
			const lat = stats(joined.latencies);
			figures[`join p50, ${label}`] = lat.p50;
			figures[`join p99, ${label}`] = lat.p99;
			figures[`server join time p50, ${label}`] = onServer.p50;
			figures[`server CPU per join (ms), ${label}`] = (cpu * 1000) / players;
		}
		notes.push(`${players} joins at ${perSecond}/s into each of 3 games, one after another`);
		await stopServer(server);
		const bare = await bareJoins(opts.port + 1, players, perSecond);
		for (const [label, cpu] of bare) {
			figures[`bare CPU per join (ms), ${label}`] = cpu;
			figures[`server CPU per join ÷ bare, ${label}`] =
				figures[`server CPU per join (ms), ${label}`] / cpu;
		}
		return { figures, notes, problems };
	} finally {
		await stopServer(server);
	}
}

/** The bare reference's CPU per join over the same three rounds, as [label, ms] pairs. */
async function bareJoins(
	port: number,
	players: number,
	perSecond: number
): Promise<[string, number][]> {
	const bare = await startBare(port);
	try {
		const out: [string, number][] = [];
		for (const [round, label] of ROUNDS) {
			const cpuBefore = processCpuSeconds(bare.pid);
			const joined = await joinPlayers(port, 'bare', `round ${round}`, players, perSecond);
			const cpu = processCpuSeconds(bare.pid) - cpuBefore;
			for (const phone of joined.phones) phone.destroy();
			const ok = joined.cookies.filter(Boolean).length;
			if (ok !== players) throw new Error(`bare reference: ${players - ok} joins refused`);
			if (label) out.push([label, (cpu * 1000) / players]);
		}
		return out;
	} finally {
		await stopServer(bare);
	}
}
