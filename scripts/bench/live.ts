/**
 * Live games: a host and `players` phones play a whole game over HTTP and event streams, as the
 * pages do (several games at once on one server when asked); the figures of join and answer
 * latency, fan-out, bytes per player, server CPU, memory and event-loop delay, and whether every
 * acknowledged answer was stored.
 */
import { bareFanout, type BareFanout } from './bareFanout';
import { Stream, sleep, until, type Received, type View } from './client';
import { fmtMap, maxOf, median, stats, type Figures, type RunResult } from './figures';
import { createLiveGame, dbFigures, joinPlayers, randomResponse, sendAnswer } from './liveGame';
import type { Options } from './options';
import {
	serverStats,
	startServer,
	stopServer,
	tcpCounters,
	type Server,
	type ServerStats
} from './servers';

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
	/** From the first join sent to the last join's reply. */
	joinWallMs: number;
	/** Host commands: which, and the milliseconds until their reply. */
	commands: { name: string; phase: string; question: number; ms: number }[];
	/** Bytes of each `state` event of the question phase, as the players received them. */
	questionEventBytes: number[];
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
	ready: () => Promise<void> = async () => {},
	joinedAll: () => Promise<void> = async () => {},
	createdAll: () => Promise<void> = async () => {}
): Promise<GameResult> {
	const { port } = server;
	const { gameId, hostCookie, code, command } = await createLiveGame(
		port,
		opts.questions,
		opts.seconds
	);
	const hostStream = new Stream();
	await hostStream.open(port, `/api/live/host/${gameId}/events`, hostCookie);
	// Every game is created (its teacher signed up, its round made) before any join is sent.
	await createdAll();
	const joinsFrom = performance.now();
	const joined = await joinPlayers(port, gameId, code, n);
	const joinWallMs = performance.now() - joinsFrom;
	const { cookies, phones } = joined;
	// Every game's joins are over before any stream opens: the server's CPU per join is read then.
	await joinedAll();

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
	const commands: GameResult['commands'] = [];
	const timed = async (name: string, phase: string, question: number) => {
		triggers.push({ phase, question, at: performance.now() });
		commands.push({ name, phase, question, ms: await command(name) });
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
		joinWallMs,
		commands,
		questionEventBytes: all.flatMap((s) =>
			s.events.filter((e) => e.phase === 'question').map((e) => e.bytes)
		),
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

/**
 * Slant against the bare fan-out reference of the same run (`bare`: as many streams as the
 * scenario's players, in one group per game, sent events of the size of its question events):
 * the fan-out to the last player, the spread and the server's CPU per fan-out, for the first
 * question (every game of the scenario starts at once) and the later ones, and as ratios.
 */
function againstBare(results: GameResult[], game: ServerStats, bare: BareFanout): Figures {
	const games = results.length;
	const perGame = (phase: string, first: boolean) =>
		results.flatMap((r) =>
			r.fanouts.filter((f) => f.phase === phase && (f.question === 0) === first)
		);
	const firstToLast = perGame('question', true).map((f) => f.toLast);
	const laterToLast = perGame('question', false).map((f) => f.toLast);
	const bareToLast = median(bare.toLast);
	const bareGroupMedian = median(bare.groupToLast);
	const players = results[0]?.players ?? 0;
	// The server's own fan-outs of a whole game (not a host refresh), per stream written to.
	const perStream = (phase: string, first: boolean) =>
		(game.fanouts ?? [])
			.filter(
				(f) =>
					f.phase === phase &&
					f.cpuMs !== undefined &&
					(f.index === 0) === first &&
					f.streams >= 0.9 * players
			)
			.map((f) => (f.cpuMs as number) / f.streams);
	const bareCpuPerStream = median(bare.cpuMs) / (players * games);
	const figures: Figures = {
		'bare: fan-out to last (median)': bareToLast,
		'bare: fan-out spread (median)': median(bare.spread),
		'bare: server CPU per fan-out (median)': median(bare.cpuMs)
	};
	if (games > 1) {
		figures['bare: to the last of a group of the size of a game (median group)'] = bareGroupMedian;
		figures['first question to last, median game'] = median(firstToLast);
		figures['first question to last, worst game'] = maxOf(firstToLast);
		figures['ratio to bare: first question, median game / median group'] =
			median(firstToLast) / bareGroupMedian;
		figures['ratio to bare: first question, worst game / all streams'] =
			maxOf(firstToLast) / bareToLast;
		figures['ratio to bare: later questions, worst game / all streams'] =
			maxOf(laterToLast) / bareToLast;
	} else {
		figures['first question to last'] = median(firstToLast);
		figures['later questions to last (median)'] = median(laterToLast);
		figures['ratio to bare: first question to last'] = median(firstToLast) / bareToLast;
		figures['ratio to bare: later questions to last'] = median(laterToLast) / bareToLast;
	}
	const spread = [...perGame('question', true), ...perGame('question', false)].map((f) => f.spread);
	// A game's spread against a group of as many streams (the whole reference for one game).
	figures['ratio to bare: question spread (median)'] = median(spread) / median(bare.groupSpread);
	figures['server CPU per question fan-out, first (ms)'] =
		median(perStream('question', true)) * players;
	figures['server CPU per question fan-out, later (ms, median)'] =
		median(perStream('question', false)) * players;
	figures['ratio to bare: CPU per stream, first question'] =
		median(perStream('question', true)) / bareCpuPerStream;
	figures['ratio to bare: CPU per stream, later questions'] =
		median(perStream('question', false)) / bareCpuPerStream;
	figures['ratio to bare: CPU per stream, leaderboard'] =
		median(perStream('leaderboard', false)) / bareCpuPerStream;
	return figures;
}

/** Figures of one or several games played at once on one server. */
function liveFigures(
	results: GameResult[],
	joins: ServerStats,
	game: ServerStats,
	start: ServerStats,
	joining: { from: ServerStats; to: ServerStats }
): RunResult {
	const answers = results.flatMap((r) => r.answers);
	const ok = answers.filter((a) => a.status === 200);
	const lat = stats(ok.map((a) => a.doneAt - a.sentAt));
	const joinLat = stats(results.flatMap((r) => r.joinLatencies));
	const fan = results.flatMap((r) => r.fanouts);
	const fanOf = (phase: string) => fan.filter((f) => f.phase === phase);
	const joinCount = results.reduce((sum, r) => sum + r.joinLatencies.length, 0);
	const commandMs = results.flatMap((r) => r.commands.map((c) => c.ms));
	const startMs = results.flatMap((r) =>
		r.commands.filter((c) => c.name === 'start').map((c) => c.ms)
	);
	const figures: Figures = {
		'join p50': joinLat.p50,
		'join p99': joinLat.p99,
		'joins/s': joinCount / (maxOf(results.map((r) => r.joinWallMs)) / 1000),
		'server CPU per join (ms)':
			((joining.to.cpuSeconds - joining.from.cpuSeconds) * 1000) / joinCount,
		'host command reply p50': median(commandMs),
		'host command reply max': maxOf(commandMs),
		'start command reply (median game)': median(startMs),
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
	// A host command's and a join's time on the server (the client's figures add the bots' own
	// process, which plays every player and host at once).
	const commandsOnServer = stats(game.commandMs ?? []);
	figures['server command time p50'] = commandsOnServer.p50;
	figures['server command time max'] = commandsOnServer.max;
	figures['server join time p50'] = stats(joins.joinMs ?? []).p50;
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
export async function liveScenario(
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
		/** Waits until every game has called it; `then` runs once, before any game goes on. */
		const barrier = (then: () => Promise<void>) => {
			let arrived = 0;
			let release: () => void = () => {};
			const all = new Promise<void>((r) => (release = r));
			return async () => {
				if (++arrived === games) {
					await then();
					release();
				}
				await all;
			};
		};
		let created: ServerStats | undefined;
		let joined: ServerStats | undefined;
		let joins: ServerStats | undefined;
		const createdAll = barrier(async () => {
			created = await serverStats(opts.port, false);
		});
		const joinedAll = barrier(async () => {
			joined = await serverStats(opts.port, false);
		});
		const ready = barrier(async () => {
			joins = await serverStats(opts.port, true);
		});
		const results = await Promise.all(
			Array.from({ length: games }, () =>
				playGame(opts, players, spreadMs, server, ready, joinedAll, createdAll)
			)
		);
		const game = await serverStats(opts.port, false);
		const result = liveFigures(results, joins ?? start, game, start, {
			from: created ?? start,
			to: joined ?? start
		});
		// The bare reference in the same run: as many streams, events of the same size.
		const bytes = Math.round(median(results.flatMap((r) => r.questionEventBytes)));
		await stopServer(server);
		const bare = await bareFanout(opts, players * games, 5, bytes, games);
		result.problems.push(...bare.problems);
		Object.assign(result.figures, againstBare(results, game, bare));
		result.notes.push(
			`bare reference: ${players * games} streams${games > 1 ? ` in ${games} groups` : ''}, 5 events of ${bytes} bytes (the median question event)`
		);
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
