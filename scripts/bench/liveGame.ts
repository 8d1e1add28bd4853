/**
 * A live game as its host and phones drive it over HTTP (docs/api.md): a teacher signs up and
 * creates the game through the /host form, players join on their own sockets, a random answer to
 * a question as the phone page decodes it, an answer posted with the phone page's retries, and
 * the counts the database holds for the game afterwards.
 */
import { randomUUID } from 'node:crypto';
import type http from 'node:http';
import Database from 'better-sqlite3';
import { decodeQuestion } from '../../src/lib/game/wire';
import { cookieFrom, phoneAgent, postForm, postJson, request, sleep, type View } from './client';

/**
 * Questions as the browser decodes them, per game and question: every bot of a game receives the
 * same question, and one process plays them all, so decoding it once per bot would charge the
 * decoding of a thousand phones to the fan-out of the last one.
 */
const decoded = new Map<string, ReturnType<typeof decodeQuestion>>();

/** A random answer to the view's question, picked from the question as a browser decodes it. */
export function randomResponse(view: View): unknown {
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
export async function signUpTeacher(port: number): Promise<string> {
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
export async function createLiveGame(
	port: number,
	questions: number,
	seconds: number,
	session?: string
) {
	const hostCookie = session ?? (await signUpTeacher(port));
	// What a browser sends for a form without JavaScript: an HTML page (here a 303) back.
	const created = await postForm(
		port,
		'/host',
		{
			mode: 'live',
			content: 'all',
			count: String(questions),
			seconds: String(seconds),
			scoring: 'speed',
			streaks: 'on'
		},
		{ accept: 'text/html,application/xhtml+xml', cookie: hostCookie }
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
	/** Sends a host command; resolves with the milliseconds its reply took. */
	const command = async (name: string): Promise<number> => {
		const sent = performance.now();
		const reply = await postJson(port, `/api/live/host/${gameId}/command`, hostCookie, {
			command: name
		});
		if (reply.status !== 200) {
			throw new Error(`Host command ${name}: ${reply.status} ${reply.body.slice(0, 200)}`);
		}
		return performance.now() - sent;
	};
	return { gameId, hostCookie, code, command };
}

/**
 * Joins `n` players: at most 100 requests in flight (like a class typing the code at once), or,
 * with `perSecond`, one join starting every 1/perSecond s whatever the others are doing (players
 * arriving over time, as in the "1,000 players joining at 100/s").
 */
export async function joinPlayers(
	port: number,
	gameId: string,
	code: string,
	n: number,
	perSecond?: number
) {
	const cookies: string[] = new Array(n);
	const phones = Array.from({ length: n }, phoneAgent);
	const latencies: number[] = [];
	const errors = new Map<string, number>();
	const begun = performance.now();
	const join = async (i: number) => {
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
	};
	if (perSecond) {
		const pending: Promise<void>[] = [];
		for (let i = 0; i < n; i++) {
			const due = begun + (i * 1000) / perSecond - performance.now();
			if (due > 0) await sleep(due);
			pending.push(join(i));
		}
		await Promise.all(pending);
	} else {
		let next = 0;
		await Promise.all(
			Array.from({ length: Math.min(100, n) }, async () => {
				while (next < n) await join(next++);
			})
		);
	}
	return { cookies, phones, latencies, errors };
}

/** One answer POST as the phone page sends it: up to 3 attempts on a network error. */
export async function sendAnswer(
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
export function dbFigures(dbPath: string, gameId: string) {
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
