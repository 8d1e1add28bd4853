/**
 * The benchmark's small HTTP client: requests on keep-alive sockets (one socket per phone), JSON
 * and form posts as browsers send them, cookies, and event streams read as the live pages read
 * them. One process plays every bot, so bots parse and react one per turn of the event loop
 * (`defer`).
 */
import http from 'node:http';
import type { WireQuestion } from '../../src/lib/game/wire';

/** Every server of the benchmark listens on the loopback. */
export const HOST = '127.0.0.1';

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The bots' deferred work (parsing an event and reacting to it), oldest first. */
const deferred: (() => void)[] = [];
let deferredNext = 0;

/**
 * Runs `task` later, one task per turn of the event loop. One process plays every phone, so
 * between two phones' work the loop reads the sockets that are ready: an event's or a reply's
 * arrival is stamped when its bytes reach the bot, not after every other phone's parsing and
 * answering that came due in the same turn (what a phone of its own would see). Immediates
 * queued while the check phase runs wait for the next turn, after the poll phase.
 */
export function defer(task: () => void): void {
	deferred.push(task);
	if (deferred.length - deferredNext === 1) setImmediate(runDeferred);
}

function runDeferred(): void {
	const task = deferred[deferredNext++];
	if (deferredNext === deferred.length) {
		deferred.length = 0;
		deferredNext = 0;
	} else {
		setImmediate(runDeferred);
	}
	task();
}

/** Polls `check` every `every` ms until it is true; false when `timeoutMs` passed. */
export async function until(check: () => boolean, timeoutMs: number, every = 20): Promise<boolean> {
	const end = Date.now() + timeoutMs;
	while (!check()) {
		if (Date.now() > end) return false;
		await sleep(every);
	}
	return true;
}

// ------------------------------------------------------------------ HTTP client

/** Keep-alive sockets for ordinary requests (hosts, solo players, the throughput test). */
export const agent = new http.Agent({ keepAlive: true, maxSockets: Infinity });

/**
 * A phone's own connection: a live player joins and answers on one keep-alive socket, as a browser
 * does with the page's connection, instead of drawing from a shared pool (which, when a whole class
 * answers at once, opens new connections that no phone would).
 */
export const phoneAgent = () => new http.Agent({ keepAlive: true, maxSockets: 1 });

export interface Reply {
	status: number;
	headers: http.IncomingHttpHeaders;
	body: string;
}

export function request(
	port: number,
	method: string,
	path: string,
	headers: Record<string, string>,
	body?: string,
	timeoutMs = 30_000,
	via: http.Agent = agent
): Promise<Reply> {
	return new Promise((resolveReply, reject) => {
		const req = http.request(
			{ host: HOST, port, method, path, agent: via, headers, timeout: timeoutMs },
			(res) => {
				const chunks: Buffer[] = [];
				res.on('data', (c: Buffer) => chunks.push(c));
				res.on('end', () =>
					resolveReply({
						status: res.statusCode ?? 0,
						headers: res.headers,
						body: Buffer.concat(chunks).toString('utf8')
					})
				);
				res.on('error', reject);
			}
		);
		req.on('timeout', () => req.destroy(new Error('timeout')));
		req.on('error', (e: NodeJS.ErrnoException) => {
			// A keep-alive socket the server closed just as it was reused (a client-side race).
			reject(new Error(`${e.code ?? e.message}${req.reusedSocket ? ' (reused socket)' : ''}`));
		});
		req.end(body);
	});
}

export function postJson(
	port: number,
	path: string,
	cookie: string | undefined,
	value: unknown,
	via: http.Agent = agent
) {
	const headers: Record<string, string> = { 'content-type': 'application/json' };
	if (cookie) headers.cookie = cookie;
	return request(port, 'POST', path, headers, JSON.stringify(value), 30_000, via);
}

/** `name=value` of the first Set-Cookie whose name starts with `prefix`. */
export function cookieFrom(reply: Reply, prefix: string): string | undefined {
	for (const line of reply.headers['set-cookie'] ?? []) {
		const pair = line.split(';')[0];
		if (pair.startsWith(prefix)) return pair;
	}
	return undefined;
}

/** Minimal view fields the bench reads (see docs/api.md). */
export interface View {
	version: number;
	phase: string;
	index: number;
	game?: { id: string };
	question: null | {
		index: number;
		deadline: number | null;
		question: WireQuestion;
	};
}

export interface Received {
	at: number;
	phase: string;
	index: number;
	version: number;
	bytes: number;
}

/** One event stream, read with node:http on its own socket; every `state` event is recorded. */
export class Stream {
	events: Received[] = [];
	heartbeats = 0;
	bytes = 0;
	closed = false;
	status = 0;
	error: string | null = null;
	last: View | null = null;
	private req: http.ClientRequest | null = null;

	constructor(private readonly onView: (view: View) => void = () => {}) {}

	open(port: number, path: string, cookie: string): Promise<void> {
		return new Promise((resolveOpen) => {
			let buffer = '';
			const req = http.get(
				{
					host: HOST,
					port,
					path,
					agent: false,
					headers: { cookie, accept: 'text/event-stream' }
				},
				(res) => {
					this.status = res.statusCode ?? 0;
					resolveOpen();
					res.setEncoding('utf8');
					res.on('data', (chunk: string) => {
						// Arrival is when the bytes are read; the bot parses and reacts after the sockets that
						// are ready have been read: one process plays every phone, and one phone's parsing or
						// reaction should not delay when the next phone receives its event.
						const at = performance.now();
						this.bytes += Buffer.byteLength(chunk);
						buffer += chunk;
						let cut: number;
						while ((cut = buffer.indexOf('\n\n')) >= 0) {
							const text = buffer.slice(0, cut);
							defer(() => this.block(text, at));
							buffer = buffer.slice(cut + 2);
						}
					});
					res.on('end', () => (this.closed = true));
					res.on('error', (e) => {
						this.error ??= e.message;
						this.closed = true;
					});
				}
			);
			req.on('error', (e) => {
				this.error ??= e.message;
				this.closed = true;
				resolveOpen();
			});
			this.req = req;
		});
	}

	private block(text: string, at: number) {
		let event = 'message';
		let data = '';
		for (const line of text.split('\n')) {
			if (line.startsWith(':')) {
				if (line.includes('heartbeat')) this.heartbeats++;
			} else if (line.startsWith('event:')) event = line.slice(6).trim();
			else if (line.startsWith('data:')) data += line.slice(5).trimStart();
		}
		if (event !== 'state' || data === '') return;
		const view = JSON.parse(data) as View;
		this.last = view;
		this.events.push({
			at,
			phase: view.phase,
			index: view.index,
			version: view.version,
			bytes: Buffer.byteLength(data)
		});
		this.onView(view);
	}

	close() {
		this.req?.destroy();
		this.closed = true;
	}
}

/**
 * A form posted as a browser posts it from the page (url-encoded, same origin); `headers` adds
 * what the kind of page sends (an HTML `accept`, or SvelteKit's action headers, and cookies).
 */
export function postForm(
	port: number,
	path: string,
	fields: Record<string, string>,
	headers: Record<string, string> = {}
): Promise<Reply> {
	return request(
		port,
		'POST',
		path,
		{
			'content-type': 'application/x-www-form-urlencoded',
			origin: `http://${HOST}:${port}`,
			...headers
		},
		new URLSearchParams(fields).toString()
	);
}
