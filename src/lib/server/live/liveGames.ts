/**
 * Live classroom games on the server: the service the routes call. One XState machine snapshot
 * per game (kept by the registry, restored from SQLite); players, answers and scores in the
 * database; Server-Sent Event streams per browser.
 *
 * Write, then apply: the next state is computed with XState's pure `transition()`, stored (with
 * the rows that go with it) in one transaction, and only once that has committed does the game in
 * memory take it and browsers hear of it. A failed write leaves the game, the database and every
 * browser where they were.
 *
 * The parts, one job each: `schemas` (request bodies), `queries` (prepared statements),
 * `registry` (running games, create and restore), `closeQuestion` (scoring a closed question),
 * `views` (what host and players see), `streams` (event streams and fan-out), `answerChart`,
 * `ranking`, `cookies`. This file joins players, takes answers and host commands, and moves the
 * machine on.
 */
import * as v from 'valibot';
import { eq, and } from 'drizzle-orm';
import {
	liveGameMachine,
	MACHINE_VERSION,
	phaseOf,
	type LiveGameEvent,
	type LivePhase
} from '../../game/liveGame.machine';
import { checkNickname } from '../../game/nickname';
import { questionTechnique } from '../../game/round';
import {
	GRACE_MS,
	judgeAnswer,
	normaliseJoinCode,
	pastGrace,
	timedFrom
} from '../../game/answering';
import { isValidResponse } from '../../game/scoring';
import type { Question, RoundConfig } from '../../game/types';
import { makeRound } from '../content/rounds';
import type { Db } from '../db/open';
import { games, players } from '../db/schema';
import { hashToken, newId, newToken } from '../tokens';
import { closeQuestion } from './closeQuestion';
import { LiveError, NO_SEAT } from './errors';
import { activePlayerCount, answeredCount, prepareLiveQueries, type LiveQueries } from './queries';
import { LiveRegistry, type WorkerPlace } from './registry';
import {
	addSeat,
	forgetReads,
	markSent,
	readGiven,
	sentAt,
	seatByTokenHash,
	type AnswerRow,
	type LiveGame,
	type LiveSnapshot,
	liveSteps,
	type PlayerRow
} from './runningGame';
import { answerBodySchema, commandSchema, issuesMessage } from './schemas';
import { LiveStreams, type EventSink, type Who } from './streams';
import type { AnswerReceipt, HostView, PlayerView } from '../../game/views';
import { hostView, playerView, playerViewParts } from './views';

/** Heartbeat comment interval on event streams. */
export const HEARTBEAT_MS = 15_000;

/**
 * When `send()` rewrites the game's snapshot row: after every accepted event, or only when the phase
 * or the question changes (joins and answers, whose counts are recounted on restore).
 */
type Persist = 'always' | 'onPhaseChange';

export interface LiveGamesOptions {
	hostPushMs?: number;
	heartbeatMs?: number;
	/** Players seated in one game at most (removed ones do not count). */
	maxPlayers?: number;
	/** Which worker process this is, when several serve (it runs the games whose codes it owns). */
	worker?: WorkerPlace;
}

export type HostCommand = 'start' | 'next' | 'skip' | 'end';

/** The reply to a JSON join (docs/api.md). */
export interface JoinReply {
	gameId: string;
	code: string;
	playerId: string;
	nickname: string | null;
	rejoined: boolean;
}
/** The machine event of a host command at `now` (server clock). */
function commandEvent(command: HostCommand, now: number): LiveGameEvent {
	switch (command) {
		case 'start':
			return { type: 'START', now };
		case 'next':
			return { type: 'NEXT', now };
		case 'skip':
			return { type: 'SKIP', now };
		case 'end':
			return { type: 'END' };
	}
}

function statusOf(phase: LivePhase): 'open' | 'running' | 'ended' {
	if (phase === 'lobby') return 'open';
	if (phase === 'ended') return 'ended';
	return 'running';
}

/** An answer that passed every check, ready to be stored. */
interface CheckedAnswer {
	game: LiveGame;
	player: PlayerRow;
	index: number;
	requestId: string;
	row: Omit<AnswerRow, 'id'>;
}

function receiptOf(a: CheckedAnswer): AnswerReceipt {
	return { accepted: true, questionIndex: a.index, requestId: a.requestId, replayed: false };
}

export class LiveGames {
	private readonly maxPlayers: number;
	private readonly q: LiveQueries;
	private readonly registry: LiveRegistry;
	private readonly streams: LiveStreams;

	constructor(
		private readonly db: Db,
		options: LiveGamesOptions = {}
	) {
		this.q = prepareLiveQueries(db);
		this.maxPlayers = options.maxPlayers ?? Infinity;
		this.registry = new LiveRegistry(
			db,
			this.q,
			(game) => {
				this.armDeadline(game);
				// A deadline that passed while the server was down closes the question now.
				this.tick(game);
			},
			options.worker
		);
		this.streams = new LiveStreams(
			{
				host: (game) => hostView(this.q, game),
				playerParts: (game) => playerViewParts(this.q, game)
			},
			{ hostPushMs: options.hostPushMs ?? 300, heartbeatMs: options.heartbeatMs ?? HEARTBEAT_MS }
		);
	}

	// ---------------------------------------------------------------- games

	/**
	 * Creates a live game from a round configuration (the round is built now and frozen in the
	 * database). `questions` replaces the round builder, for tests.
	 */
	create(
		config: RoundConfig,
		options: { ownerId?: string | null; questions?: Question[]; seed?: string; title?: string } = {}
	): { gameId: string; joinCode: string } {
		const game = this.registry.create(config, options);
		return { gameId: game.id, joinCode: game.code };
	}

	/**
	 * Creates a live game for a teacher from a round configuration, the round made off the event
	 * loop (content/rounds.ts, which refuses a choice no round can be made from).
	 */
	async createFromConfig(
		config: RoundConfig,
		options: { ownerId: string; title?: string }
	): Promise<{ gameId: string; joinCode: string }> {
		const round = await makeRound(this.db, config, {
			audience: 'class',
			teacherId: options.ownerId
		});
		return this.create(round.config, { ...options, questions: round.questions, seed: round.seed });
	}

	/** Restores every live game that has not ended (server start-up). Returns how many. */
	restoreAll(): number {
		return this.registry.restoreAll();
	}

	/** The game with this id, from memory or the database. */
	get(gameId: string): LiveGame {
		const game = this.registry.find(gameId);
		if (!game) throw new LiveError(404, 'game_not_found', 'There is no live game with this id.');
		this.tick(game);
		return game;
	}

	/** The newest live game with this join code (ended games included, for their podium). */
	byCode(code: string): LiveGame {
		return this.get(this.registry.idByCode(code));
	}

	/**
	 * The game a player's request names by `code`: as `byCode`, but a code no game has is 401 (the
	 * refusal of a device with no seat), so that a stranger cannot learn which codes exist.
	 */
	playerGame(code: string): LiveGame {
		try {
			return this.byCode(code);
		} catch (e) {
			if (e instanceof LiveError && e.code === 'game_not_found') {
				throw new LiveError(401, 'no_seat', NO_SEAT);
			}
			throw e;
		}
	}

	/**
	 * Throws unless the signed-in teacher `teacherId` owns this game. Anyone else (another teacher,
	 * a player, someone signed out) is told there is no such game: a 404, as for a wrong id.
	 */
	authorizeHost(game: LiveGame, teacherId: string | undefined): void {
		const row = this.q.owner.get({ gameId: game.id });
		if (!teacherId || !row?.ownerId || row.ownerId !== teacherId) {
			throw new LiveError(404, 'game_not_found', 'There is no live game with this id.');
		}
	}

	phase(game: LiveGame): LivePhase {
		return phaseOf(game.snapshot.value);
	}

	// ---------------------------------------------------------------- players

	/**
	 * Seats a player. A device that already holds a valid token for this game gets its seat back
	 * (same nickname, score and streak) whatever nickname it sends.
	 */
	join(
		code: string,
		rawNickname: unknown,
		existingToken?: string
	): { game: LiveGame; player: PlayerRow; token: string; rejoined: boolean } {
		const game = this.byCode(code);
		if (existingToken) {
			const seat = this.playerByToken(game, existingToken);
			if (seat) {
				if (seat.removed) {
					throw new LiveError(403, 'removed', 'The host removed you from this game.');
				}
				return { game, player: seat, token: existingToken, rejoined: true };
			}
		}
		const snapshot = game.snapshot;
		if (!snapshot.hasTag('joinable')) {
			throw new LiveError(410, 'game_over', 'This game is over: it no longer takes players.');
		}
		const check = checkNickname(rawNickname);
		if (!check.ok) throw new LiveError(400, 'bad_nickname', check.message);
		const token = newToken();
		const before = game.snapshot;
		// The machine counts the seats that are not removed (every join and removal recounts them,
		// a restore reads them again), so the limit needs no count of the players table.
		const seatedBefore = before.context.players;
		if (seatedBefore >= this.maxPlayers) {
			throw new LiveError(
				429,
				'game_full',
				`This game is full: it takes at most ${this.maxPlayers} players.`
			);
		}
		// The seat is the join's one write, one statement committed on its own (no transaction
		// around it): the machine's PLAYERS step only counts and never moves the phase, so `write`
		// stores nothing for it. The step is computed before the insert, so that nothing after the
		// insert can fail.
		const after = this.write(
			game,
			before,
			{ type: 'PLAYERS', count: seatedBefore + 1 },
			'onPhaseChange'
		);
		const player = this.q.insertPlayer.run({
			id: newId(),
			gameId: game.id,
			nickname: check.nickname,
			nicknameKey: check.key,
			tokenHash: hashToken(token),
			joinedAt: new Date()
		});
		if (!player) {
			throw new LiveError(
				409,
				'nickname_taken',
				`Someone in this game is already called “${check.nickname}”. Please pick another nickname.`
			);
		}
		this.apply(game, before, after);
		addSeat(game, player);
		this.streams.scheduleHostPush(game);
		return { game, player, token, rejoined: false };
	}

	/**
	 * The one door of a JSON join, `{ code, nickname }`, whatever carries it (the node:http
	 * endpoint, the JSON route): the code read as typed (400 `bad_code` unless a string of 6
	 * digits once spaces are dropped; 404 when no game has it), then `join` with the token
	 * `tokenOf` reads for that game. Returns the reply and the seat's token, for the caller's cookie.
	 */
	joinFromJson(
		body: unknown,
		tokenOf: (gameId: string) => string | undefined
	): { reply: JoinReply; gameId: string; token: string } {
		const { code, nickname } = (body ?? {}) as { code?: unknown; nickname?: unknown };
		if (typeof code !== 'string') throw new LiveError(400, 'bad_code', 'A join code is 6 digits.');
		const game = this.byCode(normaliseJoinCode(code) ?? '');
		const joined = this.join(game.code, nickname, tokenOf(game.id));
		return {
			reply: {
				gameId: game.id,
				code: game.code,
				playerId: joined.player.id,
				nickname: joined.player.nickname,
				rejoined: joined.rejoined
			},
			gameId: game.id,
			token: joined.token
		};
	}

	/**
	 * The seat this token holds in this game, removed or not: from the seats in memory (read once
	 * and kept while unchanged), else from the database.
	 */
	playerByToken(game: LiveGame, token: string | undefined): PlayerRow | null {
		if (!token) return null;
		const known = game.tokenHashes?.get(token);
		const tokenHash = known ?? hashToken(token);
		const seat =
			seatByTokenHash(this.q, game, tokenHash) ??
			this.q.playerByToken.get({ gameId: game.id, tokenHash }) ??
			null;
		if (seat && known === undefined) (game.tokenHashes ??= new Map()).set(token, tokenHash);
		return seat;
	}

	private requirePlayer(game: LiveGame, token: string | undefined): PlayerRow {
		const player = this.playerByToken(game, token);
		if (!player) {
			throw new LiveError(401, 'no_seat', NO_SEAT);
		}
		if (player.removed) throw new LiveError(403, 'removed', 'The host removed you from this game.');
		return player;
	}

	/** Removes a player: they are told, cannot answer, and no longer hold up a question. */
	remove(game: LiveGame, playerId: string): void {
		this.removeThen(game, playerId)();
	}

	/** `remove`, the browsers told by the returned function (see `hostCommand`). */
	private removeThen(game: LiveGame, playerId: string): () => void {
		const before = game.snapshot;
		let after: LiveSnapshot;
		try {
			after = this.db.transaction((tx) => {
				const row = tx
					.update(players)
					.set({ removed: true })
					.where(and(eq(players.gameId, game.id), eq(players.id, playerId)))
					.returning({ id: players.id })
					.get();
				if (!row) {
					throw new LiveError(404, 'player_not_found', 'That player is not in this game.');
				}
				let next = before;
				if (next.status === 'active' && next.matches('question')) {
					next = this.write(game, next, {
						type: 'ANSWERED',
						count: answeredCount(this.q, game.id, next.context.index)
					});
				}
				return this.write(game, next, {
					type: 'PLAYERS',
					count: activePlayerCount(this.q, game.id)
				});
			});
		} finally {
			game.seats = undefined;
		}
		const changed = this.adopt(game, before, after);
		return () => {
			if (changed) this.tell(game, before, after);
			this.streams.pushToPlayer(game, playerId);
			this.streams.scheduleHostPush(game);
		};
	}

	// ---------------------------------------------------------------- answers

	/**
	 * The one door of a live answer, whatever carries it (the node:http endpoint, the JSON route,
	 * the no-JavaScript form): the game with `code` as a player finds it (closing a question whose
	 * time is up), the token `tokenOf` reads for that game, and the grouped commit; the receipt
	 * comes once the answer is stored.
	 */
	submitAnswer(
		code: string,
		tokenOf: (gameId: string) => string | undefined,
		body: unknown
	): Promise<AnswerReceipt> {
		const game = this.playerGame(code);
		return this.answerGrouped(game, tokenOf(game.id), body);
	}

	/**
	 * Stores one answer for the player holding `token`. The body is validated here; points are
	 * computed now (server clock) and added to the player's score when the question closes.
	 */
	answer(game: LiveGame, token: string | undefined, body: unknown): AnswerReceipt {
		const checked = this.checkAnswer(game, token, body);
		if ('replayed' in checked) return checked;
		this.storeAnswers([checked])();
		return receiptOf(checked);
	}

	/**
	 * `answer()` with group commit: the answer is checked now, then stored together with the
	 * other answers that arrive in the same turn of the event loop, in one transaction; the
	 * receipt comes once that transaction has committed (a refusal comes at once).
	 */
	answerGrouped(game: LiveGame, token: string | undefined, body: unknown): Promise<AnswerReceipt> {
		const checked = this.checkAnswer(game, token, body);
		if ('replayed' in checked) return Promise.resolve(checked);
		return new Promise((resolve, reject) => {
			this.answerQueue.push({ answer: checked, resolve, reject });
			game.queued ??= new Map();
			game.queued.set(checked.player.id, checked.requestId);
			if (this.answerQueue.length === 1) setImmediate(() => this.flushAnswers());
		});
	}

	private answerQueue: {
		answer: CheckedAnswer;
		resolve: (receipt: AnswerReceipt) => void;
		reject: (e: unknown) => void;
	}[] = [];

	/**
	 * Stores every queued answer in one transaction, then acknowledges each. An answer whose
	 * question closed while it waited (a host command in the same turn) is refused, not stored.
	 */
	private flushAnswers(): void {
		const queue = this.answerQueue;
		this.answerQueue = [];
		const open: typeof queue = [];
		for (const item of queue) {
			const { game, index } = item.answer;
			game.queued?.delete(item.answer.player.id);
			const snapshot = game.snapshot;
			if (snapshot.matches('question') && snapshot.context.index === index) open.push(item);
			else {
				item.reject(
					new LiveError(
						409,
						'question_closed',
						'That question has closed: answers are no longer taken.'
					)
				);
			}
		}
		if (open.length === 0) return;
		const tellings: (() => void)[] = [];
		try {
			tellings.push(this.storeAnswers(open.map((q) => q.answer)));
			for (const { answer, resolve } of open) resolve(receiptOf(answer));
		} catch {
			// One bad answer must not sink the others: store them one by one.
			for (const { answer, resolve, reject } of open) {
				try {
					tellings.push(this.storeAnswers([answer]));
					resolve(receiptOf(answer));
				} catch (e) {
					reject(e);
				}
			}
		}
		// After the acknowledgements have been written (they are promise reactions, run before the
		// next turn of the event loop): a phase change's fan-out does not delay them.
		setImmediate(() => {
			for (const tell of tellings) tell();
		});
	}

	/**
	 * Validates and scores an answer without writing anything; a retry of a stored request comes
	 * back as its receipt. Throws the LiveError a refusal gets.
	 */
	private checkAnswer(
		game: LiveGame,
		token: string | undefined,
		body: unknown
	): CheckedAnswer | AnswerReceipt {
		// No tick here: every door finds the game with get() or byCode(), which tick once.
		const parsed = v.safeParse(answerBodySchema, body);
		if (!parsed.success) {
			throw new LiveError(
				400,
				'bad_request',
				`The answer is malformed: ${issuesMessage(parsed.issues)}.`
			);
		}
		const { questionIndex, requestId, response, confidence } = parsed.output;
		const player = this.requirePlayer(game, token);
		const snapshot = game.snapshot;
		// The current question's answers are kept in memory (see readGiven); older ones are read.
		const existing =
			questionIndex === snapshot.context.index
				? readGiven(this.q, game).get(player.id)
				: this.q.answerOf.get({ playerId: player.id, index: questionIndex });
		if (existing && existing.requestId === requestId) {
			return { accepted: true, questionIndex, requestId, replayed: true };
		}
		if (existing && existing.requestId !== null) {
			throw new LiveError(409, 'already_answered', 'You have already answered this question.');
		}
		const queued = game.queued?.get(player.id);
		if (queued !== undefined && questionIndex === snapshot.context.index) {
			// The same answer is being stored right now (a retry racing its original): 409 either way,
			// as a second answer would get once the first is stored.
			throw new LiveError(409, 'already_answered', 'You have already answered this question.');
		}
		const { index, startedAt, deadline, limitMs } = snapshot.context;
		if (!snapshot.matches('question') || questionIndex !== index || existing) {
			throw new LiveError(
				409,
				'question_closed',
				questionIndex < index || existing
					? 'That question has closed: answers are no longer taken.'
					: 'That question is not open for answers.'
			);
		}
		const now = Date.now();
		if (pastGrace(deadline, now)) {
			throw new LiveError(409, 'too_late', 'Time is up for this question.');
		}
		const question = game.questions[index];
		if (!isValidResponse(question, response)) {
			throw new LiveError(
				400,
				'bad_response',
				`That answer does not fit this question (a ${question.kind} question).`
			);
		}
		// Timed from when this player was sent the question, not from its opening (fair timing).
		const from = timedFrom(startedAt, sentAt(game, index, player.id));
		const judged = judgeAnswer(
			question,
			response,
			{ now, startedAt: from, deadline, limitMs },
			game.config,
			player.streak
		);
		if (judged.late) throw new LiveError(409, 'too_late', 'Time is up for this question.');
		const { result } = judged;
		return {
			game,
			player,
			index,
			requestId,
			row: {
				gameId: game.id,
				playerId: player.id,
				questionIndex: index,
				itemKey: question.itemKey,
				kind: question.kind,
				techniqueId: questionTechnique(question),
				requestId,
				response,
				confidence: game.config.askConfidence ? confidence : null,
				confidenceLevel: null,
				correct: result.correct,
				credit: result.credit,
				timeMs: judged.timeMs,
				timedOut: result.timedOut,
				closedBy: null,
				points: result.points,
				createdAt: new Date(now)
			}
		};
	}

	/**
	 * Writes checked answers in one transaction and moves each game's answer count on once (the
	 * last answer of a question closes it, as before); then updates what the views had read.
	 */
	private storeAnswers(batch: CheckedAnswer[]): () => void {
		// Write, then apply: the rows and each game's next state are stored in one transaction, and
		// only once it has committed do the games in memory take that state and tell browsers.
		const moves = new Map<LiveGame, { before: LiveSnapshot; after: LiveSnapshot }>();
		let stored: AnswerRow[];
		try {
			stored = this.db.transaction(() => {
				const rows = batch.map((a): AnswerRow => {
					const { changes, lastInsertRowid } = this.q.insertAnswer.run(a.row);
					if (changes !== 1) throw new Error('The answer was not stored.');
					return { ...a.row, id: Number(lastInsertRowid) };
				});
				const perGame = new Map<LiveGame, number>();
				for (const a of batch) perGame.set(a.game, (perGame.get(a.game) ?? 0) + 1);
				for (const [game, added] of perGame) {
					// The machine's count is exact: it restarts at 0 with each question, removals recount
					// it from the database, and these seats (not removed) had no answer to this question.
					const before = game.snapshot;
					const after = this.write(
						game,
						before,
						{ type: 'ANSWERED', count: before.context.answered + added },
						'onPhaseChange'
					);
					moves.set(game, { before, after });
				}
				return rows;
			});
		} catch (e) {
			// The transaction was rolled back: what the views had read may no longer be true.
			for (const a of batch) forgetReads(a.game);
			throw e;
		}
		// Before apply(): if these answers closed the question, apply() pushes views that include them.
		batch.forEach((a, i) => {
			if (a.game.given?.index === a.index) a.game.given.byPlayer.set(a.player.id, stored[i]);
		});
		const changed = [...moves].filter(([game, { before, after }]) =>
			this.adopt(game, before, after)
		);
		// The games have their new state now; browsers are told by the caller, once it has
		// acknowledged the answers, so that the answer that closes a question is not acknowledged
		// only after the whole class has been sent the reveal.
		return () => {
			for (const [game, { before, after }] of changed) {
				this.tell(game, before, after);
				this.streams.scheduleHostPush(game);
			}
		};
	}

	// ---------------------------------------------------------------- host commands

	/**
	 * The one door of a host command, whatever carries it (the node:http endpoint, the JSON route):
	 * the game with this id (404), hosted by the signed-in teacher `teacherId` (404 for anyone
	 * else), the command in `body` (400), stored (409 when the phase does not allow it). Returns
	 * the host's view after it. Store, reply, then tell: the browsers hear of the change on the next
	 * turn of the event loop, once the caller has written its reply, so that a class's fan-out
	 * does not hold up the host's answer.
	 */
	hostCommand(gameId: string, teacherId: string | undefined, body: unknown): HostView {
		const game = this.get(gameId);
		this.authorizeHost(game, teacherId);
		const parsed = v.safeParse(commandSchema, body);
		if (!parsed.success) {
			throw new LiveError(
				400,
				'bad_command',
				'Send { "command": "start" | "next" | "skip" | "end" } or { "command": "remove", "playerId": "…" }.'
			);
		}
		const cmd = parsed.output;
		const tell =
			cmd.command === 'remove'
				? this.removeThen(game, cmd.playerId)
				: this.commandThen(game, cmd.command);
		setImmediate(() => {
			try {
				tell();
			} catch (e) {
				// Out here an error would end the process and every game in it.
				console.error(`Live game ${game.id}: telling the browsers of a host command failed`, e);
			}
		});
		return this.hostView(game);
	}

	/** Applies a host command and tells the browsers at once; 409 when the phase does not allow it. */
	command(game: LiveGame, command: HostCommand): void {
		this.commandThen(game, command)();
	}

	/** `command`, the browsers told by the returned function. */
	private commandThen(game: LiveGame, command: HostCommand): () => void {
		const before = game.snapshot;
		const after = this.store(game, commandEvent(command, Date.now()));
		if (!this.adopt(game, before, after)) {
			throw new LiveError(
				409,
				'not_now',
				`“${command}” is not possible while the game is in the ${this.phase(game)} phase.`
			);
		}
		return () => this.tell(game, before, after);
	}

	/** Closes the current question if its time is up (server clock, with the grace period). */
	tick(game: LiveGame): void {
		const snapshot = game.snapshot;
		const { deadline } = snapshot.context;
		const now = Date.now();
		if (snapshot.matches('question') && pastGrace(deadline, now)) {
			this.send(game, { type: 'CLOSE', now });
		}
	}

	// ---------------------------------------------------------------- transitions

	/**
	 * Moves the game on by one event: computes the next state, stores it (see `write`) in its own
	 * transaction, then applies it (see `apply`). An event the state ignores changes nothing.
	 */
	private send(game: LiveGame, event: LiveGameEvent, persist: Persist = 'always'): void {
		const before = game.snapshot;
		this.apply(game, before, this.store(game, event, persist));
	}

	/** The state after `event`, stored in its own transaction (see `write`) but not yet applied. */
	private store(game: LiveGame, event: LiveGameEvent, persist: Persist = 'always'): LiveSnapshot {
		const before = game.snapshot;
		if (before.status !== 'active') return before;
		try {
			return this.db.transaction(() => this.write(game, before, event, persist));
		} catch (e) {
			// The transaction was rolled back: what the views had read may no longer be true.
			forgetReads(game);
			throw e;
		}
	}

	/**
	 * The state after `event` from `from`, with what it changes written in the caller's
	 * transaction: a question that closes is scored, and the snapshot row is rewritten (see
	 * `Persist`). The game in memory is not touched: that is `apply()`'s job once the write commits.
	 */
	private write(
		game: LiveGame,
		from: LiveSnapshot,
		event: LiveGameEvent,
		persist: Persist = 'always'
	): LiveSnapshot {
		if (from.status !== 'active') return from;
		const after = liveSteps.transition(from, event);
		if (after.context.version === from.context.version) return from;
		const leftQuestion =
			from.matches('question') &&
			(!after.matches('question') || after.context.index !== from.context.index);
		if (leftQuestion) closeQuestion(this.q, game, from.context.index, after.context);
		const moved = after.value !== from.value || after.context.index !== from.context.index;
		if (!moved && persist === 'onPhaseChange') return after;
		const phase = phaseOf(after.value);
		this.db
			.update(games)
			.set({
				snapshot: liveGameMachine.getPersistedSnapshot(after),
				machineVersion: MACHINE_VERSION,
				status: statusOf(phase),
				updatedAt: new Date(),
				...(phase === 'ended' ? { endedAt: new Date() } : {})
			})
			.where(eq(games.id, game.id))
			.run();
		return after;
	}

	/**
	 * Makes a stored state the game's own: re-arms the deadline, and tells browsers (everyone on a
	 * phase change, the host only otherwise). A game that reached its final state leaves memory.
	 */
	private apply(game: LiveGame, before: LiveSnapshot, after: LiveSnapshot): void {
		if (this.adopt(game, before, after)) this.tell(game, before, after);
	}

	/** The memory half of `apply`: the game takes the state at once. False when nothing changed. */
	private adopt(game: LiveGame, before: LiveSnapshot, after: LiveSnapshot): boolean {
		if (after === before || after.context.version === before.context.version) return false;
		game.snapshot = after;
		if (after.matches('question') && after.context.index !== before.context.index) {
			// A question that has just opened has no answers: its views need not read any.
			game.given = { index: after.context.index, byPlayer: new Map() };
		}
		this.armDeadline(game);
		return true;
	}

	/** The browsers' half of `apply`: what the new state changes on their screens. */
	private tell(game: LiveGame, before: LiveSnapshot, after: LiveSnapshot): void {
		if (after.value !== before.value || after.context.index !== before.context.index) {
			this.streams.pushAll(game);
			if (after.status !== 'active') this.retire(game);
		} else {
			this.streams.scheduleHostPush(game);
		}
	}

	private armDeadline(game: LiveGame): void {
		clearTimeout(game.deadlineTimer);
		game.deadlineTimer = undefined;
		const snapshot = game.snapshot;
		const { deadline } = snapshot.context;
		if (!snapshot.matches('question') || deadline === null) return;
		const wait = Math.max(0, deadline + GRACE_MS - Date.now());
		game.deadlineTimer = setTimeout(() => {
			game.deadlineTimer = undefined;
			try {
				this.tick(game);
			} catch (e) {
				console.error(`Live game ${game.id}: closing the question failed`, e);
			}
		}, wait);
		game.deadlineTimer.unref?.();
	}

	/** A game that reached its final state leaves memory once its browsers have been told. */
	private retire(game: LiveGame): void {
		clearTimeout(game.deadlineTimer);
		this.streams.closeAll(game);
		this.registry.forget(game);
	}

	// ---------------------------------------------------------------- views and streams

	/**
	 * The view of one player (a /state reply, the game page). An open question in it counts as sent
	 * to that player now, if nothing sent it before (see `timedFrom`).
	 */
	playerView(game: LiveGame, playerId: string): PlayerView {
		const view = playerView(this.q, game, playerId);
		if (view.phase === 'question') markSent(game, view.index, playerId, Date.now());
		return view;
	}

	/** The host's view. */
	hostView(game: LiveGame): HostView {
		return hostView(this.q, game);
	}

	/**
	 * An SSE stream for one browser: the current state first (id = the game's version), then a
	 * `state` event on every change that concerns it, and a heartbeat comment. Closes on abort;
	 * `onClose` runs once when it ends.
	 */
	openStream(
		game: LiveGame,
		who: Who,
		signal?: AbortSignal,
		onClose?: () => void
	): ReadableStream<Uint8Array> {
		return this.streams.open(game, who, signal, onClose);
	}

	/** The same stream written to any sink (the node:http event stream); returns its closer. */
	attachStream(game: LiveGame, who: Who, sink: EventSink, onClose?: () => void): () => void {
		return this.streams.attach(game, who, sink, onClose);
	}

	/**
	 * Drops a game from memory once its rows are deleted: timers stopped, streams closed (the
	 * browsers then find no such game). Nothing happens for a game that is not in memory.
	 */
	discard(gameId: string): void {
		for (const game of this.registry.running()) {
			if (game.id === gameId) {
				this.retire(game);
				return;
			}
		}
	}

	/** Ends every open stream (server shutdown) and stops the timers. */
	shutdown(): void {
		for (const game of this.registry.running()) {
			clearTimeout(game.deadlineTimer);
			this.streams.closeAll(game);
		}
	}

	/** Stops everything and forgets the games (tests). */
	dispose(): void {
		this.shutdown();
		this.registry.clear();
	}
}
