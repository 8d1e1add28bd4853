// Several worker processes behind one port (WORKERS > 1). The primary forks the workers with
// node:cluster and accepts every connection itself, but carries no bytes: it reads the first
// request's head (and, for the two join posts, their small body), picks the worker, and hands the
// socket over (`worker.send(message, socket)`) with the bytes it read; the worker serves the
// connection from then on. A live game lives in the memory of one worker, the owner of its join
// code (src/lib/server/live/ownership.js): a request naming a game, by code or by id in its URL or
// by the code a join posts, goes to that owner; any other request goes to the next worker in turn.
// A later request on a kept-alive connection that names another worker's game is forwarded by
// the worker to the owner's loopback port (rare: a browser tab talks to one game).
import cluster from 'node:cluster';
import { Agent, createServer, request as httpRequest } from 'node:http';
import { createServer as createNetServer } from 'node:net';
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
/** The posts that create a live game (the JSON call and the /host form), spread over the workers. */
const CREATE_POSTS = /^\/(api\/live\/host|host)\/?$/;
/** A join body is two short fields; anything larger is refused before it is read further. */
const JOIN_BODY_LIMIT = 16 * 1024;

/**
 * The refusal of a join body over JOIN_BODY_LIMIT, as the app refuses a body over its limit
 * (docs/api.md): JSON `{ code: 'too_large', message }` to the API, plain text to the form.
 * @param {string} pathname
 * @returns {{ type: string, text: string }}
 */
export function joinTooLarge(pathname) {
	const message = `The request body is too large: a join takes at most ${JOIN_BODY_LIMIT / 1024} KB.`;
	return pathname.startsWith('/api/')
		? { type: 'application/json', text: JSON.stringify({ code: 'too_large', message }) }
		: { type: 'text/plain; charset=utf-8', text: message };
}

/**
 * The path of a request target, or null when it is not a URL: a client may send any bytes there,
 * and `new URL` would throw (in the primary's data handler or a worker's request handler, that
 * would end the process).
 * @param {string} target
 * @returns {string | null}
 */
export function pathnameOf(target) {
	try {
		return new URL(target, 'http://localhost').pathname;
	} catch {
		return null;
	}
}

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
 * The worker that owns the game a path names, by its code or its id; null when it names none.
 * @param {string} pathname
 * @param {number} count workers
 * @returns {number | null}
 */
export function ownerOfPath(pathname, count) {
	const named = gameInPath(pathname);
	if (named === null) return null;
	return 'code' in named ? ownerOfCode(named.code, count) : ownerOfGameId(named.id, count);
}

/**
 * The worker that owns the game whose code a join body posts; null when it posts none.
 * @param {Buffer} body
 * @param {string | undefined} contentType
 * @param {number} count workers
 * @returns {Promise<number | null>}
 */
async function ownerOfJoinBody(body, contentType, count) {
	const code = await codeInJoinBody(body, contentType);
	return code === null ? null : ownerOfCode(code, count);
}

/**
 * The code a join body posts (JSON `{ code }` or a form's `code` field), read as the routes read
 * it; null when there is none.
 * @param {Buffer} body
 * @param {string | undefined} contentType
 * @returns {Promise<string | null>}
 */
export async function codeInJoinBody(body, contentType) {
	try {
		// JSON and urlencoded bodies are read directly (the common joins: the app's JSON call and the
		// form without JavaScript); any other type as a Request reads it, as the form action does.
		if (contentType?.includes('application/json')) {
			const value = JSON.parse(body.toString('utf8'));
			return normaliseJoinCode(value?.code);
		}
		if (contentType?.includes('application/x-www-form-urlencoded')) {
			return normaliseJoinCode(new URLSearchParams(body.toString('utf8')).get('code'));
		}
		const request = new Request('http://localhost/', {
			method: 'POST',
			body: new Uint8Array(body),
			headers: contentType ? { 'content-type': contentType } : {}
		});
		return normaliseJoinCode((await request.formData()).get('code'));
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
 * The environment of the workers. Client addresses: a worker appends the address of a connection
 * the primary handed over to X-Forwarded-For (forwardIfStray), as a proxy in front would, and
 * reads it there: one entry deeper than configured when a proxy in front already sets that header
 * (any other ADDRESS_HEADER passes through unchanged). Requests one worker forwards to another
 * carry the entry already.
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

/** What a client is told while the worker that should answer starts again. */
const RESTARTING = 'The server is restarting; try again in a moment.';
/** Largest request head the primary reads to route a connection (Node's default is 16 KB). */
const HEAD_LIMIT = 16 * 1024;
/** The message that hands a connection to a worker, with the bytes already read from it. */
const HANDOFF = 'slant:connection';
/** The message that tells the workers each other's loopback ports. */
const PORTS = 'slant:ports';

/**
 * The request line and headers of a raw HTTP/1 request head (up to the blank line).
 * @param {Buffer} head
 * @returns {{ method: string, target: string, headers: Record<string, string> } | null}
 */
export function parseHead(head) {
	const lines = head.toString('latin1').split('\r\n');
	const [method, target, version] = lines[0].split(' ');
	if (!method || !target || !version?.startsWith('HTTP/1.')) return null;
	/** @type {Record<string, string>} */
	const headers = {};
	for (const line of lines.slice(1)) {
		const colon = line.indexOf(':');
		if (colon <= 0) continue;
		const name = line.slice(0, colon).trim().toLowerCase();
		const value = line.slice(colon + 1).trim();
		headers[name] = name in headers ? `${headers[name]}, ${value}` : value;
	}
	return { method, target, headers };
}

/**
 * Answers a connection the primary will not hand over, and closes it.
 * @param {import('node:net').Socket} socket
 * @param {number} status
 * @param {string} reason
 * @param {string} text
 * @param {Record<string, string>} [extra]
 */
function refuse(socket, status, reason, text, extra = {}) {
	const body = Buffer.from(text);
	const headers = {
		'content-type': 'text/plain; charset=utf-8',
		'content-length': String(body.length),
		connection: 'close',
		...extra
	};
	socket.end(
		Buffer.concat([
			Buffer.from(
				`HTTP/1.1 ${status} ${reason}\r\n${Object.entries(headers)
					.map(([k, v]) => `${k}: ${v}\r\n`)
					.join('')}\r\n`,
				'latin1'
			),
			body
		])
	);
}

/**
 * Forks the workers (worker 0 alone first, so the database is migrated and the bundled content
 * loaded once), then listens on `port` and hands each connection to a worker. A worker that dies
 * is started again; it restores the games it owns from the database. Runs until SIGTERM or SIGINT.
 * @param {{ port: number, host: string, backlog: number }} options
 */
export async function runPrimary({ port, host, backlog }) {
	const count = workerCount;
	/** @type {(number | null)[]} each worker's loopback port, null while it starts */
	const ports = Array.from({ length: count }, () => null);
	/** @type {(import('node:cluster').Worker | null)[]} */
	const workers = Array.from({ length: count }, () => null);
	let stopping = false;
	let started = false;

	/** Tells every worker the others' ports (they forward a stray request to its game's owner). */
	function sendPorts() {
		for (const worker of workers) {
			if (worker?.isConnected()) worker.send({ type: PORTS, ports });
		}
	}

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
					workers[index] = worker;
					sendPorts();
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
				workers[index] = null;
				if (stopping) return;
				sendPorts();
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

	let next = 0;
	/** @param {number | null} owner @returns {import('node:cluster').Worker | null} */
	function workerFor(owner) {
		if (owner !== null) return workers[owner];
		for (let tries = 0; tries < count; tries++) {
			const candidate = workers[next];
			next = (next + 1) % count;
			if (candidate !== null) return candidate;
		}
		return null;
	}

	const debugStats = process.env.SLANT_DEBUG_STATS === '1' ? await import('./debugStats.js') : null;
	// The benchmark's figures, for every worker together, served by the primary itself.
	// Its connections close after one reply, so a client's next request goes to a worker.
	const statsServer = createServer((req, res) => {
		res.setHeader('connection', 'close');
		if (debugStats?.serve(req, res, (reset) => debugStats.clusterStats(ports, reset))) return;
		res.writeHead(404, { connection: 'close' });
		res.end();
	});

	/**
	 * Reads the first request's head (and a join's body), then hands the connection over.
	 * @param {import('node:net').Socket} socket
	 */
	function accept(socket) {
		socket.setNoDelay(true);
		/** @type {Buffer} */
		let read = Buffer.alloc(0);
		// As serve.js's headersTimeout: a client that never finishes its head is dropped.
		const timer = setTimeout(() => socket.destroy(), 66_000);
		socket.on('error', () => socket.destroy());
		socket.once('close', () => clearTimeout(timer));
		/** @param {Buffer} chunk */
		const onData = (chunk) => {
			// Whatever a client sends, an error here drops its connection, never this process (and
			// with it every worker).
			try {
				route(chunk);
			} catch (err) {
				console.error('Routing a connection:', err);
				socket.destroy();
			}
		};
		/** @param {Buffer} chunk */
		const route = (chunk) => {
			read = read.length === 0 ? chunk : Buffer.concat([read, chunk]);
			const end = read.indexOf('\r\n\r\n');
			if (end < 0) {
				if (read.length > HEAD_LIMIT)
					done(() =>
						refuse(socket, 431, 'Request Header Fields Too Large', 'Request head too large.')
					);
				return;
			}
			const head = parseHead(read.subarray(0, end));
			if (head === null) {
				done(() => refuse(socket, 400, 'Bad Request', 'Bad request.'));
				return;
			}
			const pathname = pathnameOf(head.target);
			if (pathname === null) {
				done(() => refuse(socket, 400, 'Bad Request', 'Bad request.'));
				return;
			}
			if (debugStats && pathname.startsWith('/__debug/stats')) {
				done(() => {
					statsServer.emit('connection', socket);
					socket.emit('data', read);
					socket.resume();
				});
				return;
			}
			let owner = null;
			// Whether the worker may serve this request without checking its game's owner again.
			let routed = true;
			if (head.method === 'POST' && JOIN_POSTS.test(pathname)) {
				const length = Number(head.headers['content-length']);
				if (head.headers['transfer-encoding'] !== undefined || !Number.isInteger(length)) {
					// A body of unknown length: the worker reads it and forwards the join itself.
					routed = false;
				} else if (length > JOIN_BODY_LIMIT) {
					const { type, text } = joinTooLarge(pathname);
					done(() => refuse(socket, 413, 'Payload Too Large', text, { 'content-type': type }));
					return;
				} else {
					if (read.length < end + 4 + length) return;
					const body = read.subarray(end + 4, end + 4 + length);
					socket.pause();
					socket.off('data', onData);
					ownerOfJoinBody(body, head.headers['content-type'], count)
						.then((owner) => handOver(owner, true))
						.catch((err) => {
							console.error('Routing a join:', err);
							socket.destroy();
						});
					return;
				}
			} else owner = ownerOfPath(pathname, count);
			done(() => handOver(owner, routed));
		};
		/** @param {() => void} then */
		const done = (then) => {
			socket.off('data', onData);
			clearTimeout(timer);
			then();
		};
		/** @param {number | null} owner @param {boolean} routed */
		const handOver = (owner, routed) => {
			clearTimeout(timer);
			const worker = workerFor(owner);
			if (worker === null || !worker.isConnected()) {
				refuse(socket, 503, 'Service Unavailable', RESTARTING, {
					'retry-after': '2'
				});
				return;
			}
			// Stop reading here: what the client sends next stays in the kernel for the worker.
			socket.pause();
			// @ts-expect-error the handle is private; readStop keeps later bytes unread
			socket._handle?.readStop?.();
			/** @type {Buffer | null} */
			let more;
			while ((more = socket.read()) !== null) read = Buffer.concat([read, more]);
			worker.send({ type: HANDOFF, head: read.toString('base64'), routed }, socket, (err) => {
				if (err) socket.destroy();
			});
		};
		socket.on('data', onData);
	}

	const server = createNetServer({ noDelay: true }, accept);
	await new Promise((resolve) => server.listen({ port, host, backlog }, () => resolve(undefined)));
	console.log(`Slant is listening on http://localhost:${port} (${count} workers)`);

	function shutdown() {
		if (stopping) return;
		stopping = true;
		server.close();
		// Each worker closes its event streams and exits (serve.js's own shutdown).
		const running = Object.values(cluster.workers ?? {}).filter((w) => w !== undefined);
		let left = running.length;
		if (left === 0) process.exit(0);
		for (const worker of running) {
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

/** Marks a socket handed over by the primary: { first request not yet seen, routed by it }. */
const HANDED = Symbol('slant.handed');
/** @type {(number | null)[]} the workers' loopback ports, as the primary last sent them */
let workerPorts = [];
/** Which worker, counted from this one, creates the next game asked for on a kept connection. */
let createTurn = 0;
/** Connections to other workers for stray requests, kept and reused. */
const strayAgent = new Agent({ keepAlive: true, timeout: 60_000, noDelay: true });

/**
 * In a worker: serves the connections the primary hands over on `server`, as if accepted here.
 * @param {import('node:http').Server} server
 */
export function acceptHandoffs(server) {
	process.on('message', (/** @type {any} */ message, socket) => {
		if (message?.type === PORTS) workerPorts = message.ports;
		if (message?.type !== HANDOFF || !socket) return;
		const handle = /** @type {import('node:net').Socket} */ (socket);
		// @ts-expect-error a mark of this module's own
		handle[HANDED] = { first: true, routed: message.routed === true };
		server.emit('connection', handle);
		handle.emit('data', Buffer.from(message.head, 'base64'));
		handle.resume();
	});
}

/**
 * Replies that the worker a request needs is starting again (502: it went away mid-request).
 * @param {import('node:http').ServerResponse} res
 * @param {502 | 503} status
 */
function restarting(res, status) {
	const type = { 'content-type': 'text/plain; charset=utf-8' };
	res.writeHead(status, status === 503 ? { ...type, 'retry-after': '2' } : type);
	res.end(RESTARTING);
}

/**
 * Forwards a request to another worker's loopback port and its reply back.
 * @param {import('node:http').IncomingMessage} req
 * @param {import('node:http').ServerResponse} res
 * @param {number} port
 * @param {Buffer} [body] the body when already read
 */
function forward(req, res, port, body) {
	const out = httpRequest(
		{
			host: '127.0.0.1',
			port,
			method: req.method,
			path: req.url,
			headers: { ...req.headers, connection: 'keep-alive' },
			agent: strayAgent
		},
		(reply) => {
			const headers = { ...reply.headers };
			delete headers.connection;
			delete headers['keep-alive'];
			res.writeHead(reply.statusCode ?? 502, headers);
			res.flushHeaders();
			reply.pipe(res);
		}
	);
	out.setNoDelay(true);
	out.on('error', () => {
		if (res.headersSent) res.destroy();
		else restarting(res, 502);
	});
	res.once('close', () => out.destroy());
	if (body !== undefined) out.end(body);
	else req.pipe(out);
}

/**
 * In a worker, before a request is served: appends the client's address to X-Forwarded-For on a
 * connection the primary handed over (as the proxy in front of the workers did; workerAddressEnv
 * reads it there), and forwards a request that belongs to another worker's game (a later request
 * on a kept-alive connection) to that worker. True when the request was forwarded.
 * @param {import('node:http').IncomingMessage} req
 * @param {import('node:http').ServerResponse} res
 * @param {number} self this worker's index
 * @returns {boolean}
 */
export function forwardIfStray(req, res, self) {
	// An error here would end the worker and every game in it: it becomes a 500 reply instead.
	try {
		return routeStray(req, res, self);
	} catch (err) {
		failed(res, err);
		return true;
	}
}

/**
 * Replies 500 to a request whose routing failed (or ends a reply already begun).
 * @param {import('node:http').ServerResponse} res
 * @param {unknown} err
 */
function failed(res, err) {
	console.error('Forwarding a request:', err);
	if (!res.headersSent) {
		res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
		res.end('Internal error.');
	} else res.destroy();
}

/**
 * forwardIfStray's work, which may throw.
 * @param {import('node:http').IncomingMessage} req
 * @param {import('node:http').ServerResponse} res
 * @param {number} self
 * @returns {boolean}
 */
function routeStray(req, res, self) {
	// @ts-expect-error a mark of this module's own
	const handed = req.socket[HANDED];
	if (!handed) return false;
	const address = req.socket.remoteAddress ?? '';
	const earlier = req.headers['x-forwarded-for'];
	req.headers['x-forwarded-for'] = earlier ? `${earlier}, ${address}` : address;
	const first = handed.first;
	handed.first = false;
	if (first && handed.routed) return false;
	const count = workerPorts.length;
	if (count < 2) return false;
	// A target that is not a URL names no game: the app refuses it as it does in one process.
	const pathname = pathnameOf(req.url ?? '/');
	if (pathname === null) return false;
	if (req.method === 'POST' && JOIN_POSTS.test(pathname)) {
		readBody(req, JOIN_BODY_LIMIT)
			.then(async (body) => {
				if (body === null) {
					const { type, text } = joinTooLarge(pathname);
					res.writeHead(413, { 'content-type': type, connection: 'close' });
					res.end(text);
					return;
				}
				const owner = (await ownerOfJoinBody(body, req.headers['content-type'], count)) ?? self;
				const port = workerPorts[owner] ?? workerPorts[self];
				if (port === null || port === undefined) {
					restarting(res, 503);
					return;
				}
				forward(req, res, port, body);
			})
			.catch((err) => failed(res, err));
		return true;
	}
	/** @type {number | null} */
	let owner;
	if (req.method === 'POST' && CREATE_POSTS.test(pathname)) {
		// A new game lives in the worker that creates it. The primary sends a connection's first
		// request to the workers in turn; later ones on the same connection are spread here, each
		// worker starting with itself, so one teacher's games do not all land on one worker.
		owner = (self + createTurn) % count;
		createTurn = (createTurn + 1) % count;
	} else owner = ownerOfPath(pathname, count);
	if (owner === null || owner === self) return false;
	const port = workerPorts[owner];
	if (port === null || port === undefined) {
		restarting(res, 503);
		return true;
	}
	forward(req, res, port);
	return true;
}
