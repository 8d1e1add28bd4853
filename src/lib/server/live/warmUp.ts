/**
 * The start-up rehearsal: before the server takes its first request, a live game is played once
 * by `players` phones over loopback HTTP, through the same node:http endpoints a class uses
 * (joins, event streams, host commands, answers), on a database of its own in memory.
 *
 * Why: on a freshly started server the first class paid for code run for the first time. Its first
 * question's fan-out used 3-4 times the CPU of the later ones (42-58 ms against 14-24 ms for 1,000
 * players, BENCHMARKS.md), its last player received it correspondingly later, and its joins cost
 * more than a warmed server's. After the rehearsal that code is already optimised.
 *
 * What it touches: nothing a user owns. Its game, teacher and players live in the in-memory
 * database, which is closed afterwards; its requests carry an address of their own (a header only
 * its own handler reads), so the per-address limits of real clients (joins, wrong codes, streams)
 * are not spent; the round is made from the server's content, which is only read.
 */
import {
	createServer,
	request,
	Agent,
	type ClientRequest,
	type IncomingHttpHeaders,
	type Server
} from 'node:http';
import type { AddressInfo } from 'node:net';
import { defaultRoundConfig } from '../../game/round';
import type { Question, RoundConfig } from '../../game/types';
import { addTestTeacher } from '../accounts/testTeachers';
import { SESSION_COOKIE } from '../accounts/http';
import { makeRound } from '../content/rounds';
import { syncTechniques } from '../content/techniques';
import { migrateDatabase, openDatabase, type Db } from '../db/open';
import { wholeNumberFromEnv } from '../limits/limits';
import { newToken } from '../tokens';
import { playerCookieName } from './cookies';
import { LiveGames } from './liveGames';
import { nodeEndpoints } from './nodeEndpoints';

/** Players of the rehearsal unless WARM_UP_PLAYERS says otherwise (0: no rehearsal). */
export const WARM_UP_PLAYERS = 200;
/** The header that carries each rehearsal phone's own address (read by the rehearsal's handler only). */
const ADDRESS_HEADER = 'x-slant-rehearsal-address';
/** A rehearsal never holds the start-up longer than this. */
const TIME_LIMIT_MS = 20_000;

export interface WarmUpResult {
	players: number;
	questions: number;
	/** Answers the rehearsal's server acknowledged. */
	answers: number;
	/** Event-stream bytes its phones received. */
	eventBytes: number;
	ms: number;
}

/** The rehearsal's size from the environment: a whole number 0-1000, else the default. */
export function warmUpPlayers(raw: string | undefined): number {
	return wholeNumberFromEnv('WARM_UP_PLAYERS', raw, WARM_UP_PLAYERS, 0, 1000);
}

interface Reply {
	status: number;
	headers: IncomingHttpHeaders;
	body: string;
}

function post(
	port: number,
	path: string,
	body: unknown,
	headers: Record<string, string>,
	agent: Agent
) {
	const payload = JSON.stringify(body);
	return new Promise<Reply>((resolve, reject) => {
		const req = request(
			{
				host: '127.0.0.1',
				port,
				path,
				method: 'POST',
				agent,
				headers: {
					...headers,
					'content-type': 'application/json',
					'content-length': Buffer.byteLength(payload)
				}
			},
			(res) => {
				const chunks: Buffer[] = [];
				res.on('data', (c: Buffer) => chunks.push(c));
				res.on('end', () =>
					resolve({
						status: res.statusCode ?? 0,
						headers: res.headers,
						body: Buffer.concat(chunks).toString()
					})
				);
				res.on('error', reject);
			}
		);
		req.on('error', reject);
		req.end(payload);
	});
}

/** A response to `question`: its key for half the players, a wrong answer for the others. */
function responseTo(question: Question, right: boolean): unknown {
	switch (question.kind) {
		case 'name':
			return {
				kind: 'name',
				techniqueId: right
					? question.answer
					: (question.choices.find((c) => c !== question.answer) ?? question.answer)
			};
		case 'find':
			return { kind: 'find', range: right ? question.targets[0] : [0, 1] };
		case 'judge':
			return { kind: 'judge', loaded: right ? question.loaded : !question.loaded };
	}
}

/** Runs `task` for 0..n-1 with at most `inFlight` at once. */
async function each(n: number, inFlight: number, task: (i: number) => Promise<void>) {
	let next = 0;
	await Promise.all(
		Array.from({ length: Math.min(n, inFlight) }, async () => {
			while (next < n) await task(next++);
		})
	);
}

/**
 * Plays the rehearsal: `players` phones join, open their event streams, answer every question
 * (half right), the host moves through every phase to the end. `content` is the database its
 * round is made from (read only). Resolves with what it did; rejects when a step failed.
 */
export async function rehearse(
	content: Db,
	players: number,
	signal?: AbortSignal
): Promise<WarmUpResult> {
	const started = performance.now();
	const db = openDatabase(':memory:');
	let server: Server | undefined;
	const agents: Agent[] = [];
	const streams: ClientRequest[] = [];
	let live: LiveGames | undefined;
	/** Settles once the rehearsal's server has closed and its last request is over. */
	let serverClosed: Promise<unknown> = Promise.resolve();
	// Stopped from outside: every connection is cut and no new one is taken, so every pending and
	// later step fails at once.
	const stop = () => {
		for (const agent of agents) agent.destroy();
		for (const stream of streams) stream.destroy();
		if (server?.listening) server.close();
		server?.closeAllConnections();
	};
	signal?.addEventListener('abort', stop, { once: true });
	try {
		migrateDatabase(db);
		syncTechniques(db);
		const teacherId = addTestTeacher(db, 'rehearsal@slant.invalid').id;
		// The default class round (speed scoring, streaks), shorter, with time to answer.
		const config: RoundConfig = { ...defaultRoundConfig(), count: 3, secondsPerQuestion: 60 };
		const round = await makeRound(content, config, { audience: 'class', teacherId: null });
		if (signal?.aborted) throw new Error('stopped');
		const games = new LiveGames(db, { maxPlayers: players, hostPushMs: 50 });
		live = games;
		const { gameId, joinCode } = games.create(round.config, {
			ownerId: teacherId,
			questions: round.questions,
			seed: round.seed
		});
		const session = newToken();
		const env: Record<string, string | undefined> = {
			ORIGIN: process.env.ORIGIN,
			BODY_SIZE_LIMIT: process.env.BODY_SIZE_LIMIT,
			ADDRESS_HEADER
		};
		const handler = nodeEndpoints(
			() => games,
			(token) => (token === session ? { id: teacherId } : null),
			env
		);
		const listening = createServer((req, res) => {
			if (!handler(req, res)) res.writeHead(404).end();
		});
		server = listening;
		serverClosed = new Promise((resolve) => listening.once('close', resolve));
		await new Promise<void>((resolve) => listening.listen(0, '127.0.0.1', resolve));
		const port = (server.address() as AddressInfo).port;

		// Each phone on its own connection, as in a classroom.
		const phones = Array.from({ length: players }, () => {
			const agent = new Agent({ keepAlive: true, maxSockets: 1 });
			agents.push(agent);
			return agent;
		});
		const host = new Agent({ keepAlive: true, maxSockets: 1 });
		agents.push(host);
		// An address per phone and door: the rehearsal's codes are not in the server's database, so
		// each of its joins and streams counts as a wrong code for its own address, never twice.
		const address = (i: number, door: string) => ({ [ADDRESS_HEADER]: `rehearsal-${door}-${i}` });

		const cookies: string[] = new Array(players);
		await each(players, 50, async (i) => {
			const reply = await post(
				port,
				'/api/live/join',
				{ code: joinCode, nickname: `Rehearsal ${i + 1}` },
				address(i, 'join'),
				phones[i]
			);
			const cookie = String(reply.headers['set-cookie'] ?? '').split(';')[0];
			if (reply.status !== 200 || !cookie.startsWith(`${playerCookieName(gameId)}=`)) {
				throw new Error(`join ${reply.status} ${reply.body.slice(0, 200)}`);
			}
			cookies[i] = cookie;
		});

		// Every phone's event stream, read and counted.
		let eventBytes = 0;
		await each(players, 50, (i) => {
			return new Promise<void>((resolve, reject) => {
				const req = request(
					{
						host: '127.0.0.1',
						port,
						path: `/api/live/play/${joinCode}/events`,
						// Its own connection, as a browser's EventSource holds one beside the page's requests.
						agent: false,
						headers: { cookie: cookies[i], accept: 'text/event-stream', ...address(i, 'events') }
					},
					(res) => {
						if (res.statusCode !== 200) {
							reject(new Error(`event stream ${res.statusCode}`));
							return;
						}
						res.on('data', (chunk: Buffer) => (eventBytes += chunk.length));
						res.on('error', () => {});
						resolve();
					}
				);
				streams.push(req);
				req.on('error', reject);
				req.end();
			});
		});

		const hostHeaders = { cookie: `${SESSION_COOKIE}=${session}` };
		const command = async (name: string) => {
			const reply = await post(
				port,
				`/api/live/host/${gameId}/command`,
				{ command: name },
				hostHeaders,
				host
			);
			if (reply.status !== 200) throw new Error(`${name} ${reply.status} ${reply.body}`);
		};
		let answers = 0;
		await command('start');
		for (let step = 0; step < 4 * round.questions.length + 4; step++) {
			const game = games.get(gameId);
			const phase = String(game.snapshot.value);
			if (phase === 'ended') break;
			if (phase === 'question') {
				const index = game.snapshot.context.index;
				const question = game.questions[index];
				await each(players, 50, async (i) => {
					const reply = await post(
						port,
						`/api/live/play/${joinCode}/answer`,
						{
							questionIndex: index,
							requestId: `rehearsal-${i}-${index}`,
							response: responseTo(question, i % 2 === 0)
						},
						{ cookie: cookies[i], ...address(i, 'answer') },
						phones[i]
					);
					if (reply.status === 200) answers++;
				});
			}
			// Every player has answered: the question is closed; the host moves on.
			if (String(games.get(gameId).snapshot.value) !== 'ended') await command('next');
		}
		return {
			players,
			questions: round.questions.length,
			answers,
			eventBytes,
			ms: performance.now() - started
		};
	} finally {
		signal?.removeEventListener('abort', stop);
		live?.dispose();
		stop();
		await serverClosed;
		db.$client.close();
	}
}

/**
 * Start-up: the rehearsal when WARM_UP_PLAYERS is not 0, never holding the start longer than
 * 20 s; a failed rehearsal is logged and the server starts as it would without it.
 */
export async function warmUp(
	content: Db,
	raw = process.env.WARM_UP_PLAYERS,
	limitMs = TIME_LIMIT_MS
): Promise<void> {
	const players = warmUpPlayers(raw);
	if (players === 0) return;
	const timeUp = new AbortController();
	let timer: ReturnType<typeof setTimeout> | undefined;
	// The start never waits past the limit, even for a step that cannot be cut short (the round
	// is made off the event loop): the rehearsal is told to stop and left to finish on its own.
	const late = new Promise<never>((_, reject) => {
		timer = setTimeout(() => {
			timeUp.abort();
			reject(new Error(`it took over ${limitMs / 1000} s`));
		}, limitMs);
	});
	const rehearsal = rehearse(content, players, timeUp.signal);
	rehearsal.catch(() => {});
	try {
		const result = await Promise.race([rehearsal, late]);
		console.log(
			`Warmed up: a rehearsal game of ${result.players} players and ${result.questions} questions in ${Math.round(result.ms)} ms.`
		);
	} catch (e) {
		console.warn(
			`The start-up rehearsal did not finish (${(e as Error).message}); serving without it.`
		);
	} finally {
		clearTimeout(timer);
	}
}

const KEY = Symbol.for('slant.warmUp');
type Holder = { [KEY]?: () => Promise<void> };

/**
 * Start-up: offers the rehearsal to scripts/serve.js, which awaits it before it listens (so
 * `vite dev`, which has no such server, plays none).
 */
export function registerWarmUp(run: () => Promise<void>): void {
	(globalThis as Holder)[KEY] = run;
}
