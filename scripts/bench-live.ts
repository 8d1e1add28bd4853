/**
 * npx tsx scripts/bench-live.ts [players...] [--questions=3] [--spread=3000] [--seconds=20]
 *                               [--port=4190]
 *
 * Load benchmark of a live classroom game, played over HTTP exactly as browsers do. For each
 * player count (default 30 300 1000) it starts the real server (`node scripts/serve.js`, under the
 * build lock, which builds when stale) on 127.0.0.1 with a fresh temporary database, then:
 * a teacher signs up (POST /api/auth/sign-up, as a script would) and, carrying the session
 * cookie, creates a game through the /host form action and opens its event stream; N players
 * join through POST /api/live/join and each opens its own event stream; the host starts; every
 * player answers every question once, at a random moment within `spread` ms of seeing it; the
 * host moves on once every stream has shown the reveal. It prints figures (answer latency,
 * answers/s, errors by status, events per player per question, close lag, server CPU and RSS)
 * and checks the database against the answers the server accepted. Nothing is asserted on time.
 *
 * Loopback only; every wait is bounded; the server is stopped at the end (its process group).
 * BENCH_NODE_ARGS (e.g. "--cpu-prof --cpu-prof-dir=prof") passes flags to the server's node.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const HOST = '127.0.0.1';
/** The build lock of this checkout (the same as tests/liveServer.ts). */
const LOCK = join(
	tmpdir(),
	`slant-e2e-${createHash('sha1').update(ROOT.replace(/\/$/, '')).digest('hex').slice(0, 10)}.lock`
);
/** Clock ticks per second of /proc/<pid>/stat (Linux: 100). */
const CLK_TCK = 100;

interface Options {
	players: number[];
	questions: number;
	spreadMs: number;
	seconds: number;
	port: number;
}

function parseArgs(argv: string[]): Options {
	const opts: Options = { players: [], questions: 3, spreadMs: 3000, seconds: 20, port: 4190 };
	for (const arg of argv) {
		const m = /^--(\w+)=(\d+)$/.exec(arg);
		if (m) {
			const value = Number(m[2]);
			if (m[1] === 'questions') opts.questions = Math.min(Math.max(value, 1), 10);
			else if (m[1] === 'spread') opts.spreadMs = Math.min(value, 60_000);
			else if (m[1] === 'seconds') opts.seconds = Math.min(Math.max(value, 5), 600);
			else if (m[1] === 'port') opts.port = value;
			else throw new Error(`Unknown option ${arg}`);
		} else if (/^\d+$/.test(arg)) {
			opts.players.push(Math.min(Math.max(Number(arg), 1), 5000));
		} else {
			throw new Error(`Unknown argument ${arg}`);
		}
	}
	if (opts.players.length === 0) opts.players = [30, 300, 1000];
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

const ms = (v: number) => (Number.isFinite(v) ? `${v.toFixed(v < 10 ? 1 : 0)} ms` : '–');

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

/** Keep-alive sockets for ordinary requests (a phone reuses its connection too). */
const agent = new http.Agent({ keepAlive: true, maxSockets: Infinity });

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
	timeoutMs = 30_000
): Promise<Reply> {
	return new Promise((resolveReply, reject) => {
		const req = http.request(
			{ host: HOST, port, method, path, agent, headers, timeout: timeoutMs },
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

function postJson(port: number, path: string, cookie: string | undefined, value: unknown) {
	const headers: Record<string, string> = { 'content-type': 'application/json' };
	if (cookie) headers.cookie = cookie;
	return request(port, 'POST', path, headers, JSON.stringify(value));
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
	question: null | {
		index: number;
		deadline: number | null;
		question:
			| { kind: 'name'; choices: string[] }
			| { kind: 'find'; excerpt: { tokens: { word: boolean }[] } }
			| { kind: 'judge' };
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
						this.bytes += Buffer.byteLength(chunk);
						buffer += chunk;
						let cut: number;
						while ((cut = buffer.indexOf('\n\n')) >= 0) {
							this.block(buffer.slice(0, cut));
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

	private block(text: string) {
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
			at: performance.now(),
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

function cpuSeconds(pid: number): number {
	try {
		const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
		const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
		return (Number(fields[11]) + Number(fields[12])) / CLK_TCK;
	} catch {
		return NaN;
	}
}

function rssMb(pid: number): number {
	try {
		const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
		return m ? Number(m[1]) / 1024 : NaN;
	} catch {
		return NaN;
	}
}

/**
 * Starts `node scripts/serve.js` under the build lock (held for the server's whole life, so no
 * other build replaces build/ while it serves); serve.js builds first when the build is stale.
 */
async function startServer(port: number): Promise<Server> {
	const dir = mkdtempSync(join(tmpdir(), 'slant-bench-live-'));
	const dbPath = join(dir, 'slant.db');
	const env: NodeJS.ProcessEnv = {
		...process.env,
		PORT: String(port),
		HOST,
		ORIGIN: `http://${HOST}:${port}`,
		DATABASE_URL: dbPath,
		NODE_ENV: 'production'
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

// ------------------------------------------------------------------ one game

interface AnswerOutcome {
	player: number;
	question: number;
	sentAt: number;
	doneAt: number;
	status: number;
	code: string;
	replayed: boolean;
}

interface GameResult {
	players: number;
	questions: number;
	joinLatency: ReturnType<typeof stats>;
	joinErrors: Map<string, number>;
	joinWallMs: number;
	streamsReadyMs: number;
	answers: AnswerOutcome[];
	/** Network errors on answer attempts (each retried like the phone page does). */
	networkErrors: Map<string, number>;
	/** Machine-wide TCP counters (deltas over the game) from /proc/net/netstat. */
	tcp: Record<string, number>;
	/** Per question: [first answer sent, last answer done] wall window. */
	answerWindows: { first: number; last: number; lastSent: number; ok: number }[];
	/** Per question: ms from the last answer's send to the reveal on the first / last stream. */
	closeLag: { first: number; last: number; afterReply: number }[];
	/** State events per player, after the first (lobby) one. */
	eventsPerPlayer: number[];
	/** Question, reveal and leaderboard events per player, divided by the number of questions. */
	perQuestion: number[];
	/** State events per player per phase. */
	phaseCounts: Map<string, number[]>;
	bytesPerPlayer: number[];
	hostEvents: number;
	streamErrors: number;
	streamsClosedAtEnd: number;
	serverCpu: { joins: number; game: number; gameWallMs: number };
	rss: { start: number; peak: number; end: number };
	clientCpuSeconds: number;
	db: {
		answers: number;
		answered: number;
		timedOut: number;
		duplicates: number;
		players: number;
	};
	clientDoubleAccepted: number;
}

function randomResponse(view: View): unknown {
	const q = view.question?.question;
	if (!q) return null;
	if (q.kind === 'name') {
		return { kind: 'name', techniqueId: q.choices[Math.floor(Math.random() * q.choices.length)] };
	}
	if (q.kind === 'judge') return { kind: 'judge', loaded: Math.random() < 0.5 };
	const n = q.excerpt.tokens.length;
	const start = Math.floor(Math.random() * Math.max(1, n - 1));
	const end = Math.min(n, start + 1 + Math.floor(Math.random() * 6));
	return { kind: 'find', range: [start, end] };
}

async function playGame(opts: Options, n: number, server: Server): Promise<GameResult> {
	const { port } = server;
	const clientCpuStart = process.cpuUsage();
	const tcpStart = tcpCounters();
	const rss = { start: rssMb(server.pid), peak: 0, end: 0 };
	const sampler = setInterval(() => {
		rss.peak = Math.max(rss.peak, rssMb(server.pid));
	}, 100);

	try {
		// Host: a teacher account first (hosting needs one), then the /host form action (as the
		// host page posts it) with the session cookie, then its event stream.
		const signUp = await postJson(port, '/api/auth/sign-up', undefined, {
			email: `bench-${Date.now()}@bench.example`,
			password: 'benchmark teacher password'
		});
		const hostCookie = cookieFrom(signUp, 'slant_session=');
		if (signUp.status !== 201 || !hostCookie) {
			throw new Error(`Signing up failed: ${signUp.status} ${signUp.body.slice(0, 300)}`);
		}
		const form = new URLSearchParams({
			mode: 'live',
			content: 'all',
			count: String(opts.questions),
			seconds: String(opts.seconds),
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
		const hostStream = new Stream();
		await hostStream.open(port, `/api/live/host/${gameId}/events`, hostCookie);
		const command = async (name: string) => {
			const reply = await postJson(port, `/api/live/host/${gameId}/command`, hostCookie, {
				command: name
			});
			if (reply.status !== 200) {
				throw new Error(`Host command ${name}: ${reply.status} ${reply.body.slice(0, 200)}`);
			}
		};

		// Players join (at most 100 requests in flight, like a class typing the code at once).
		const cookies: string[] = new Array(n);
		const joinLatencies: number[] = [];
		const joinErrors = new Map<string, number>();
		const cpuBeforeJoins = cpuSeconds(server.pid);
		const joinStart = performance.now();
		let nextJoin = 0;
		await Promise.all(
			Array.from({ length: Math.min(100, n) }, async () => {
				while (nextJoin < n) {
					const i = nextJoin++;
					const t0 = performance.now();
					try {
						const reply = await postJson(port, '/api/live/join', undefined, {
							code,
							nickname: `Player ${i + 1}`
						});
						joinLatencies.push(performance.now() - t0);
						const cookie = cookieFrom(reply, `slant_player_${gameId}=`);
						if (reply.status === 200 && cookie) cookies[i] = cookie;
						else {
							const key = `${reply.status} ${(JSON.parse(reply.body) as { code?: string }).code ?? ''}`;
							joinErrors.set(key, (joinErrors.get(key) ?? 0) + 1);
						}
					} catch (e) {
						const key = `network ${(e as Error).message}`;
						joinErrors.set(key, (joinErrors.get(key) ?? 0) + 1);
					}
				}
			})
		);
		const joinWallMs = performance.now() - joinStart;

		// Every seated player opens its stream and answers each question once, after a random delay.
		const outcomes: AnswerOutcome[] = [];
		const networkErrors = new Map<string, number>();
		const answeredBy = new Set<string>();
		const pending = new Set<Promise<void>>();
		const answer = (player: number, view: View) => {
			const question = view.question?.index ?? -1;
			const key = `${player}:${question}`;
			if (view.phase !== 'question' || question < 0 || answeredBy.has(key)) return;
			answeredBy.add(key);
			const delay = Math.random() * opts.spreadMs;
			const body = {
				questionIndex: question,
				requestId: `bench-${player}-${question}`,
				response: randomResponse(view)
			};
			const task = (async () => {
				await sleep(delay);
				const sentAt = performance.now();
				let status = 0;
				let errCode = '';
				let replayed = false;
				// As the phone page does: up to 3 attempts on a network error, same requestId.
				for (let attempt = 0; attempt < 3; attempt++) {
					try {
						const reply = await postJson(
							port,
							`/api/live/play/${code}/answer`,
							cookies[player],
							body
						);
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
				outcomes.push({
					player,
					question,
					sentAt,
					doneAt: performance.now(),
					status,
					code: errCode,
					replayed
				});
			})();
			pending.add(task);
			void task.finally(() => pending.delete(task));
		};
		const seated = cookies.map((c, i) => (c ? i : -1)).filter((i) => i >= 0);
		const streams = new Map<number, Stream>();
		const streamStart = performance.now();
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
		const streamsReadyMs = performance.now() - streamStart;

		// Host drives the game: start; after each reveal reached every stream, next (leaderboard),
		// then next (the following question, or the podium after the last); finally end.
		const cpuBeforeGame = cpuSeconds(server.pid);
		const gameStart = performance.now();
		const reached = (phase: string, index: number) =>
			all.every((s) => s.closed || s.events.some((e) => e.phase === phase && e.index === index));
		const windowMs = (opts.seconds + 5) * 1000;
		await command('start');
		for (let q = 0; q < opts.questions; q++) {
			if (!(await until(() => reached('reveal', q), windowMs))) {
				console.error(`  question ${q + 1}: not every stream saw the reveal in time`);
			}
			await until(() => pending.size === 0, 30_000);
			await command('next');
			await until(() => reached('leaderboard', q), 30_000);
			await command('next');
			if (q + 1 < opts.questions) await until(() => reached('question', q + 1), 30_000);
		}
		await until(() => reached('podium', opts.questions - 1), 30_000);
		await command('end');
		await until(() => all.every((s) => s.closed) && hostStream.closed, 30_000);
		const gameWallMs = performance.now() - gameStart;
		const cpuAfterGame = cpuSeconds(server.pid);
		rss.end = rssMb(server.pid);

		// Figures from what the clients saw.
		const answerWindows = [];
		const closeLag = [];
		for (let q = 0; q < opts.questions; q++) {
			const mine = outcomes.filter((o) => o.question === q);
			const ok = mine.filter((o) => o.status === 200);
			const lastSent = Math.max(...mine.map((o) => o.sentAt));
			answerWindows.push({
				first: Math.min(...mine.map((o) => o.sentAt)),
				last: Math.max(...mine.map((o) => o.doneAt)),
				lastSent,
				ok: ok.length
			});
			const reveals = all
				.map((s) => s.events.find((e) => e.phase === 'reveal' && e.index === q)?.at)
				.filter((t): t is number => t !== undefined);
			closeLag.push({
				first: Math.min(...reveals) - lastSent,
				last: Math.max(...reveals) - lastSent,
				afterReply: Math.max(...reveals) - Math.max(...ok.map((o) => o.doneAt))
			});
		}
		const phases = ['lobby', 'question', 'reveal', 'leaderboard', 'podium', 'ended'];
		const phaseCounts = new Map(
			phases.map((p) => [p, all.map((s) => s.events.filter((e) => e.phase === p).length)])
		);
		const accepted = new Map<string, number>();
		for (const o of outcomes) {
			if (o.status === 200 && !o.replayed) {
				const key = `${o.player}:${o.question}`;
				accepted.set(key, (accepted.get(key) ?? 0) + 1);
			}
		}

		// The database, read after the game (WAL: readable while the server runs).
		const db = new Database(server.dbPath, { readonly: true, fileMustExist: true });
		const one = (sql: string) => (db.prepare(sql).get(gameId) as { n: number }).n;
		const dbFigures = {
			answers: one('select count(*) as n from answers where game_id = ?'),
			answered: one(
				'select count(*) as n from answers where game_id = ? and request_id is not null'
			),
			timedOut: one('select count(*) as n from answers where game_id = ? and timed_out = 1'),
			duplicates: one(
				'select count(*) as n from (select player_id, question_index from answers where game_id = ? group by player_id, question_index having count(*) > 1)'
			),
			players: one('select count(*) as n from players where game_id = ?')
		};
		db.close();
		const cpu = process.cpuUsage(clientCpuStart);

		return {
			players: n,
			questions: opts.questions,
			joinLatency: stats(joinLatencies),
			joinErrors,
			joinWallMs,
			streamsReadyMs,
			answers: outcomes,
			networkErrors,
			tcp: Object.fromEntries(
				Object.entries(tcpCounters()).map(([k, v]) => [k, v - (tcpStart[k] ?? 0)])
			),
			answerWindows,
			closeLag,
			eventsPerPlayer: all.map((s) => s.events.length - 1),
			perQuestion: all.map(
				(s) =>
					s.events.filter((e) => ['question', 'reveal', 'leaderboard'].includes(e.phase)).length /
					opts.questions
			),
			phaseCounts,
			bytesPerPlayer: all.map((s) => s.events.reduce((sum, e) => sum + e.bytes, 0)),
			hostEvents: hostStream.events.length,
			streamErrors: all.filter((s) => s.error !== null || s.status !== 200).length,
			streamsClosedAtEnd: all.filter((s) => s.closed).length,
			serverCpu: {
				joins: cpuBeforeGame - cpuBeforeJoins,
				game: cpuAfterGame - cpuBeforeGame,
				gameWallMs
			},
			rss,
			clientCpuSeconds: (cpu.user + cpu.system) / 1e6,
			db: dbFigures,
			clientDoubleAccepted: [...accepted.values()].filter((c) => c > 1).length
		};
	} finally {
		clearInterval(sampler);
	}
}

// ------------------------------------------------------------------ report

function report(r: GameResult, opts: Options) {
	const ok = r.answers.filter((a) => a.status === 200);
	const lat = stats(ok.map((a) => a.doneAt - a.sentAt));
	const errors = new Map<string, number>();
	for (const a of r.answers) {
		if (a.status === 200) continue;
		const key = `${a.status || 'network'} ${a.code}`.trim();
		errors.set(key, (errors.get(key) ?? 0) + 1);
	}
	const rates = r.answerWindows.map((w) => (w.ok / (w.last - w.first)) * 1000);
	const perQ = r.perQuestion;
	const bytesPerQ = r.bytesPerPlayer.map((b) => b / r.questions / 1024);
	const range = (values: number[], digits = 2) =>
		values.length === 0
			? '–'
			: `${Math.min(...values).toFixed(digits)}–${Math.max(...values).toFixed(digits)}`;
	const phaseLine = [...r.phaseCounts.entries()]
		.map(([p, counts]) => `${p} ${range(counts, 0)}`)
		.join(', ');
	const lag = r.closeLag;
	const expectedAnswers = (r.players - sumOf(r.joinErrors)) * r.questions;

	console.log(`\n=== ${r.players} players × ${r.questions} questions (spread ${opts.spreadMs} ms)`);
	const rows: [string, string][] = [
		[
			'joins',
			`${r.joinLatency.n} in ${r.joinWallMs.toFixed(0)} ms (${((r.joinLatency.n / r.joinWallMs) * 1000).toFixed(0)}/s), p50 ${ms(r.joinLatency.p50)}, p99 ${ms(r.joinLatency.p99)}, max ${ms(r.joinLatency.max)}; errors: ${fmtMap(r.joinErrors)}`
		],
		[
			'streams ready',
			`${r.eventsPerPlayer.length} open, first event on all in ${ms(r.streamsReadyMs)}`
		],
		[
			'answers accepted',
			`${ok.length} of ${r.answers.length} sent (${expectedAnswers} expected); errors: ${fmtMap(errors)}`
		],
		[
			'network errors',
			`${fmtMap(r.networkErrors)} (each retried with the same requestId, as the phone does)`
		],
		[
			'TCP (machine-wide)',
			Object.entries(r.tcp)
				.map(([k, v]) => `${k} +${v}`)
				.join(', ')
		],
		[
			'answer latency',
			`p50 ${ms(lat.p50)}, p95 ${ms(lat.p95)}, p99 ${ms(lat.p99)}, max ${ms(lat.max)}`
		],
		[
			'answers/s',
			`${rates.map((x) => x.toFixed(0)).join(', ')} (per question: accepted / first send→last reply)`
		],
		[
			'close lag',
			lag.map((l) => `${ms(l.first)} / ${ms(l.last)} / ${ms(l.afterReply)}`).join(', ') +
				' (last answer sent → reveal on the first / last stream; last 200 reply → reveal on the last stream)'
		],
		[
			'events/player/question',
			`${range(perQ)} (question + reveal + leaderboard; all events by phase: ${phaseLine})`
		],
		['KB/player/question', `${range(bytesPerQ, 1)} of event data`],
		['host events', `${r.hostEvents} (coalesced to ≤ 1 per 300 ms)`],
		[
			'streams',
			`${r.streamErrors} with errors, ${r.streamsClosedAtEnd} of ${r.eventsPerPlayer.length} closed by the server at the end`
		],
		[
			'server CPU',
			`joins ${r.serverCpu.joins.toFixed(2)} s; game ${r.serverCpu.game.toFixed(2)} s over ${(r.serverCpu.gameWallMs / 1000).toFixed(1)} s wall (${((r.serverCpu.game / (r.serverCpu.gameWallMs / 1000)) * 100).toFixed(0)}% of a core)`
		],
		[
			'server RSS',
			`${r.rss.start.toFixed(0)} MB at start, peak ${r.rss.peak.toFixed(0)} MB, ${r.rss.end.toFixed(0)} MB at the end`
		],
		['bench client CPU', `${r.clientCpuSeconds.toFixed(2)} s (same 2 cores as the server)`]
	];
	for (const [k, v] of rows) console.log(`  ${k.padEnd(24)} ${v}`);

	const answered200 = ok.filter((a) => !a.replayed).length;
	const countOk = r.db.answered === answered200;
	const dupOk = r.db.duplicates === 0 && r.clientDoubleAccepted === 0;
	console.log('  correctness:');
	console.log(
		`    ${countOk ? 'OK  ' : 'FAIL'} answers stored with a requestId (${r.db.answered}) = 200 responses (${answered200})`
	);
	console.log(
		`    ${dupOk ? 'OK  ' : 'FAIL'} no player answered a question twice (DB duplicates ${r.db.duplicates}, doubly accepted ${r.clientDoubleAccepted})`
	);
	console.log(
		`    info: ${r.db.players} players in the DB, ${r.db.answers} answer rows of which ${r.db.timedOut} timed out (filled in at close)`
	);
	return { lat, rates, countOk, dupOk };
}

function sumOf(map: Map<string, number>): number {
	return [...map.values()].reduce((a, b) => a + b, 0);
}

function fmtMap(map: Map<string, number>): string {
	return map.size === 0 ? 'none' : [...map.entries()].map(([k, v]) => `${k} ×${v}`).join(', ');
}

// ------------------------------------------------------------------ main

async function main(): Promise<number> {
	const opts = parseArgs(process.argv.slice(2));
	console.log(
		`Live game bench: players ${opts.players.join(', ')}; ${opts.questions} questions of ${opts.seconds} s; answers spread over ${opts.spreadMs} ms; port ${opts.port}`
	);
	console.log(
		`Machine: ${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}, ${(totalmem() / 2 ** 30).toFixed(0)} GB, Node ${process.version}`
	);
	const summary: string[] = [];
	let failures = 0;
	for (const n of opts.players) {
		console.log(`\nStarting the server for ${n} players (waits for ${LOCK}; builds if stale)...`);
		const server = await startServer(opts.port);
		let result: GameResult | undefined;
		const guard = setTimeout(
			() => {
				console.error('Time limit reached: stopping.');
				void stopServer(server).then(() => process.exit(2));
			},
			(opts.questions * (opts.seconds + 60) + 240) * 1000
		);
		try {
			result = await playGame(opts, n, server);
		} finally {
			clearTimeout(guard);
			await stopServer(server);
		}
		const { lat, rates, countOk, dupOk } = report(result, opts);
		if (!countOk || !dupOk) failures++;
		const errors = result.answers.filter((a) => a.status !== 200).length;
		const perQ = result.perQuestion;
		summary.push(
			`| ${n} | ${lat.n} | ${errors} | ${ms(lat.p50)} | ${ms(lat.p95)} | ${ms(lat.p99)} | ${ms(lat.max)} | ${Math.max(...rates).toFixed(0)} | ${Math.max(...perQ).toFixed(2)} | ${ms(Math.max(...result.closeLag.map((l) => l.last)))} | ${result.serverCpu.game.toFixed(1)} s | ${result.rss.peak.toFixed(0)} MB |`
		);
	}
	console.log(
		'\n| Players | Answers OK | Errors | p50 | p95 | p99 | max | Answers/s (best q) | Events/player/q | Close lag (max) | Server CPU (game) | Peak RSS |'
	);
	console.log(
		'| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |'
	);
	for (const line of summary) console.log(line);
	agent.destroy();
	return failures === 0 ? 0 : 1;
}

main().then(
	(code) => process.exit(code),
	(e) => {
		console.error(e);
		process.exit(1);
	}
);
