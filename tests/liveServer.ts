/**
 * Helpers for integration tests that run the real server (scripts/serve.js) on a temp database
 * and talk to it as phones and a host do: JSON over HTTP with cookies, and the event stream.
 */
import { execSync, spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { decodeQuestion, type WireQuestion } from '../src/lib/game/wire';
import { TEACHER_PASSWORD, teacherEmail } from './teacherAccounts';

export { TEACHER_PASSWORD, teacherEmail };

export const PORT = Number(process.env.E2E_PORT ?? 4175);
export const BASE = `http://localhost:${PORT}`;
/** The build lock of this checkout: tests in another checkout of the repository do not wait for it. */
const LOCK = join(
	tmpdir(),
	`slant-e2e-${createHash('sha1').update(process.cwd()).digest('hex').slice(0, 10)}.lock`
);

/** Builds the app under the shared build lock. */
export function buildApp(): void {
	execSync(`flock ${LOCK} npx vite build`, { stdio: 'ignore' });
}

export function tempDatabase(): { path: string; cleanup: () => void } {
	const dir = mkdtempSync(join(tmpdir(), 'slant-live-'));
	return {
		path: join(dir, 'slant.db'),
		cleanup: () => rmSync(dir, { recursive: true, force: true })
	};
}

/** What each server started here has printed so far (see `serverOutput`). */
const outputs = new WeakMap<ChildProcess, () => string>();

/** Everything a server started by `startServer` has printed on stdout and stderr so far. */
export function serverOutput(child: ChildProcess): string {
	return outputs.get(child)?.() ?? '';
}

/**
 * Starts serve.js under the build lock (so no other test rebuilds build/ while it runs) in its
 * own process group, and waits until it answers.
 */
export async function startServer(
	database: string,
	extraEnv: Record<string, string> = {}
): Promise<ChildProcess> {
	const env: NodeJS.ProcessEnv = {
		...process.env,
		// A small start-up rehearsal: its path runs on every test server, its full size (200
		// players) in tests/warm-up.test.ts, and each start stays quick.
		WARM_UP_PLAYERS: '20',
		...extraEnv,
		PORT: String(PORT),
		DATABASE_URL: database,
		HOST: '127.0.0.1'
	};
	delete env.ORIGIN;
	const child = spawn('flock', [LOCK, 'node', 'scripts/serve.js'], {
		env,
		stdio: ['ignore', 'pipe', 'pipe'],
		detached: true
	});
	let output = '';
	child.stdout?.on('data', (d) => (output += d));
	child.stderr?.on('data', (d) => (output += d));
	outputs.set(child, () => output);
	for (let i = 0; i < 600; i++) {
		if (child.exitCode !== null) throw new Error(`server exited early:\n${output}`);
		try {
			const res = await fetch(`${BASE}/api/live/join`, { method: 'OPTIONS' });
			if (res.status > 0) return child;
		} catch {
			// not listening yet
		}
		await new Promise((r) => setTimeout(r, 250));
	}
	throw new Error(`server did not start:\n${output}`);
}

/** Kills the server's whole process group (flock and node) and waits for it to go. */
export async function killServer(child: ChildProcess, signal: NodeJS.Signals = 'SIGKILL') {
	if (child.exitCode !== null || child.pid === undefined) return;
	const gone = new Promise((r) => child.once('exit', r));
	process.kill(-child.pid, signal);
	await gone;
	// The port is free once nothing answers on it.
	for (let i = 0; i < 40; i++) {
		try {
			await fetch(BASE);
		} catch {
			return;
		}
		await new Promise((r) => setTimeout(r, 100));
	}
}

/**
 * Plays `play` against a server with `env` on a fresh temporary database (its path is passed on),
 * then stops the server and removes the database, however `play` ends.
 */
export async function onFreshServer<T>(
	env: Record<string, string>,
	play: (databasePath: string) => Promise<T>
): Promise<T> {
	const db = tempDatabase();
	let server: ChildProcess | undefined;
	try {
		server = await startServer(db.path, env);
		return await play(db.path);
	} finally {
		if (server) await killServer(server, 'SIGTERM');
		db.cleanup();
	}
}

/**
 * For one test file: builds the app and runs the server on a fresh temp database before its tests,
 * stops it and removes the database after them. `restart()` kills the server outright (SIGKILL)
 * and starts it again on the same database. `env` adds environment variables (limits, say).
 */
export function serveForTests(env: Record<string, string> = {}): {
	databasePath: string;
	restart(): Promise<void>;
	/** What the running server has printed so far (see `serverOutput`). */
	output(): string;
} {
	let server: ChildProcess | undefined;
	const db = tempDatabase();
	beforeAll(async () => {
		buildApp();
		server = await startServer(db.path, env);
	});
	afterAll(async () => {
		if (server) await killServer(server, 'SIGTERM');
		db.cleanup();
	});
	return {
		databasePath: db.path,
		async restart() {
			if (server) await killServer(server, 'SIGKILL');
			server = await startServer(db.path, env);
		},
		output: () => (server ? serverOutput(server) : '')
	};
}

/** A cookie jar for one browser. */
export class Client {
	cookies = new Map<string, string>();

	async request(path: string, init: { method?: string; body?: unknown } = {}) {
		const res = await fetch(`${BASE}${path}`, {
			method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
			headers: {
				cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
				...(init.body === undefined ? {} : { 'content-type': 'application/json' }),
				origin: BASE
			},
			body: init.body === undefined ? undefined : JSON.stringify(init.body),
			redirect: 'manual'
		});
		for (const line of res.headers.getSetCookie()) {
			const [pair] = line.split(';');
			const eq = pair.indexOf('=');
			this.cookies.set(pair.slice(0, eq), pair.slice(eq + 1));
		}
		const text = await res.text();
		let json: unknown;
		try {
			json = JSON.parse(text);
		} catch {
			json = null;
		}
		// eslint-disable-next-line @typescript-eslint/no-explicit-any -- test helper: callers pick fields
		return { status: res.status, text, json: json as any, headers: res.headers };
	}

	/** Reads the event stream until `count` state events arrived (or `ms` passed). */
	async events(
		path: string,
		count = 1,
		ms = 3000
	): Promise<{ raw: string; states: { id: string; data: string }[]; headers?: Headers }> {
		const controller = new AbortController();
		const timer = setTimeout(() => controller.abort(), ms);
		let raw = '';
		const states: { id: string; data: string }[] = [];
		let headers: Headers | undefined;
		try {
			const res = await fetch(`${BASE}${path}`, {
				headers: { cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ') },
				signal: controller.signal
			});
			headers = res.headers;
			const reader = res.body!.getReader();
			const decoder = new TextDecoder();
			while (states.length < count) {
				const { value, done } = await reader.read();
				if (done) break;
				raw += decoder.decode(value, { stream: true });
				states.length = 0;
				for (const block of raw.split('\n\n')) {
					const id = /^id: (.*)$/m.exec(block)?.[1];
					const data = /^data: (.*)$/m.exec(block)?.[1];
					if (id !== undefined && data !== undefined) states.push({ id, data });
				}
			}
			controller.abort();
		} catch {
			// aborted
		} finally {
			clearTimeout(timer);
		}
		return { raw, states, headers };
	}
}

/**
 * Some valid response to a public question as a live view sends it (right or wrong does not
 * matter here): a find question's first word, found in the decoded excerpt as a browser finds it.
 */
export function anyResponse(wire: WireQuestion) {
	const question = decodeQuestion(wire);
	if (question.kind === 'name') return { kind: 'name', techniqueId: question.choices[0] };
	if (question.kind === 'judge') return { kind: 'judge', loaded: true };
	const first = question.excerpt.tokens.findIndex((t) => t.word);
	return { kind: 'find', range: [first, first + 1] };
}

export const CONFIG = {
	articleId: null,
	families: [],
	count: 3,
	secondsPerQuestion: 90,
	scoring: 'speed',
	streaks: true
};

/**
 * Signs a new teacher up over HTTP, as a browser or script would (POST /api/auth/sign-up), so the
 * client carries the session cookie from then on. Returns the client and the teacher.
 */
export async function signUpTeacher(
	client = new Client(),
	email = teacherEmail()
): Promise<{ client: Client; teacher: { id: string; email: string } }> {
	const res = await client.request('/api/auth/sign-up', {
		body: { email, password: TEACHER_PASSWORD }
	});
	if (res.status !== 201) throw new Error(`sign-up failed: ${res.status} ${res.text}`);
	return { client, teacher: res.json.teacher };
}

/** Signs an existing teacher in over HTTP (POST /api/auth/sign-in). */
export async function signInTeacher(client: Client, email: string, password = TEACHER_PASSWORD) {
	const res = await client.request('/api/auth/sign-in', { body: { email, password } });
	if (res.status !== 200) throw new Error(`sign-in failed: ${res.status} ${res.text}`);
	return res.json.teacher as { id: string; email: string };
}
