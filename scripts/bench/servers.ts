/**
 * The servers a scenario measures: Slant itself (`node scripts/serve.js` under this checkout's
 * build lock, on a fresh temporary database) and the bare reference (scripts/bench-bare.js), with
 * the figures they and this machine report.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createWriteStream, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { Agent } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { HOST, request, until } from './client';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
/** The build lock of this checkout (the same as tests/liveServer.ts). */
const LOCK = join(
	tmpdir(),
	`slant-e2e-${createHash('sha1').update(ROOT.replace(/\/$/, '')).digest('hex').slice(0, 10)}.lock`
);

export interface Server {
	proc: ChildProcess;
	pid: number;
	port: number;
	dbPath: string;
	dir: string;
	log: string[];
}

/** The node process flock runs (a child of the flock process). */
function childPid(parent: number): number | null {
	return childPids(parent)[0] ?? null;
}

/** A few TcpExt counters of this machine (listen-queue overflows, resets on closed sockets). */
export function tcpCounters(): Record<string, number> {
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
export async function startServer(port: number, workers: number): Promise<Server> {
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
	// BENCH_SERVER_LOG=<file> keeps the server's whole output (e.g. with BENCH_NODE_ARGS="--trace-deopt").
	const logFile = process.env.BENCH_SERVER_LOG;
	if (logFile) {
		const out = createWriteStream(logFile);
		proc.stdout?.pipe(out);
		proc.stderr?.pipe(out);
	}
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
export async function stopServer(server: Server): Promise<void> {
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
export interface ServerStats {
	eventLoopDelay: { samples: number; p50: number; p99: number; max: number };
	cpuSeconds: number;
	/** Share of the time since the last reset that the event loop was busy (0-1). */
	loopBusy?: number;
	rssMb: number;
	peakRssMb: number;
	/** Phase changes: streams written to, wall and CPU ms to build and write every event, the state. */
	fanouts?: { streams: number; ms: number; cpuMs?: number; phase?: string; index?: number }[];
	/** Answer requests: ms from their parsed headers to the end of their reply, on the server. */
	answerMs?: number[];
	/** Host commands and JSON joins, timed the same way. */
	commandMs?: number[];
	joinMs?: number[];
}

/**
 * The figures are asked on a new connection each time: with WORKERS > 1 the first process answers
 * for every process, but a kept connection may have been handed to one worker, which knows only
 * its own.
 */
const statsAgent = new Agent({ keepAlive: false });

/** The server's figures; `reset` starts a new event-loop delay window. */
export async function serverStats(port: number, reset: boolean): Promise<ServerStats> {
	const path = `/__debug/stats${reset ? '?reset=1' : ''}`;
	const reply = await request(port, 'GET', path, {}, undefined, 30_000, statsAgent);
	if (reply.status !== 200) throw new Error(`/__debug/stats: ${reply.status}`);
	return JSON.parse(reply.body) as ServerStats;
}

/**
 * CPU seconds (user + system) a process and every process under it (with WORKERS > 1, the
 * workers) have used so far, from /proc (Linux).
 */
export function processCpuSeconds(pid: number): number {
	const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
	// utime and stime are fields 14 and 15 of the whole line, in clock ticks (100 per second).
	let seconds = (Number(fields[11]) + Number(fields[12])) / 100;
	for (const child of childPids(pid)) seconds += processCpuSeconds(child);
	return seconds;
}

/** The processes a process started, from each of its threads' children list. */
function childPids(pid: number): number[] {
	try {
		return readdirSync(`/proc/${pid}/task`).flatMap((tid) =>
			readFileSync(`/proc/${pid}/task/${tid}/children`, 'utf8')
				.trim()
				.split(/\s+/)
				.filter(Boolean)
				.map(Number)
		);
	} catch {
		return [];
	}
}

/** Starts the bare reference server (scripts/bench-bare.js) on a fresh database file. */
export async function startBare(port: number): Promise<Server> {
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
