// Builds the app when the build is missing or older than its sources, then serves it (in one
// process, or with WORKERS > 1 in several behind one port: see cluster.js).
// Migrations and the bundled content are applied by the server's `init` hook at start-up.
import { execSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { join } from 'node:path';
import {
	acceptHandoffs,
	announceListening,
	forwardIfStray,
	isClusterPrimary,
	listenOptions,
	runPrimary,
	workerIndex
} from './cluster.js';

const root = new URL('..', import.meta.url).pathname;
process.chdir(root);

/** Newest modification time (ms) under `path`. */
function newest(path) {
	if (!existsSync(path)) return 0;
	const stat = statSync(path);
	if (!stat.isDirectory()) return stat.mtimeMs;
	let max = stat.mtimeMs;
	for (const entry of readdirSync(path)) max = Math.max(max, newest(join(path, entry)));
	return max;
}

const sources = [
	'src',
	'static',
	'content',
	'package-lock.json',
	'svelte.config.js',
	'vite.config.ts'
];
const built = existsSync('build/handler.js') ? statSync('build/handler.js').mtimeMs : 0;
if (workerIndex === null && (built === 0 || Math.max(...sources.map(newest)) > built)) {
	console.log('Building Slant...');
	execSync('npx vite build', { stdio: 'inherit' });
}

// Without ORIGIN, trust the Host header the browser used, so the game works on localhost,
// 127.0.0.1 and the machine's LAN address alike (students' phones join on the latter). This
// server speaks plain HTTP, so the protocol is fixed here rather than read from the client.
const PROTO_HEADER = 'x-slant-protocol';
if (!process.env.ORIGIN) process.env.PROTOCOL_HEADER = PROTO_HEADER;

// Request bodies above this size are refused with 413 by adapter-node (its own default is 512K).
// Slant's largest body, the host's settings form, is well under 4 KB.
process.env.BODY_SIZE_LIMIT ??= '64K';

const port = Number(process.env.PORT ?? 3000);
const host = process.env.HOST ?? '0.0.0.0';
// WORKERS > 1: this process only routes requests to worker processes (scripts/cluster.js), which
// run this file again; runPrimary serves until the process is stopped, so nothing below runs here.
if (isClusterPrimary) await runPrimary({ port, host, backlog: 4096 });

const { handler } = await import(join(root, 'build/handler.js'));

const debugStats = process.env.SLANT_DEBUG_STATS === '1' ? await import('./debugStats.js') : null;

// Players' answers and event streams on node:http, registered by the app's `init` hook (which has
// run once the handler is loaded): the same checks and replies as their SvelteKit routes, without
// the cost of SvelteKit's request handling (src/lib/server/live/nodeEndpoints.ts; SLANT_FAST_ANSWER=0
// or SLANT_FAST_EVENTS=0 leaves them to SvelteKit, for comparison).
const serveLive = globalThis[Symbol.for('slant.nodeEndpoints')] ?? null;

// A rehearsal game played before the first request, on a database of its own in memory, so the
// first class runs optimised code (src/lib/server/live/warmUp.ts; WARM_UP_PLAYERS=0 leaves it out).
// A failed rehearsal is logged there and never stops the server.
await globalThis[Symbol.for('slant.warmUp')]?.().catch((err) => console.warn('Rehearsal:', err));

/**
 * Offers a request to the node:http live endpoints. An error thrown from a request handler here
 * would end the process and every live game in it, so it becomes a 500 reply instead (the
 * endpoints also catch their own errors, including those in their later callbacks).
 * @param {import('node:http').IncomingMessage} req
 * @param {import('node:http').ServerResponse} res
 */
function offerToLive(req, res) {
	try {
		return serveLive(req, res);
	} catch (err) {
		console.error('Live endpoint failed', err);
		if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
		res.end('{"message":"Internal Error"}');
		return true;
	}
}

const server = createServer((req, res) => {
	if (debugStats?.serve(req, res)) return;
	// A connection the primary handed over: the client's address, and a request for another
	// worker's game forwarded to it (scripts/cluster.js).
	if (workerIndex !== null && forwardIfStray(req, res, workerIndex)) return;
	debugStats?.timeRequest(req, res);
	// Which worker answered (tests check that a game's requests all reach its owner).
	if (workerIndex !== null) res.setHeader('x-slant-worker', String(workerIndex));
	if (serveLive && offerToLive(req, res)) return;
	if (!process.env.ORIGIN) req.headers[PROTO_HEADER] = 'http';
	handler(req, res);
});
// A class joining or answering at once opens hundreds of connections while the event loop is
// busy: a longer listen queue (Node's default is 511; Linux caps it at net.core.somaxconn) keeps
// them waiting instead of dropped into SYN retransmissions.
const BACKLOG = 4096;
// Phones reuse keep-alive sockets between answers. Node closes an idle socket after 5 s, which
// races with a request already on its way (ECONNRESET); keep sockets longer than typical clients
// do (browsers ~60 s+), and headersTimeout must stay above keepAliveTimeout.
server.keepAliveTimeout = 65_000;
server.headersTimeout = 66_000;
server.listen(listenOptions(port, host, BACKLOG), () => announceListening(server, port));
if (workerIndex !== null) acceptHandoffs(server);

function shutdown() {
	// Live event streams never end on their own: close them so the process can exit promptly.
	process.emit('sveltekit:shutdown', 'SIGTERM');
	server.close(() => process.exit(0));
	server.closeAllConnections();
	setTimeout(() => process.exit(0), 3000).unref();
}
process.on('SIGTERM', shutdown);
process.on('SIGINT', shutdown);
