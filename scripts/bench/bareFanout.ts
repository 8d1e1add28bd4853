/**
 * The bare fan-out reference: the bare server writes one event to a number of event streams read
 * by the same bots as a live game's, the floor of a live game's fan-out on this machine. Each live
 * scenario also runs it with its own number of streams and its own question event's size, in the
 * same run (see live.ts), and reports its figures as ratios to it.
 */
import { Stream, postJson, sleep, until } from './client';
import { maxOf, median, type Figures, type RunResult } from './figures';
import type { Options } from './options';
import { startBare, stopServer } from './servers';

/** What `bareFanout` measured, one value per round (groups: per group, per round). */
export interface BareFanout {
	/** From the trigger to the last stream that read the event. */
	toLast: number[];
	/** From the first stream to the last. */
	spread: number[];
	/** From the trigger to the last stream of each group of streams (a "game"), every round. */
	groupToLast: number[];
	/** From the first stream of each group to its last, every round. */
	groupSpread: number[];
	/** The server's own wall and CPU milliseconds to write every event. */
	written: number[];
	cpuMs: number[];
	problems: string[];
}

/**
 * The bare server (scripts/bench-bare.js, on `opts.port`: run it when Slant's server is stopped)
 * holds `n` event streams read by the same bots as a live game's, in `groups` equal groups, and
 * writes one event of `bytes` to all of them `rounds` times; from the trigger to the last bot that
 * read it, as a live game's fan-out is measured. What is left of a live fan-out above this is
 * Slant's own work.
 */
export async function bareFanout(
	opts: Options,
	n: number,
	rounds: number,
	bytes: number,
	groups = 1
): Promise<BareFanout> {
	const bare = await startBare(opts.port);
	const out: BareFanout = {
		toLast: [],
		spread: [],
		groupToLast: [],
		groupSpread: [],
		written: [],
		cpuMs: [],
		problems: []
	};
	try {
		const streams = Array.from({ length: n }, () => new Stream());
		for (let k = 0; k < n; k += 100) {
			await Promise.all(streams.slice(k, k + 100).map((s) => s.open(bare.port, '/events', '')));
		}
		const size = Math.ceil(n / groups);
		for (let r = 0; r < rounds; r++) {
			const at = performance.now();
			const reply = await postJson(bare.port, '/fanout', undefined, { bytes });
			const {
				streams: reached,
				version,
				ms,
				cpuMs
			} = JSON.parse(reply.body) as {
				streams: number;
				version: number;
				ms: number;
				cpuMs: number;
			};
			out.written.push(ms);
			out.cpuMs.push(cpuMs);
			if (reached !== n) out.problems.push(`bare fan-out ${r + 1}: ${reached} streams of ${n}`);
			const arrived = (s: Stream) => s.events.find((e) => e.version === version)?.at;
			if (!(await until(() => streams.every((s) => arrived(s) !== undefined), 30_000))) {
				out.problems.push(`bare fan-out ${r + 1} to ${n}: not every stream read it`);
				continue;
			}
			const times = streams.map((s) => arrived(s) as number);
			out.toLast.push(Math.max(...times) - at);
			out.spread.push(Math.max(...times) - Math.min(...times));
			for (let g = 0; g < n; g += size) {
				const group = times.slice(g, g + size);
				out.groupToLast.push(Math.max(...group) - at);
				out.groupSpread.push(Math.max(...group) - Math.min(...group));
			}
			await sleep(200);
		}
		for (const s of streams) s.close();
		return out;
	} finally {
		await stopServer(bare);
	}
}

/** The fan-out reference on its own: one event of `bytes` to each of `counts` streams. */
export async function bareFanoutScenario(
	opts: Options,
	counts: number[],
	rounds: number,
	bytes: number
): Promise<RunResult> {
	const figures: Figures = {};
	const problems: string[] = [];
	for (const n of counts) {
		const bare = await bareFanout(opts, n, rounds, bytes);
		problems.push(...bare.problems);
		figures[`${n} streams: fan-out to last (median)`] = median(bare.toLast);
		figures[`${n} streams: fan-out to last (max)`] = maxOf(bare.toLast);
		figures[`${n} streams: fan-out spread (median)`] = median(bare.spread);
		figures[`${n} streams: server, write all (median)`] = median(bare.written);
		figures[`${n} streams: server CPU per fan-out (ms)`] = median(bare.cpuMs);
		await sleep(500);
	}
	return { figures, problems, notes: [`${rounds} events of ${bytes} bytes to each count`] };
}
