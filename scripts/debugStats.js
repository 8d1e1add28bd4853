// Process figures for the benchmarks (scripts/bench-live.ts), served by scripts/serve.js only when
// SLANT_DEBUG_STATS=1: GET /__debug/stats from the loopback interface answers with the event-loop
// delay since the last reset (node:perf_hooks monitorEventLoopDelay), CPU time and memory;
// `?reset=1` starts a new measurement window after answering. Never enabled in normal serving.
import { monitorEventLoopDelay } from 'node:perf_hooks';

/** Sampling interval of the delay histogram (ms); it records interval + delay, so it is subtracted. */
const RESOLUTION_MS = 10;
const histogram = monitorEventLoopDelay({ resolution: RESOLUTION_MS });
histogram.enable();

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

/** Delay in ms beyond the sampling interval, from a histogram value in ns. */
function delayMs(ns) {
	return Math.max(0, ns / 1e6 - RESOLUTION_MS);
}

/** Answers GET /__debug/stats from loopback; returns false for every other request. */
export function serve(req, res) {
	if (!req.url?.startsWith('/__debug/stats')) return false;
	if (req.method !== 'GET' || !LOOPBACK.has(req.socket.remoteAddress ?? '')) {
		res.writeHead(404).end();
		return true;
	}
	const cpu = process.cpuUsage();
	const body = JSON.stringify({
		eventLoopDelay: {
			samples: histogram.count,
			p50: delayMs(histogram.percentile(50)),
			p99: delayMs(histogram.percentile(99)),
			max: delayMs(histogram.max)
		},
		cpuSeconds: (cpu.user + cpu.system) / 1e6,
		rssMb: process.memoryUsage.rss() / 2 ** 20,
		peakRssMb: process.resourceUsage().maxRSS / 1024
	});
	if (req.url.includes('reset=1')) histogram.reset();
	res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' });
	res.end(body);
	return true;
}
