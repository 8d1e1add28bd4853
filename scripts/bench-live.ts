/**
 * npm run bench [-- --quick] [--repeat=3] [--port=4190] [--workers=1]
 * npx tsx scripts/bench-live.ts [players...] [--spread=2000] [--questions=3] [--seconds=20]
 *
 * The performance story of Slant in one run, over HTTP exactly as browsers play, against the real
 * server (`node scripts/serve.js`, under the build lock, which builds when stale) on 127.0.0.1
 * with a fresh temporary database per scenario. Without player counts it runs, `--repeat` times
 * interleaved (scenario after scenario, then again), and prints the median of each figure:
 *
 * - live games of 200 and 1000 players, answering 0-2 s after they see each question ("think")
 *   or all at the moment it arrives ("burst"); 10 games of 100 players at once;
 * - solo play: 50 players at once, each playing 10-question rounds through the form actions as the
 *   enhanced page does (0-2 s think time);
 * - answer throughput: the live answer endpoint saturated by 50 connections, and a bare node:http
 *   + better-sqlite3 server (scripts/bench-bare.js) measured the same way in the same run,
 *   interleaved, with the ratio of the two;
 * - the bare fan-out reference: the same bare server writes one 1.2 KB event to 200 and to 1000
 *   event streams read by the same bots, the floor of a live game's fan-out on this machine.
 *
 * Each live bot joins and answers on its own keep-alive connection (as a phone's browser does)
 * and reads its event stream on another. One process plays every bot, so a bot stamps an event's
 * arrival when its bytes are read, and the bots parse and react one per turn of the event loop
 * (`defer`), so that the sockets that are ready (other bots' events, answer replies) are read
 * between two bots' work rather than after all of it.
 *
 * Figures: join and answer latency, fan-out to the last player (from the host's command, or for
 * the reveal from the last answer's reply) and its spread across players, the server's own side
 * of a fan-out (from the first view built to the last event written, recorded by the server),
 * the server's own answer time (from a request's parsed headers to the end of its reply),
 * bytes sent per player
 * per phase, server CPU seconds, peak RSS, event-loop delay (served by serve.js on the loopback
 * /__debug/stats when SLANT_DEBUG_STATS=1), and answers sent vs acknowledged vs stored.
 * - rounds after an import: the PTC train set (PTC_DIR) imported into the running server's database,
 *   then games created one at a time and all at once; event-loop delay meanwhile (`--stall` runs
 *   only this).
 *
 * `--only=<text>` keeps the scenarios whose name contains the text (e.g. `--only=solo`).
 * `--workers=N` runs the server with WORKERS=N (N worker processes behind one port; CPU time and
 * memory are then the primary's and the workers' added up, loop delays the worst of them).
 * `--quick` runs a smaller set once (200 players, 20 solo players, a short throughput test).
 * With player counts it runs one live game per count, with `--spread` ms of think time.
 *
 * Hosts sign up as teachers (POST /api/auth/sign-up) and create games with their session cookie.
 * Nothing is asserted on time. Loopback only; every wait is bounded; servers are stopped at the
 * end (their process groups). BENCH_NODE_ARGS (e.g. "--cpu-prof --cpu-prof-dir=prof") passes
 * flags to the server's node.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash, randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import * as devalue from 'devalue';
import { decodeQuestion, type WireQuestion } from '../src/lib/game/wire';
import { importContent } from '../src/lib/server/content';
import { openDatabase } from '../src/lib/server/db/open';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const HOST = '127.0.0.1';
/** The build lock of this checkout (the same as tests/liveServer.ts). */
const LOCK = join(
	tmpdir(),
	`slant-e2e-${createHash('sha1').update(ROOT.replace(/\/$/, '')).digest('hex').slice(0, 10)}.lock`
);

interface Options {
	players: number[];
	questions: number;
	spreadMs: number;
	seconds: number;
	port: number;
	quick: boolean;
	/** Only the event-loop delay while building rounds after the PTC import. */
	stall: boolean;
	/** Only the scenarios whose name contains this text (`--only=solo`). */
	only: string;
	repeat: number;
	/** WORKERS for the server (1: one process). */
	workers: number;
}

function parseArgs(argv: string[]): Options {
	const opts: Options = {
		players: [],
		questions: 3,
		spreadMs: 2000,
		seconds: 20,
		port: Number(process.env.E2E_PORT ?? 4190),
		quick: false,
		stall: false,
		only: '',
		repeat: 0,
		workers: 1
	};
	for (const arg of argv) {
		const m = /^--(\w+)=(\d+)$/.exec(arg);
		if (arg === '--quick') opts.quick = true;
		else if (arg === '--stall') opts.stall = true;
		else if (arg.startsWith('--only=')) opts.only = arg.slice('--only='.length);
		else if (m) {
			const value = Number(m[2]);
			if (m[1] === 'questions') opts.questions = Math.min(Math.max(value, 1), 10);
			else if (m[1] === 'spread') opts.spreadMs = Math.min(value, 60_000);
			else if (m[1] === 'seconds') opts.seconds = Math.min(Math.max(value, 5), 600);
			else if (m[1] === 'port') opts.port = value;
			else if (m[1] === 'repeat') opts.repeat = Math.min(Math.max(value, 1), 9);
			else if (m[1] === 'workers') opts.workers = Math.min(Math.max(value, 1), 64);
			else throw new Error(`Unknown option ${arg}`);
		} else if (/^\d+$/.test(arg)) {
			opts.players.push(Math.min(Math.max(Number(arg), 1), 5000));
		} else {
			throw new Error(`Unknown argument ${arg}`);
		}
	}
	if (opts.repeat === 0) opts.repeat = opts.quick || opts.players.length > 0 ? 1 : 3;
	return opts;
}

// ------------------------------------------------------------------ small helpers

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function percentile(sorted: number[], p: number): number {
	if (sorted.length === 0) return NaN;
	return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

function stats(values: number[]) {
	const s = [...values].sort((a, b) => a - b);
	return {
		n: s.length,
		p50: percentile(s, 50),
		p95: percentile(s, 95),
		p99: percentile(s, 99),
		max: s.length ? s[s.length - 1] : NaN
	};
}

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
function defer(task: () => void): void {
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
async function until(check: () => boolean, timeoutMs: number, every = 20): Promise<boolean> {
	const end = Date.now() + timeoutMs;
	while (!check()) {
		if (Date.now() > end) return false;
		await sleep(every);
	}
	return true;
}

// ------------------------------------------------------------------ HTTP client

/** Keep-alive sockets for ordinary requests (hosts, solo players, the throughput test). */
const agent = new http.Agent({ keepAlive: true, maxSockets: Infinity });

/**
 * A phone's own connection: a live player joins and answers on one keep-alive socket, as a browser
 * does with the page's connection, instead of drawing from a shared pool (which, when a whole class
 * answers at once, opens new connections that no phone would).
 */
const phoneAgent = () => new http.Agent({ keepAlive: true, maxSockets: 1 });

interface Reply {
	status: number;
	headers: http.IncomingHttpHeaders;
	body: string;
}

function request(
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

function postJson(
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
function cookieFrom(reply: Reply, prefix: string): string | undefined {
	for (const line of reply.headers['set-cookie'] ?? []) {
		const pair = line.split(';')[0];
		if (pair.startsWith(prefix)) return pair;
	}
	return undefined;
}

/** Minimal view fields the bench reads (see docs/api.md). */
interface View {
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

interface Received {
	at: number;
	phase: string;
	index: number;
	version: number;
	bytes: number;
}

/** One event stream, read with node:http on its own socket; every `state` event is recorded. */
class Stream {
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

// ------------------------------------------------------------------ server process

interface Server {
	proc: ChildProcess;
	pid: number;
	port: number;
	dbPath: string;
	dir: string;
	log: string[];
}

/** The node process flock runs (a child of the flock process). */
function childPid(parent: number): number | null {
	try {
		const kids = readFileSync(`/proc/${parent}/task/${parent}/children`, 'utf8').trim();
		return kids ? Number(kids.split(/\s+/)[0]) : null;
	} catch {
		return null;
	}
}

/** A few TcpExt counters of this machine (listen-queue overflows, resets on closed sockets). */
function tcpCounters(): Record<string, number> {
	const wanted = ['ListenOverflows', 'ListenDrops', 'TCPAbortOnData', 'TCPAbortOnClose'];
	try {
		const lines = readFileSync('/proc/net/netstat', 'utf8').split('\n');
		const names = lines.find((l) => l.startsWith('TcpExt:'))?.split(' ') ?? [];
		const values = lines.filter((l) => l.startsWith('TcpExt:'))[1]?.split(' ') ?? [];
		return Object.fromEntries(wanted.map((w) => [w, Number(values[names.indexOf(w)] ?? NaN)]));
	} catch {
		return {};
	}
}

/**
 * Starts `node scripts/serve.js` under the build lock (held for the server's whole life, so no
 * other build replaces build/ while it serves); serve.js builds first when the build is stale.
 */
async function startServer(port: number, workers: number): Promise<Server> {
	const dir = mkdtempSync(join(tmpdir(), 'slant-bench-live-'));
	const dbPath = join(dir, 'slant.db');
	const env: NodeJS.ProcessEnv = {
		// Every bot plays from 127.0.0.1, and the largest game has 1000 players: the per-address and
		// per-game limits (defaults for a school behind one address, see the README) are lifted.
		LIMIT_PLAYERS_PER_GAME: '5000',
		LIMIT_JOINS_PER_MINUTE: '1000000',
		LIMIT_STREAMS_PER_ADDRESS: '100000',
		...process.env,
		PORT: String(port),
		HOST,
		ORIGIN: `http://${HOST}:${port}`,
		DATABASE_URL: dbPath,
		NODE_ENV: 'production',
		SLANT_DEBUG_STATS: '1',
		WORKERS: String(workers)
	};
	// BENCH_NODE_ARGS="--cpu-prof --cpu-prof-dir=/some/dir" profiles the server (diagnosis only).
	const nodeArgs = (process.env.BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean);
	const proc = spawn('flock', ['-w', '900', LOCK, 'node', ...nodeArgs, 'scripts/serve.js'], {
		cwd: ROOT,
		env,
		detached: true,
		stdio: ['ignore', 'pipe', 'pipe']
	});
	const log: string[] = [];
	const keep = (b: Buffer) => {
		log.push(b.toString());
		if (log.length > 200) log.shift();
	};
	proc.stdout?.on('data', keep);
	proc.stderr?.on('data', keep);
	const server: Server = { proc, pid: 0, port, dbPath, dir, log };
	const ready = await until(() => log.join('').includes('Slant is listening'), 900_000, 100);
	const pid = childPid(proc.pid ?? 0);
	if (!ready || !pid || proc.exitCode !== null) {
		await stopServer(server);
		throw new Error(`The server did not start:\n${log.join('')}`);
	}
	server.pid = pid;
	return server;
}

/** SIGTERM to the process group, SIGKILL after 5 s. */
async function stopServer(server: Server): Promise<void> {
	const pgid = server.proc.pid;
	if (pgid && server.proc.exitCode === null) {
		try {
			process.kill(-pgid, 'SIGTERM');
		} catch {
			// already gone
		}
		const gone = await until(() => server.proc.exitCode !== null, 5000, 50);
		if (!gone) {
			try {
				process.kill(-pgid, 'SIGKILL');
			} catch {
				// already gone
			}
			await until(() => server.proc.exitCode !== null, 2000, 50);
		}
	}
	rmSync(server.dir, { recursive: true, force: true });
}

/** What serve.js reports on /__debug/stats (see scripts/debugStats.js). */
interface ServerStats {
	eventLoopDelay: { samples: number; p50: number; p99: number; max: number };
	cpuSeconds: number;
	/** Share of the time since the last reset that the event loop was busy (0-1). */
	loopBusy?: number;
	rssMb: number;
	peakRssMb: number;
	/** Phase changes: streams written to, ms to build and write every event. */
	fanouts?: { streams: number; ms: number }[];
	/** Answer requests: ms from their parsed headers to the end of their reply, on the server. */
	answerMs?: number[];
}

/** The server's figures; `reset` starts a new event-loop delay window. */
async function serverStats(port: number, reset: boolean): Promise<ServerStats> {
	const reply = await request(port, 'GET', `/__debug/stats${reset ? '?reset=1' : ''}`, {});
	if (reply.status !== 200) throw new Error(`/__debug/stats: ${reply.status}`);
	return JSON.parse(reply.body) as ServerStats;
}

/** CPU seconds (user + system) a process has used so far, from /proc (Linux). */
function processCpuSeconds(pid: number): number {
	const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
	// utime and stime are fields 14 and 15 of the whole line, in clock ticks (100 per second).
	return (Number(fields[11]) + Number(fields[12])) / 100;
}

/** Starts the bare reference server (scripts/bench-bare.js) on a fresh database file. */
async function startBare(port: number): Promise<Server> {
	const dir = mkdtempSync(join(tmpdir(), 'slant-bench-bare-'));
	const dbPath = join(dir, 'bare.db');
	const proc = spawn('node', ['scripts/bench-bare.js', String(port), dbPath], {
		cwd: ROOT,
		detached: true,
		stdio: ['ignore', 'pipe', 'pipe']
	});
	const log: string[] = [];
	proc.stdout?.on('data', (b: Buffer) => log.push(b.toString()));
	proc.stderr?.on('data', (b: Buffer) => log.push(b.toString()));
	const server: Server = { proc, pid: proc.pid ?? 0, port, dbPath, dir, log };
	if (!(await until(() => log.join('').includes('listening'), 30_000, 50))) {
		await stopServer(server);
		throw new Error(`The bare reference did not start:\n${log.join('')}`);
	}
	return server;
}
// ------------------------------------------------------------------ one live game

interface AnswerOutcome {
	player: number;
	question: number;
	sentAt: number;
	doneAt: number;
	status: number;
	code: string;
	replayed: boolean;
}

/** One phase change as the players saw it. */
interface Fanout {
	phase: string;
	question: number;
	/** From the trigger (host command sent, or the last answer's reply) to the last player. */
	toLast: number;
	/** From the first player to the last. */
	spread: number;
}

interface GameResult {
	players: number;
	joinLatencies: number[];
	joinErrors: Map<string, number>;
	answers: AnswerOutcome[];
	/** Network errors on answer attempts (each retried like the phone page does). */
	networkErrors: Map<string, number>;
	fanouts: Fanout[];
	/** Bytes of `state` event data received per player, by phase (summed over the game). */
	bytesByPhase: Map<string, number[]>;
	/** Events received per player, by phase. */
	eventsByPhase: Map<string, number[]>;
	streamErrors: number;
	streamsClosedAtEnd: number;
	streamCount: number;
	db: { stored: number; timedOut: number; duplicates: number; players: number };
	clientDoubleAccepted: number;
}

/** Tokens of a solo view's excerpt (solo views carry the tokens themselves). */
function tokenCount(excerpt: { tokens?: unknown[] }): number {
	return excerpt.tokens?.length ?? 1;
}

/**
 * Questions as the browser decodes them, per game and question: every bot of a game receives the
 * same question, and one process plays them all, so decoding it once per bot would charge the
 * decoding of a thousand phones to the fan-out of the last one.
 */
const decoded = new Map<string, ReturnType<typeof decodeQuestion>>();

/** A random answer to the view's question, picked from the question as a browser decodes it. */
function randomResponse(view: View): unknown {
	const wire = view.question?.question;
	if (!wire) return null;
	const key = `${view.game?.id}:${view.question?.index}`;
	let q = decoded.get(key);
	if (!q) decoded.set(key, (q = decodeQuestion(wire)));
	if (q.kind === 'name') {
		return { kind: 'name', techniqueId: q.choices[Math.floor(Math.random() * q.choices.length)] };
	}
	if (q.kind === 'judge') return { kind: 'judge', loaded: Math.random() < 0.5 };
	const n = Math.max(1, q.excerpt.tokens.length);
	const start = Math.floor(Math.random() * Math.max(1, n - 1));
	const end = Math.min(n, start + 1 + Math.floor(Math.random() * 6));
	return { kind: 'find', range: [start, end] };
}

/** A new teacher account's session cookie (`name=value`). */
async function signUpTeacher(port: number): Promise<string> {
	const signUp = await postJson(port, '/api/auth/sign-up', undefined, {
		email: `bench-${randomUUID()}@bench.example`,
		password: 'benchmark teacher password'
	});
	const cookie = cookieFrom(signUp, 'slant_session=');
	if (signUp.status !== 201 || !cookie) {
		throw new Error(`Signing up failed: ${signUp.status} ${signUp.body.slice(0, 300)}`);
	}
	return cookie;
}

/**
 * A live game created as a teacher does it: a teacher account first (hosting needs one; signed up
 * through POST /api/auth/sign-up, as a script would), then the /host form action (as the host page
 * posts it) with the session cookie.
 */
async function createLiveGame(port: number, questions: number, seconds: number, session?: string) {
	const hostCookie = session ?? (await signUpTeacher(port));
	const form = new URLSearchParams({
		mode: 'live',
		content: 'all',
		count: String(questions),
		seconds: String(seconds),
		scoring: 'speed',
		streaks: 'on'
	}).toString();
	const created = await request(
		port,
		'POST',
		'/host',
		{
			// What a browser sends for a form without JavaScript: an HTML page (here a 303) back.
			accept: 'text/html,application/xhtml+xml',
			'content-type': 'application/x-www-form-urlencoded',
			origin: `http://${HOST}:${port}`,
			cookie: hostCookie
		},
		form
	);
	const location = String(created.headers.location ?? '');
	const gameId = /\/host\/([^/?]+)/.exec(location)?.[1];
	if (created.status !== 303 || !gameId) {
		throw new Error(`Creating the game failed: ${created.status} ${created.body.slice(0, 300)}`);
	}
	const hostState = await request(port, 'GET', `/api/live/host/${gameId}/state`, {
		cookie: hostCookie
	});
	const code = (JSON.parse(hostState.body) as { game: { code: string } }).game.code;
	const command = async (name: string) => {
		const reply = await postJson(port, `/api/live/host/${gameId}/command`, hostCookie, {
			command: name
		});
		if (reply.status !== 200) {
			throw new Error(`Host command ${name}: ${reply.status} ${reply.body.slice(0, 200)}`);
		}
	};
	return { gameId, hostCookie, code, command };
}

/** Joins `n` players (at most 100 requests in flight, like a class typing the code at once). */
async function joinPlayers(port: number, gameId: string, code: string, n: number) {
	const cookies: string[] = new Array(n);
	const phones = Array.from({ length: n }, phoneAgent);
	const latencies: number[] = [];
	const errors = new Map<string, number>();
	let next = 0;
	await Promise.all(
		Array.from({ length: Math.min(100, n) }, async () => {
			while (next < n) {
				const i = next++;
				const t0 = performance.now();
				try {
					const reply = await postJson(
						port,
						'/api/live/join',
						undefined,
						{ code, nickname: `Player ${i + 1}` },
						phones[i]
					);
					latencies.push(performance.now() - t0);
					const cookie = cookieFrom(reply, `slant_player_${gameId}=`);
					if (reply.status === 200 && cookie) cookies[i] = cookie;
					else {
						const key = `${reply.status} ${(JSON.parse(reply.body) as { code?: string }).code ?? ''}`;
						errors.set(key, (errors.get(key) ?? 0) + 1);
					}
				} catch (e) {
					const key = `network ${(e as Error).message}`;
					errors.set(key, (errors.get(key) ?? 0) + 1);
				}
			}
		})
	);
	return { cookies, phones, latencies, errors };
}

/** One answer POST as the phone page sends it: up to 3 attempts on a network error. */
async function sendAnswer(
	port: number,
	code: string,
	cookie: string,
	body: unknown,
	networkErrors: Map<string, number>,
	phone: http.Agent
) {
	let status = 0;
	let errCode = '';
	let replayed = false;
	for (let attempt = 0; attempt < 3; attempt++) {
		try {
			const reply = await postJson(port, `/api/live/play/${code}/answer`, cookie, body, phone);
			status = reply.status;
			const parsed = JSON.parse(reply.body) as { code?: string; replayed?: boolean };
			errCode = parsed.code ?? '';
			replayed = parsed.replayed === true;
			break;
		} catch (e) {
			errCode = (e as Error).message;
			networkErrors.set(errCode, (networkErrors.get(errCode) ?? 0) + 1);
			await sleep(500 * (attempt + 1));
		}
	}
	return { status, code: errCode, replayed };
}

/** Counts in the database for one game, read after it (WAL: readable while the server runs). */
function dbFigures(dbPath: string, gameId: string) {
	const db = new Database(dbPath, { readonly: true, fileMustExist: true });
	const one = (sql: string) => (db.prepare(sql).get(gameId) as { n: number }).n;
	const figures = {
		stored: one('select count(*) as n from answers where game_id = ? and request_id is not null'),
		timedOut: one('select count(*) as n from answers where game_id = ? and timed_out = 1'),
		duplicates: one(
			'select count(*) as n from (select player_id, question_index from answers where game_id = ? group by player_id, question_index having count(*) > 1)'
		),
		players: one('select count(*) as n from players where game_id = ?')
	};
	db.close();
	return figures;
}

/**
 * Plays one live game: host creates it, `n` players join and open their streams, then (after
 * `ready`, which lets several games start together) the host starts; every player answers each
 * question once, `spreadMs` at most after its stream shows it; the host moves on once every
 * stream has shown the reveal, then the leaderboard.
 */
async function playGame(
	opts: Options,
	n: number,
	spreadMs: number,
	server: Server,
	ready: () => Promise<void> = async () => {}
): Promise<GameResult> {
	const { port } = server;
	const { gameId, hostCookie, code, command } = await createLiveGame(
		port,
		opts.questions,
		opts.seconds
	);
	const hostStream = new Stream();
	await hostStream.open(port, `/api/live/host/${gameId}/events`, hostCookie);
	const joined = await joinPlayers(port, gameId, code, n);
	const { cookies, phones } = joined;

	const outcomes: AnswerOutcome[] = [];
	const networkErrors = new Map<string, number>();
	const answeredBy = new Set<string>();
	const pending = new Set<Promise<void>>();
	const answer = (player: number, view: View) => {
		const question = view.question?.index ?? -1;
		const key = `${player}:${question}`;
		if (view.phase !== 'question' || question < 0 || answeredBy.has(key)) return;
		answeredBy.add(key);
		const delay = Math.random() * spreadMs;
		const body = {
			questionIndex: question,
			requestId: `bench-${player}-${question}`,
			response: randomResponse(view)
		};
		const task = (async () => {
			if (delay > 0) await sleep(delay);
			const sentAt = performance.now();
			const reply = await sendAnswer(
				port,
				code,
				cookies[player],
				body,
				networkErrors,
				phones[player]
			);
			outcomes.push({ player, question, sentAt, doneAt: performance.now(), ...reply });
		})();
		pending.add(task);
		void task.finally(() => pending.delete(task));
	};
	const seated = cookies.map((c, i) => (c ? i : -1)).filter((i) => i >= 0);
	const streams = new Map<number, Stream>();
	for (let k = 0; k < seated.length; k += 100) {
		await Promise.all(
			seated.slice(k, k + 100).map((i) => {
				const stream = new Stream((view) => answer(i, view));
				streams.set(i, stream);
				return stream.open(port, `/api/live/play/${code}/events`, cookies[i]);
			})
		);
	}
	const all = [...streams.values()];
	await until(() => all.every((s) => s.events.length > 0 || s.closed), 60_000);
	await ready();

	// Host drives the game: start; after each reveal reached every stream, next (leaderboard),
	// then next (the following question, or the podium after the last); finally end.
	const reached = (phase: string, index: number) =>
		all.every((s) => s.closed || s.events.some((e) => e.phase === phase && e.index === index));
	const windowMs = (opts.seconds + 5) * 1000;
	const triggers: { phase: string; question: number; at: number }[] = [];
	const timed = async (name: string, phase: string, question: number) => {
		triggers.push({ phase, question, at: performance.now() });
		await command(name);
	};
	await timed('start', 'question', 0);
	for (let q = 0; q < opts.questions; q++) {
		if (!(await until(() => reached('reveal', q), windowMs))) {
			console.error(`  question ${q + 1}: not every stream saw the reveal in time`);
		}
		await until(() => pending.size === 0, 30_000);
		await timed('next', 'leaderboard', q);
		await until(() => reached('leaderboard', q), 30_000);
		if (q + 1 < opts.questions) {
			await timed('next', 'question', q + 1);
			await until(() => reached('question', q + 1), 30_000);
		} else {
			await command('next');
		}
	}
	await until(() => reached('podium', opts.questions - 1), 30_000);
	await command('end');
	await until(() => all.every((s) => s.closed) && hostStream.closed, 30_000);

	// Fan-out: every phase change, from its trigger to the last stream that showed it.
	const arrivals = (phase: string, q: number) =>
		all
			.map((s) => s.events.find((e) => e.phase === phase && e.index === q)?.at)
			.filter((t): t is number => t !== undefined);
	const fanouts: Fanout[] = [];
	for (const t of triggers) {
		const at = arrivals(t.phase, t.question);
		if (at.length === 0) continue;
		fanouts.push({
			phase: t.phase,
			question: t.question,
			toLast: Math.max(...at) - t.at,
			spread: Math.max(...at) - Math.min(...at)
		});
	}
	for (let q = 0; q < opts.questions; q++) {
		const at = arrivals('reveal', q);
		const replies = outcomes.filter((o) => o.question === q && o.status === 200);
		if (at.length === 0 || replies.length === 0) continue;
		fanouts.push({
			phase: 'reveal',
			question: q,
			toLast: Math.max(0, Math.max(...at) - Math.max(...replies.map((o) => o.doneAt))),
			spread: Math.max(...at) - Math.min(...at)
		});
	}
	for (const phone of phones) phone.destroy();
	const phases = ['lobby', 'question', 'reveal', 'leaderboard', 'podium', 'ended'];
	const perPhase = (f: (e: Received) => number) =>
		new Map(
			phases.map((p) => [
				p,
				all.map((s) => s.events.filter((e) => e.phase === p).reduce((sum, e) => sum + f(e), 0))
			])
		);
	const accepted = new Map<string, number>();
	for (const o of outcomes) {
		if (o.status === 200 && !o.replayed) {
			const key = `${o.player}:${o.question}`;
			accepted.set(key, (accepted.get(key) ?? 0) + 1);
		}
	}
	return {
		players: n,
		joinLatencies: joined.latencies,
		joinErrors: joined.errors,
		answers: outcomes,
		networkErrors,
		fanouts,
		bytesByPhase: perPhase((e) => e.bytes),
		eventsByPhase: perPhase(() => 1),
		streamErrors: all.filter((s) => s.error !== null || s.status !== 200).length,
		streamsClosedAtEnd: all.filter((s) => s.closed).length,
		streamCount: all.length,
		db: dbFigures(server.dbPath, gameId),
		clientDoubleAccepted: [...accepted.values()].filter((c) => c > 1).length
	};
}

// ------------------------------------------------------------------ figures

type Figures = Record<string, number>;

function fmtMap(map: Map<string, number>): string {
	return map.size === 0 ? 'none' : [...map.entries()].map(([k, v]) => `${k} ×${v}`).join(', ');
}

interface RunResult {
	figures: Figures;
	problems: string[];
	notes: string[];
}

const median = (values: number[]) =>
	percentile(
		[...values].sort((a, b) => a - b),
		50
	);
const maxOf = (values: number[]) => (values.length ? Math.max(...values) : NaN);

/** Figures of one or several games played at once on one server. */
function liveFigures(
	results: GameResult[],
	joins: ServerStats,
	game: ServerStats,
	start: ServerStats
): RunResult {
	const answers = results.flatMap((r) => r.answers);
	const ok = answers.filter((a) => a.status === 200);
	const lat = stats(ok.map((a) => a.doneAt - a.sentAt));
	const joinLat = stats(results.flatMap((r) => r.joinLatencies));
	const fan = results.flatMap((r) => r.fanouts);
	const fanOf = (phase: string) => fan.filter((f) => f.phase === phase);
	const figures: Figures = {
		'join p50': joinLat.p50,
		'join p99': joinLat.p99,
		'answer p50': lat.p50,
		'answer p99': lat.p99,
		'answer max': lat.max,
		'fan-out to last, question (median)': median(fanOf('question').map((f) => f.toLast)),
		'fan-out to last, reveal (median)': median(fanOf('reveal').map((f) => f.toLast)),
		'fan-out to last, leaderboard (median)': median(fanOf('leaderboard').map((f) => f.toLast)),
		'fan-out to last (max)': maxOf(fan.map((f) => f.toLast)),
		'fan-out spread (median)': median(fan.map((f) => f.spread)),
		'fan-out spread (max)': maxOf(fan.map((f) => f.spread))
	};
	const questions = Math.max(1, ...answers.map((a) => a.question + 1));
	for (const phase of ['question', 'reveal', 'leaderboard']) {
		const bytes = results.flatMap((r) => r.bytesByPhase.get(phase) ?? []);
		figures[`KB/player/${phase}`] = bytes.length ? median(bytes) / questions / 1024 : NaN;
	}
	// The server's own side of a fan-out: from the first view built to the last event written.
	const players = results[0]?.players ?? 0;
	const written = (game.fanouts ?? []).filter((f) => f.streams >= 0.9 * players).map((f) => f.ms);
	figures['server fan-out, build + write all (median)'] = median(written);
	figures['server fan-out, build + write all (max)'] = maxOf(written);
	const onServer = stats(game.answerMs ?? []);
	figures['server answer time p50'] = onServer.p50;
	figures['server answer time p99'] = onServer.p99;
	figures['server CPU s, joins'] = joins.cpuSeconds - start.cpuSeconds;
	figures['server CPU s, game'] = game.cpuSeconds - joins.cpuSeconds;
	figures['peak RSS MB'] = game.peakRssMb;
	figures['loop delay p99, joins'] = joins.eventLoopDelay.p99;
	figures['loop delay max, joins'] = joins.eventLoopDelay.max;
	figures['loop delay p99, game'] = game.eventLoopDelay.p99;
	figures['loop delay max, game'] = game.eventLoopDelay.max;
	const acked = ok.filter((a) => !a.replayed).length;
	const stored = results.reduce((s, r) => s + r.db.stored, 0);
	figures['answers sent'] = answers.length;
	figures['answers acked'] = acked;
	figures['answers stored'] = stored;
	const problems: string[] = [];
	const notes: string[] = [];
	if (stored !== acked) problems.push(`answers stored (${stored}) ≠ acknowledged (${acked})`);
	const dups = results.reduce((s, r) => s + r.db.duplicates + r.clientDoubleAccepted, 0);
	if (dups > 0) problems.push(`${dups} answers taken twice`);
	const errors = new Map<string, number>();
	for (const a of answers) {
		if (a.status === 200) continue;
		const key = `${a.status || 'network'} ${a.code}`.trim();
		errors.set(key, (errors.get(key) ?? 0) + 1);
	}
	if (errors.size) notes.push(`answer errors: ${fmtMap(errors)}`);
	const joinErrors = new Map<string, number>();
	for (const r of results)
		for (const [k, v] of r.joinErrors) joinErrors.set(k, (joinErrors.get(k) ?? 0) + v);
	if (joinErrors.size) notes.push(`join errors: ${fmtMap(joinErrors)}`);
	const netErrors = new Map<string, number>();
	for (const r of results)
		for (const [k, v] of r.networkErrors) netErrors.set(k, (netErrors.get(k) ?? 0) + v);
	if (netErrors.size)
		notes.push(`network errors (retried with the same requestId): ${fmtMap(netErrors)}`);
	const streamErrors = results.reduce((s, r) => s + r.streamErrors, 0);
	const unclosed = results.reduce((s, r) => s + r.streamCount - r.streamsClosedAtEnd, 0);
	if (streamErrors || unclosed)
		notes.push(`streams: ${streamErrors} with errors, ${unclosed} not closed at the end`);
	const perQuestion = results.flatMap((r) =>
		['question', 'reveal', 'leaderboard'].map((p) => median(r.eventsByPhase.get(p) ?? []))
	);
	notes.push(
		`state events per player per phase and question: ${[...new Set(perQuestion.map((v) => (v / questions).toFixed(2)))].join(', ')}`
	);
	return { figures, problems, notes };
}

/** One live scenario: a server, `games` games of `players` players started together. */
async function liveScenario(
	opts: Options,
	games: number,
	players: number,
	spreadMs: number
): Promise<RunResult> {
	const server = await startServer(opts.port, opts.workers);
	const guard = setTimeout(
		() => {
			console.error('Time limit reached: stopping.');
			void stopServer(server).then(() => process.exit(2));
		},
		(opts.questions * (opts.seconds + 60) + 240) * 1000
	);
	try {
		const tcpStart = tcpCounters();
		const start = await serverStats(opts.port, true);
		let joins: ServerStats | undefined;
		let arrived = 0;
		let release: () => void = () => {};
		const allReady = new Promise<void>((r) => (release = r));
		const ready = async () => {
			if (++arrived === games) {
				joins = await serverStats(opts.port, true);
				release();
			}
			await allReady;
		};
		const results = await Promise.all(
			Array.from({ length: games }, () => playGame(opts, players, spreadMs, server, ready))
		);
		const game = await serverStats(opts.port, false);
		const result = liveFigures(results, joins ?? start, game, start);
		const tcp = Object.entries(tcpCounters()).map(([k, v]) => `${k} +${v - (tcpStart[k] ?? 0)}`);
		result.notes.push(`TCP counters (machine-wide): ${tcp.join(', ')}`);
		return result;
	} catch (e) {
		console.error(`The server's last output:\n${server.log.join('').slice(-4000)}`);
		throw e;
	} finally {
		clearTimeout(guard);
		await stopServer(server);
	}
}

// ------------------------------------------------------------------ answer throughput

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
async function throughputScenario(
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

/**
 * The fan-out reference: the bare server (scripts/bench-bare.js) holds `counts` event streams,
 * read by the same bots as a live game's, and writes one event of `bytes` to all of them `rounds`
 * times; from the trigger to the last bot that read it, as a live game's fan-out is measured. What
 * is left of a live fan-out above this is Slant's own work.
 */
async function bareFanoutScenario(
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

// ------------------------------------------------------------------ solo play

interface SoloView {
	index: number;
	tags: string[];
	question: null | {
		kind: 'name' | 'find' | 'judge';
		choices?: string[];
		excerpt?: { tokens?: unknown[]; words?: number[] };
	};
	feedback: unknown;
	summary: unknown;
}

/** The page's data as the enhanced page reloads it (`__data.json`), decoded. */
async function soloData(port: number, id: string, cookie: string): Promise<SoloView> {
	const reply = await request(port, 'GET', `/play/${id}/__data.json?x-sveltekit-invalidated=11`, {
		cookie
	});
	const parsed = JSON.parse(reply.body) as { nodes: ({ type: string; data: unknown[] } | null)[] };
	const node = [...parsed.nodes].reverse().find((n) => n?.type === 'data');
	if (!node) throw new Error(`No page data: ${reply.body.slice(0, 200)}`);
	return (devalue.unflatten(node.data) as { view: SoloView }).view;
}

/** A form action posted as `use:enhance` posts it; the decoded action result. */
async function soloAction(
	port: number,
	id: string,
	cookie: string,
	name: string,
	fields: Record<string, string>
) {
	const reply = await request(
		port,
		'POST',
		`/play/${id}?/${name}`,
		{
			accept: 'application/json',
			'x-sveltekit-action': 'true',
			'content-type': 'application/x-www-form-urlencoded',
			origin: `http://${HOST}:${port}`,
			cookie
		},
		new URLSearchParams(fields).toString()
	);
	const result = JSON.parse(reply.body) as { type: string; status?: number; data?: string };
	const data = result.data ? (devalue.parse(result.data) as { view?: SoloView }) : undefined;
	return { type: result.type, status: result.status ?? reply.status, view: data?.view };
}

function soloAnswerFields(view: SoloView): Record<string, string> {
	const q = view.question;
	const index = String(view.index);
	if (!q || q.kind === 'judge') {
		return { index, kind: 'judge', verdict: Math.random() < 0.5 ? 'loaded' : 'straight' };
	}
	if (q.kind === 'name') {
		const choices = q.choices ?? [];
		return { index, kind: 'name', technique: choices[Math.floor(Math.random() * choices.length)] };
	}
	const n = q.excerpt ? tokenCount(q.excerpt) : 1;
	const start = Math.floor(Math.random() * Math.max(1, n - 1));
	return { index, kind: 'find', start: String(start), end: String(Math.min(n, start + 3)) };
}

/**
 * `players` solo players at once, each playing `rounds` rounds of 10 questions as the enhanced
 * page does: start, then per question read, think 0-`thinkMs`, answer, see the feedback (from the
 * action's response when it carries the view, otherwise by reloading the page data), next.
 */
async function soloScenario(
	opts: Options,
	players: number,
	rounds: number,
	thinkMs: number
): Promise<RunResult> {
	const server = await startServer(opts.port, opts.workers);
	const port = opts.port;
	try {
		const toFeedback: number[] = [];
		const actionOnly: number[] = [];
		const problems: string[] = [];
		let acked = 0;
		const start = await serverStats(port, true);
		const t0 = performance.now();
		await Promise.all(
			Array.from({ length: players }, async (_, p) => {
				for (let r = 0; r < rounds; r++) {
					const created = await request(
						port,
						'POST',
						'/play',
						{
							accept: 'text/html',
							'content-type': 'application/x-www-form-urlencoded',
							origin: `http://${HOST}:${port}`
						},
						new URLSearchParams({
							count: '10',
							timing: 'untimed',
							nickname: `Solo ${p}`
						}).toString()
					);
					const id = /\/play\/([^/?]+)/.exec(String(created.headers.location ?? ''))?.[1];
					const cookie = cookieFrom(created, 'slant_solo=');
					if (created.status !== 303 || !id || !cookie) {
						problems.push(`creating a solo game: ${created.status}`);
						return;
					}
					const started = await soloAction(port, id, cookie, 'start', {});
					let view = started.view ?? (await soloData(port, id, cookie));
					for (let guard = 0; guard < 30 && view.question; guard++) {
						if (thinkMs > 0) await sleep(Math.random() * thinkMs);
						const sent = performance.now();
						const answered = await soloAction(port, id, cookie, 'answer', soloAnswerFields(view));
						actionOnly.push(performance.now() - sent);
						if (answered.type !== 'success')
							problems.push(`answer: ${answered.type} ${answered.status}`);
						else acked++;
						view = answered.view ?? (await soloData(port, id, cookie));
						toFeedback.push(performance.now() - sent);
						const next = await soloAction(port, id, cookie, 'next', { index: String(view.index) });
						view = next.view ?? (await soloData(port, id, cookie));
					}
				}
			})
		);
		const wallMs = performance.now() - t0;
		const end = await serverStats(port, false);
		const db = new Database(server.dbPath, { readonly: true, fileMustExist: true });
		const stored = (
			db.prepare('select count(*) as n from answers where timed_out = 0').get() as { n: number }
		).n;
		db.close();
		if (stored !== acked) problems.push(`answers stored (${stored}) ≠ acknowledged (${acked})`);
		const fb = stats(toFeedback);
		const act = stats(actionOnly);
		return {
			figures: {
				'answer → feedback p50': fb.p50,
				'answer → feedback p99': fb.p99,
				'answer → feedback max': fb.max,
				'answer action alone p99': act.p99,
				'answers/s': (acked / wallMs) * 1000,
				'server CPU s': end.cpuSeconds - start.cpuSeconds,
				'peak RSS MB': end.peakRssMb,
				'loop delay p99': end.eventLoopDelay.p99,
				'loop delay max': end.eventLoopDelay.max,
				'answers acked': acked,
				'answers stored': stored
			},
			problems,
			notes: []
		};
	} catch (e) {
		console.error(`The server's last output:\n${server.log.join('').slice(-4000)}`);
		throw e;
	} finally {
		await stopServer(server);
	}
}

// ------------------------------------------------------------------ rounds after an import

/**
 * Event-loop delay while rounds are built from a large corpus: the PTC train set is imported into
 * the running server's database (from this process, as `npm run import` does from its own), then
 * hosts create `games` live games and players start `games` solo games, one after another and
 * then all at once. The server notices the new content by its signature and builds the first
 * round from it. Skipped when the PTC train set is absent.
 */
async function stallScenario(opts: Options, games: number): Promise<RunResult> {
	const ptc = resolve(process.env.PTC_DIR ?? '../shared/data/ptc');
	if (!existsSync(join(ptc, 'articles/train'))) {
		return { figures: {}, problems: [], notes: [`PTC train set not found at ${ptc}: skipped`] };
	}
	const server = await startServer(opts.port, opts.workers);
	const port = opts.port;
	try {
		// One teacher hosts every game: signing up (scrypt) is not what is measured here.
		const session = await signUpTeacher(port);
		await sleep(2000);
		// A control: the delay of the idle server on this (shared, loaded) machine.
		await serverStats(port, true);
		await sleep(3000);
		const idle = await serverStats(port, true);
		const t0 = performance.now();
		const db = openDatabase(server.dbPath);
		importContent(db, [join(ptc, 'articles/train'), join(ptc, 'labels/train-TC')]);
		db.$client.close();
		const importMs = performance.now() - t0;
		const createLive = async () => {
			const start = performance.now();
			await createLiveGame(port, 10, 20, session);
			return performance.now() - start;
		};
		const createSolo = async () => {
			const start = performance.now();
			const reply = await request(
				port,
				'POST',
				'/play',
				{
					accept: 'text/html',
					'content-type': 'application/x-www-form-urlencoded',
					origin: `http://${HOST}:${port}`
				},
				new URLSearchParams({ count: '10' }).toString()
			);
			if (reply.status !== 303) throw new Error(`Creating a solo game: ${reply.status}`);
			return performance.now() - start;
		};
		const first = await createLive();
		const sequential: number[] = [];
		for (let i = 0; i < games; i++) sequential.push(await createLive(), await createSolo());
		const together = await Promise.all(
			Array.from({ length: games }, (_, i) => (i % 2 ? createSolo() : createLive()))
		);
		const after = await serverStats(port, false);
		const seq = stats(sequential);
		const all = stats(together);
		return {
			figures: {
				'import (bench process) ms': importMs,
				'first game after the import ms': first,
				'then, one at a time: p50 ms': seq.p50,
				'then, one at a time: max ms': seq.max,
				[`${games} at once: max ms`]: all.max,
				'loop delay p99': after.eventLoopDelay.p99,
				'loop delay max': after.eventLoopDelay.max,
				'control: idle 3 s, loop delay max': idle.eventLoopDelay.max,
				'peak RSS MB': after.peakRssMb
			},
			problems: [],
			notes: [`${1 + 2 * games + games} games created after importing ${ptc}`]
		};
	} finally {
		await stopServer(server);
	}
}

// ------------------------------------------------------------------ main

interface Scenario {
	name: string;
	run: () => Promise<RunResult>;
}

function scenarios(opts: Options): Scenario[] {
	const live = (players: number, spread: number, games = 1): Scenario => ({
		name:
			games > 1
				? `${games} games × ${players}, ${spread ? `think 0-${spread / 1000} s` : 'burst'}`
				: `${players} players, ${spread ? `think 0-${spread / 1000} s` : 'burst'}`,
		run: () => liveScenario(opts, games, players, spread)
	});
	if (opts.stall)
		return [{ name: 'rounds after the PTC import', run: () => stallScenario(opts, 10) }];
	if (opts.players.length > 0) return opts.players.map((n) => live(n, opts.spreadMs));
	const think = 2000;
	if (opts.quick) {
		return [
			live(200, think),
			live(200, 0),
			{ name: 'bare fan-out reference', run: () => bareFanoutScenario(opts, [200], 5, 1200) },
			{ name: 'solo, 20 players, think 0-2 s', run: () => soloScenario(opts, 20, 1, think) },
			{ name: 'answer throughput', run: () => throughputScenario(opts, 1000, 3) },
			{ name: 'rounds after the PTC import', run: () => stallScenario(opts, 3) }
		];
	}
	return [
		live(200, think),
		live(200, 0),
		live(1000, think),
		live(1000, 0),
		live(100, think, 10),
		{
			name: 'bare fan-out reference',
			run: () => bareFanoutScenario(opts, [200, 1000], 10, 1200)
		},
		{ name: 'solo, 50 players, think 0-2 s', run: () => soloScenario(opts, 50, 1, think) },
		{ name: 'answer throughput', run: () => throughputScenario(opts, 2000, 6) },
		{ name: 'rounds after the PTC import', run: () => stallScenario(opts, 10) }
	];
}

const fmt = (v: number) =>
	!Number.isFinite(v)
		? '–'
		: Math.abs(v) >= 100
			? v.toFixed(0)
			: Math.abs(v) >= 10
				? v.toFixed(1)
				: v.toFixed(2);

async function main(): Promise<number> {
	const opts = parseArgs(process.argv.slice(2));
	const list = scenarios(opts).filter((s) => s.name.includes(opts.only));
	console.log(
		`Slant benchmark: ${list.map((s) => s.name).join('; ')}; ${opts.repeat} run(s) each, interleaved; ${opts.questions} questions of ${opts.seconds} s; port ${opts.port}; WORKERS=${opts.workers}`
	);
	console.log(
		`Machine: ${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}, ${(totalmem() / 2 ** 30).toFixed(0)} GB, Node ${process.version}, load average ${loadavg()
			.map((l) => l.toFixed(1))
			.join(' ')} at start`
	);
	console.log('Times in ms, sizes in KB/MB as named; the median over the runs, then min–max.');
	const runs = new Map<string, RunResult[]>(list.map((s) => [s.name, []]));
	const loads: number[] = [];
	let failures = 0;
	for (let r = 0; r < opts.repeat; r++) {
		for (const s of list) {
			console.log(
				`\n[run ${r + 1}/${opts.repeat}] ${s.name} (load average ${loadavg()[0].toFixed(1)})`
			);
			loads.push(loadavg()[0]);
			const result = await s.run();
			runs.get(s.name)?.push(result);
			for (const p of result.problems) console.log(`  FAIL ${p}`);
			for (const n of result.notes) console.log(`  ${n}`);
			const keys = Object.keys(result.figures);
			console.log(`  ${keys.map((k) => `${k} ${fmt(result.figures[k])}`).join('; ')}`);
			if (result.problems.length) failures++;
		}
	}
	console.log(
		`\nLoad average during the runs (1 min): ${fmt(Math.min(...loads))}–${fmt(Math.max(...loads))}`
	);
	for (const s of list) {
		const results = runs.get(s.name) ?? [];
		console.log(`\n### ${s.name} (${results.length} run${results.length === 1 ? '' : 's'})\n`);
		console.log('| Figure | Median | Min–max |');
		console.log('| :-- | --: | --: |');
		for (const key of Object.keys(results[0]?.figures ?? {})) {
			const values = results.map((x) => x.figures[key]).filter(Number.isFinite);
			console.log(
				`| ${key} | ${fmt(median(values))} | ${fmt(Math.min(...values))}–${fmt(Math.max(...values))} |`
			);
		}
	}
	agent.destroy();
	console.log(
		failures === 0
			? '\nEvery acknowledged answer was stored.'
			: `\n${failures} run(s) with problems (FAIL above).`
	);
	return failures === 0 ? 0 : 1;
}

main().then(
	(code) => process.exit(code),
	(e) => {
		console.error(e);
		process.exit(1);
	}
);
