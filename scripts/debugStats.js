// Process figures for the benchmarks (scripts/bench/main.ts), served by scripts/serve.js only when
// SLANT_DEBUG_STATS=1: GET /__debug/stats from the loopback interface answers with the event-loop
// delay since the last reset (node:perf_hooks monitorEventLoopDelay), CPU time and memory;
// `?reset=1` starts a new measurement window after answering. Never enabled in normal serving.
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { ANSWER_PATH, COMMAND_PATH, JOIN_PATH } from '../src/lib/server/live/paths.js';

/** Sampling interval of the delay histogram (ms); it records interval + delay, so it is subtracted. */
const RESOLUTION_MS = 10;
const histogram = monitorEventLoopDelay({ resolution: RESOLUTION_MS });
histogram.enable();
/** Event-loop utilisation at the last reset (the share of time the loop was not idle since). */
let eluSince = performance.eventLoopUtilization();

const FANOUTS = Symbol.for('slant.fanouts');
/** Where the live streams keep their last fan-outs. */
const fanoutHolder = /** @type {{ [FANOUTS]?: Fanout[] }} */ (/** @type {unknown} */ (globalThis));

/**
 * @typedef {{ streams: number, ms: number, cpuMs: number, phase: string, index: number }} Fanout
 * One phase change's fan-out: streams written to, wall and CPU ms to build and write every event,
 * and the state told.
 */

/** Server-side times (ms) since the last reset, from a request's parsed headers to its reply. */
const answerTimes = /** @type {number[]} */ ([]);
const commandTimes = /** @type {number[]} */ ([]);
const joinTimes = /** @type {number[]} */ ([]);

/**
 * Times a live answer, host command or JSON join on the server's side, from its parsed headers to
 * the end of its reply (what the server adds to the round trip; the rest is the network and the
 * client, which in the benchmark is one busy process playing every bot).
 * @param {import('node:http').IncomingMessage} req
 * @param {import('node:http').ServerResponse} res
 */
export function timeRequest(req, res) {
	if (req.method !== 'POST') return;
	const url = req.url ?? '';
	const times = ANSWER_PATH.test(url)
		? answerTimes
		: COMMAND_PATH.test(url)
			? commandTimes
			: JOIN_PATH.test(url)
				? joinTimes
				: null;
	if (!times) return;
	const started = performance.now();
	res.once('finish', () => {
		if (times.length < 1_000_000) times.push(performance.now() - started);
	});
}

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

/**
 * @typedef {{
 *   eventLoopDelay: { samples: number, p50: number, p99: number, max: number },
 *   cpuSeconds: number, loopBusy: number, rssMb: number, peakRssMb: number,
 *   fanouts: Fanout[],
 *   answerMs: number[], commandMs: number[], joinMs: number[]
 * }} Stats
 */

/**
 * Delay in ms beyond the sampling interval, from a histogram value in ns.
 * @param {number} ns
 */
function delayMs(ns) {
	return Math.max(0, ns / 1e6 - RESOLUTION_MS);
}

/**
 * This process's figures; `reset` starts a new event-loop delay window after reading them.
 * @param {boolean} [reset]
 * @returns {Stats}
 */
export function processStats(reset = false) {
	const cpu = process.cpuUsage();
	const stats = {
		eventLoopDelay: {
			samples: histogram.count,
			p50: delayMs(histogram.percentile(50)),
			p99: delayMs(histogram.percentile(99)),
			max: delayMs(histogram.max)
		},
		cpuSeconds: (cpu.user + cpu.system) / 1e6,
		loopBusy: performance.eventLoopUtilization(eluSince).utilization,
		rssMb: process.memoryUsage.rss() / 2 ** 20,
		peakRssMb: process.resourceUsage().maxRSS / 1024,
		// Phase changes since the last reset: streams written to, wall and CPU ms to build and write
		// every event, the state told (recorded by the live streams, src/lib/server/live/streams.ts).
		fanouts: [...(fanoutHolder[FANOUTS] ?? [])],
		answerMs: [...answerTimes],
		commandMs: [...commandTimes],
		joinMs: [...joinTimes]
	};
	if (reset) {
		histogram.reset();
		eluSince = performance.eventLoopUtilization();
		answerTimes.splice(0);
		commandTimes.splice(0);
		joinTimes.splice(0);
		fanoutHolder[FANOUTS]?.splice(0);
	}
	return stats;
}

/**
 * Answers GET /__debug/stats from loopback with `figures(reset)` (this process's by default);
 * returns false for every other request.
 * @param {import('node:http').IncomingMessage} req
 * @param {import('node:http').ServerResponse} res
 * @param {(reset: boolean) => Stats | Promise<Stats>} [figures]
 */
export function serve(req, res, figures = processStats) {
	if (!req.url?.startsWith('/__debug/stats')) return false;
	if (req.method !== 'GET' || !LOOPBACK.has(req.socket.remoteAddress ?? '')) {
		res.writeHead(404).end();
		return true;
	}
	// A cluster's figures are fetched from each worker: one that is restarting fails the request,
	// not the process (an unhandled rejection would end the primary and every worker).
	Promise.resolve()
		.then(() => figures(req.url?.includes('reset=1') === true))
		.then(
			(stats) => {
				res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' });
				res.end(JSON.stringify(stats));
			},
			(err) => {
				res.writeHead(503, { 'content-type': 'text/plain; charset=utf-8' });
				res.end(`Figures unavailable: ${err instanceof Error ? err.message : String(err)}`);
			}
		);
	return true;
}

/**
 * The figures of a cluster: the primary's and its workers' (each from its own /__debug/stats),
 * CPU time and memory added up, the worst event-loop delays.
 * @param {(number | null)[]} ports the workers' loopback ports
 * @param {boolean} reset
 * @returns {Promise<Stats & { processes: Stats[] }>}
 */
export async function clusterStats(ports, reset) {
	/** @type {Stats[]} */
	const workers = await Promise.all(
		ports
			.filter((port) => port !== null)
			.map(async (port) => {
				const reply = await fetch(
					`http://127.0.0.1:${port}/__debug/stats${reset ? '?reset=1' : ''}`
				);
				return reply.json();
			})
	);
	const all = [processStats(reset), ...workers];
	/** @param {(s: Stats) => number} pick */
	const sum = (pick) => all.reduce((total, s) => total + pick(s), 0);
	/** @param {(s: Stats) => number} pick */
	const worst = (pick) => Math.max(...all.map(pick));
	return {
		eventLoopDelay: {
			samples: sum((s) => s.eventLoopDelay.samples),
			p50: worst((s) => s.eventLoopDelay.p50),
			p99: worst((s) => s.eventLoopDelay.p99),
			max: worst((s) => s.eventLoopDelay.max)
		},
		cpuSeconds: sum((s) => s.cpuSeconds),
		loopBusy: worst((s) => s.loopBusy),
		rssMb: sum((s) => s.rssMb),
		peakRssMb: sum((s) => s.peakRssMb),
		fanouts: all.flatMap((s) => s.fanouts ?? []),
		answerMs: all.flatMap((s) => s.answerMs ?? []),
		commandMs: all.flatMap((s) => s.commandMs ?? []),
		joinMs: all.flatMap((s) => s.joinMs ?? []),
		processes: all
	};
}
