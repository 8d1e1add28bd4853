/**
 * The bare fan-out reference: the bare server writes one event to 200 and to 1000 event streams
 * read by the same bots as a live game's, the floor of a live game's fan-out on this machine.
 */
import { Stream, postJson, sleep, until } from './client';
import { maxOf, median, type Figures, type RunResult } from './figures';
import type { Options } from './options';
import { processCpuSeconds, startBare, stopServer } from './servers';

/**
 * The fan-out reference: the bare server (scripts/bench-bare.js) holds `counts` event streams,
 * read by the same bots as a live game's, and writes one event of `bytes` to all of them `rounds`
 * times; from the trigger to the last bot that read it, as a live game's fan-out is measured. What
 * is left of a live fan-out above this is Slant's own work.
 */
export async function bareFanoutScenario(
	opts: Options,
	counts: number[],
	rounds: number,
	bytes: number
): Promise<RunResult> {
	const bare = await startBare(opts.port + 1);
	const figures: Figures = {};
	const problems: string[] = [];
	try {
		for (const n of counts) {
			const streams = Array.from({ length: n }, () => new Stream());
			for (let k = 0; k < n; k += 100) {
				await Promise.all(streams.slice(k, k + 100).map((s) => s.open(bare.port, '/events', '')));
			}
			const toLast: number[] = [];
			const spread: number[] = [];
			const written: number[] = [];
			const cpuBefore = processCpuSeconds(bare.pid);
			for (let r = 0; r < rounds; r++) {
				const at = performance.now();
				const reply = await postJson(bare.port, '/fanout', undefined, { bytes });
				const {
					streams: reached,
					version,
					ms
				} = JSON.parse(reply.body) as { streams: number; version: number; ms: number };
				written.push(ms);
				if (reached !== n) problems.push(`bare fan-out ${r + 1}: ${reached} streams of ${n}`);
				const arrived = (s: Stream) => s.events.find((e) => e.version === version)?.at;
				if (!(await until(() => streams.every((s) => arrived(s) !== undefined), 30_000))) {
					problems.push(`bare fan-out ${r + 1} to ${n}: not every stream read it`);
					continue;
				}
				const times = streams.map((s) => arrived(s) as number);
				toLast.push(Math.max(...times) - at);
				spread.push(Math.max(...times) - Math.min(...times));
				await sleep(200);
			}
			const cpu = processCpuSeconds(bare.pid) - cpuBefore;
			for (const s of streams) s.close();
			figures[`${n} streams: fan-out to last (median)`] = median(toLast);
			figures[`${n} streams: fan-out to last (max)`] = maxOf(toLast);
			figures[`${n} streams: fan-out spread (median)`] = median(spread);
			figures[`${n} streams: server, write all (median)`] = median(written);
			figures[`${n} streams: server CPU per fan-out (ms)`] = (cpu * 1000) / rounds;
			await sleep(500);
		}
		return { figures, problems, notes: [`${rounds} events of ${bytes} bytes to each count`] };
	} finally {
		await stopServer(bare);
	}
}
