// Several worker processes behind one port (WORKERS > 1). The primary forks the workers with
// node:cluster, each serving the app on its own loopback port, and forwards every request with
// http-proxy-3 (bodies and event streams pass through as they come). A live game lives in the
// memory of one worker, the owner of its join code (src/lib/server/live/ownership.js): a request
// naming a game, by code or by id in its URL or by the code a join posts, goes to that owner;
// any other request goes to the next worker in turn.
import cluster from 'node:cluster';
import { Agent, createServer } from 'node:http';
import { Readable } from 'node:stream';
import httpProxy from 'http-proxy-3';
import { normaliseJoinCode } from '../src/lib/game/joinCode.js';
import {
	DISCARD_MESSAGE,
	WORKER_VARIABLE,
	ownerOfCode,
	ownerOfGameId,
	workerFrom,
	workersWanted
} from '../src/lib/server/live/ownership.js';

/** Workers wanted (WORKERS); throws on a bad value. */
export const workerCount = workersWanted(process.env.WORKERS);

/** True in the primary of a cluster: it routes requests and serves nothing itself. */
export const isClusterPrimary = cluster.isPrimary && workerCount > 1;

/** This process's worker index in a cluster, null when it is the only process. */
export const workerIndex = cluster.isWorker ? workerFrom(process.env[WORKER_VARIABLE]).index : null;

/**
 * Where a server listens: the public address alone, or in a worker its own loopback port (a port
 * of its own, not shared through the primary as node:cluster does by default).
 * @param {number} port
 * @param {string} host
 * @param {number} backlog
 */
export function listenOptions(port, host, backlog) {
	return cluster.isWorker
		? { port: 0, host: '127.0.0.1', exclusive: true, backlog }
		: { port, host, backlog };
}

/** The message a worker sends the primary once it listens (an exclusive listen sends none). */
const LISTENING = 'slant:listening';

/**
 * Says where the server listens: on the console, or in a worker to the primary, which then sends
 * requests to its port.
 * @param {import('node:http').Server} server
 * @param {number} port the public port
 */
export function announceListening(server, port) {
	const address = server.address();
	if (cluster.isWorker && address !== null && typeof address === 'object') {
		process.send?.({ type: LISTENING, port: address.port });
	} else {
		console.log(`Slant is listening on http://localhost:${port}`);
	}
}

/** The join posts whose code is in the body, not the URL: the body is read to route them. */
const JOIN_POSTS = /^\/(api\/live\/join|join(\/[^/]*)?)\/?$/;
/** A join body is two short fields; anything larger is refused before it is read further. */
const JOIN_BODY_LIMIT = 16 * 1024;

/**
 * The join code or game id a path names, if any.
 * @param {string} pathname
 * @returns {{ code: string } | { id: string } | null}
 */
export function gameInPath(pathname) {
	const parts = pathname.split('/').map((part) => {
		try {
			return decodeURIComponent(part);
		} catch {
			return part;
		}
	});
	// ['', 'api', 'live', 'play', code, ...], ['', 'game', code, ...], ['', 'join', code, ...]
	if (parts[1] === 'api' && parts[2] === 'live' && parts[3] === 'play' && parts[4]) {
		return { code: parts[4] };
	}
	if ((parts[1] === 'game' || parts[1] === 'join') && parts[2]) return { code: parts[2] };
	if (parts[1] === 'api' && parts[2] === 'live' && parts[3] === 'host' && parts[4]) {
		return { id: parts[4] };
	}
	if (parts[1] === 'host' && parts[2] && parts[2] !== 'assignments') return { id: parts[2] };
	return null;
}

/**
 * The code a join body posts (JSON `{ code }` or a form's `code` field), read as the routes read
 * it; null when there is none.
 * @param {Buffer} body
 * @param {string | undefined} contentType
 * @returns {Promise<string | null>}
 */
export async function codeInJoinBody(body, contentType) {
	const request = new Request('http://localhost/', {
		method: 'POST',
		body: new Uint8Array(body),
		headers: contentType ? { 'content-type': contentType } : {}
	});
	try {
		if (contentType?.includes('application/json')) {
			const code = (await request.json())?.code;
			return normaliseJoinCode(code);
		}
		const code = (await request.formData()).get('code');
		return normaliseJoinCode(code);
	} catch {
		return null;
	}
}

/**
 * Reads a request body up to `limit` bytes; null when it is larger (the rest is let drain) or the
 * client goes away.
 * @param {import('node:http').IncomingMessage} req
 * @param {number} limit
 * @returns {Promise<Buffer | null>}
 */
function readBody(req, limit) {
	return new Promise((resolve) => {
		/** @type {Buffer[]} */
		const chunks = [];
		let size = 0;
		/** @param {Buffer} chunk */
		const onData = (chunk) => {
			size += chunk.length;
			if (size <= limit) chunks.push(chunk);
			else {
				req.off('data', onData);
				req.resume();
				resolve(null);
			}
		};
		req.on('data', onData);
		req.once('end', () => resolve(Buffer.concat(chunks)));
		req.once('error', () => resolve(null));
	});
}

/**
 * The environment of the workers. Client addresses: a worker sees every connection come from the
 * primary, so it reads the address from the X-Forwarded-For entry the primary appends, one deeper
 * than configured when a proxy in front already sets that header (any other ADDRESS_HEADER passes
 * through unchanged).
 * @param {NodeJS.ProcessEnv} env
 * @returns {Record<string, string>}
 */
export function workerAddressEnv(env) {
	const header = (env.ADDRESS_HEADER ?? '').toLowerCase();
	if (header === '') return { ADDRESS_HEADER: 'x-forwarded-for', XFF_DEPTH: '1' };
	if (header === 'x-forwarded-for') {
		return { XFF_DEPTH: String(Number(env.XFF_DEPTH ?? '1') + 1) };
	}
	return {};
}

/**
 * Forks the workers (worker 0 alone first, so the database is migrated and the bundled content
 * loaded once), then listens on `port` and routes requests to them. A worker that dies is started
 * again; it restores the games it owns from the database. Runs until SIGTERM or SIGINT.
 * @param {{ port: number, host: string, backlog: number }} options
 */
export async function runPrimary({ port, host, backlog }) {
	const count = workerCount;
	/** @type {(number | null)[]} each worker's loopback port, null while it starts */
	const ports = Array.from({ length: count }, () => null);
	let stopping = false;
	let started = false;

	/** @param {number} index @returns {Promise<void>} */
	function fork(index) {
		const worker = cluster.fork({
			...workerAddressEnv(process.env),
			[WORKER_VARIABLE]: `${index}/${count}`
		});
		return new Promise((resolve, reject) => {
			worker.on('message', (message) => {
				if (message?.type === LISTENING) {
					ports[index] = message.port;
					resolve();
				} else if (message?.type === DISCARD_MESSAGE) {
					// A worker deleted games: the others drop them from memory too.
					for (const other of Object.values(cluster.workers ?? {})) {
						if (other && other !== worker) other.send(message);
					}
				}
			});
			worker.once('exit', (code, signal) => {
				ports[index] = null;
				if (stopping) return;
				if (!started) {
					reject(new Error(`Worker ${index} stopped (${signal ?? code}) before listening.`));
					return;
				}
				console.error(`Worker ${index} stopped (${signal ?? code}); starting it again.`);
				setTimeout(() => fork(index).catch((err) => console.error(err)), 1000);
			});
		});
	}

	await fork(0);
	await Promise.all(Array.from({ length: count - 1 }, (_, i) => fork(i + 1)));
	started = true;

	const proxy = httpProxy.createProxyServer({
		xfwd: true,
		// Connections to the workers are kept and reused, as many as there are requests; an idle one
		// is dropped after 60 s, before the worker's keep-alive timeout (65 s) could close it under
		// a request.
		agent: new Agent({ keepAlive: true, maxSockets: Infinity, timeout: 60_000, noDelay: true }),
		// Connection is hop-by-hop: a client's `Connection: close` forwarded to a worker would end
		// that pooled socket at the worker while the agent reuses it (the event streams answer
		// `keep-alive`), and the next request on it would be refused with 400.
		headers: { connection: 'keep-alive' }
	});
	proxy.on('error', (err, _req, res) => {
		if (!('writeHead' in res) || res.headersSent) {
			res.destroy();
			return;
		}
		res.writeHead(502, { 'content-type': 'text/plain; charset=utf-8' });
		res.end('The server is restarting; try again in a moment.');
	});

	let next = 0;
	/** @param {number | null} owner @returns {number | null} the port of the worker to use */
	function portFor(owner) {
		if (owner !== null) return ports[owner];
		for (let tries = 0; tries < count; tries++) {
			const candidate = ports[next];
			next = (next + 1) % count;
			if (candidate !== null) return candidate;
		}
		return null;
	}

	/** @param {import('node:http').IncomingMessage} req @param {import('node:http').ServerResponse} res */
	async function route(req, res) {
		const { pathname } = new URL(req.url ?? '/', 'http://localhost');
		const named = gameInPath(pathname);
		let owner = null;
		/** @type {Buffer | undefined} */
		let body;
		if (req.method === 'POST' && JOIN_POSTS.test(pathname)) {
			const read = await readBody(req, JOIN_BODY_LIMIT);
			if (read === null) {
				res.writeHead(413, { 'content-type': 'text/plain; charset=utf-8', connection: 'close' });
				res.end('This join request is too large.');
				return;
			}
			body = read;
			const code = await codeInJoinBody(body, req.headers['content-type']);
			owner = code === null ? null : ownerOfCode(code, count);
		} else if (named && 'code' in named) owner = ownerOfCode(named.code, count);
		else if (named) owner = ownerOfGameId(named.id, count);
		const target = portFor(owner);
		if (target === null) {
			res.writeHead(503, { 'content-type': 'text/plain; charset=utf-8', 'retry-after': '2' });
			res.end('The server is restarting; try again in a moment.');
			return;
		}
		proxy.web(req, res, {
			target: `http://127.0.0.1:${target}`,
			...(body === undefined ? {} : { buffer: Readable.from([body]) })
		});
	}

	const debugStats = process.env.SLANT_DEBUG_STATS === '1' ? await import('./debugStats.js') : null;
	const server = createServer((req, res) => {
		// The benchmark's figures, for the primary and every worker together.
		if (debugStats?.serve(req, res, (reset) => debugStats.clusterStats(ports, reset))) return;
		route(req, res).catch((err) => {
			console.error(err);
			if (!res.headersSent) res.writeHead(500);
			res.end();
		});
	});
	// As in serve.js: a long listen queue, and idle keep-alive sockets kept longer than clients do.
	server.keepAliveTimeout = 65_000;
	server.headersTimeout = 66_000;
	await new Promise((resolve) => server.listen({ port, host, backlog }, () => resolve(undefined)));
	console.log(`Slant is listening on http://localhost:${port} (${count} workers)`);

	function shutdown() {
		if (stopping) return;
		stopping = true;
		server.close();
		server.closeAllConnections();
		// Each worker closes its event streams and exits (serve.js's own shutdown).
		const workers = Object.values(cluster.workers ?? {}).filter((w) => w !== undefined);
		let left = workers.length;
		if (left === 0) process.exit(0);
		for (const worker of workers) {
			worker.once('exit', () => {
				if (--left === 0) process.exit(0);
			});
			worker.process.kill('SIGTERM');
		}
		setTimeout(() => process.exit(0), 5000).unref();
	}
	process.on('SIGTERM', shutdown);
	process.on('SIGINT', shutdown);
	// Serves until stopped: serve.js awaits this and never reaches its own server.
	return new Promise(() => {});
}
