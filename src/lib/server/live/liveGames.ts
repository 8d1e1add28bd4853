/**
 * Live classroom games on the server: one XState actor per game in an in-memory registry,
 * restored from SQLite and persisted after every transition; players, answers and scores in the
 * database; Server-Sent Event streams per browser.
 *
 * Fan-out is kept linear: a phase change sends each connected browser one event (its own view);
 * answers and joins only refresh the host's screen, at most every `hostPushMs`.
 */
import { and, count, desc, eq, ne, sql } from 'drizzle-orm';
import * as v from 'valibot';
import { createActor, type Actor } from 'xstate';
import { revealQuestion } from '../../game/feedback';
import {
	liveGameMachine,
	MACHINE_VERSION,
	phaseOf,
	type LiveGameContext,
	type LiveGameEvent,
	type LiveGameTag,
	type LivePhase
} from '../../game/liveGame.machine';
import { checkNickname } from '../../game/nickname';
import { buildRound, toPublicQuestion, questionTechnique } from '../../game/round';
import { isValidResponse, scoreAnswer } from '../../game/scoring';
import { FAMILY_IDS, TECHNIQUE_IDS, techniqueById } from '../../game/techniques';
import type { Question, Response, RoundConfig } from '../../game/types';
import type { Db } from '../db/open';
import { loadItemStats, loadRoundContent } from '../db/queries';
import { answers, games, players } from '../db/schema';
import { allocateJoinCode } from '../joinCodes';
import { hashToken, newId, newSeed, newToken } from '../tokens';
import { LiveError } from './errors';
import type {
	AnswerReceipt,
	DistributionBar,
	HostView,
	LiveGameInfo,
	LiveQuestionView,
	PlayerResult,
	PlayerView,
	RankEntry
} from './types';

/** Answers arriving this long after the deadline still count (network latency). */
export const GRACE_MS = 750;
/** Heartbeat comment interval on event streams. */
export const HEARTBEAT_MS = 15_000;

type LiveActor = Actor<typeof liveGameMachine>;
type PlayerRow = typeof players.$inferSelect;
type AnswerRow = typeof answers.$inferSelect;
/** The parts of a persisted machine snapshot this module reads (the rest is XState's). */
type PersistedLiveSnapshot = { value: unknown; context?: LiveGameContext } & Record<
	string,
	unknown
>;

/**
 * When `send()` rewrites the game's snapshot row: after every accepted event, or only when the phase
 * or the question changes (joins and answers, whose counts are recounted on restore).
 */
type Persist = 'always' | 'onPhaseChange';

export interface LiveClient {
	role: 'host' | 'player';
	/** For players. */
	playerId?: string;
	send(chunk: string): void;
	close(): void;
}

interface LiveGame {
	id: string;
	code: string;
	config: RoundConfig;
	questions: Question[];
	actor: LiveActor;
	clients: Set<LiveClient>;
	deadlineTimer?: ReturnType<typeof setTimeout>;
	hostPushTimer?: ReturnType<typeof setTimeout>;
	/** The game's seats as last read (see `seats()`); dropped whenever scores or seats change. */
	seats?: Seats;
	/** Answers to the current question as last read (see `given()`); kept up to date by `answer()`. */
	given?: { index: number; byPlayer: Map<string, AnswerRow> };
}

/**
 * Every seat of a game, shared by all the views built until something changes it, so that opening
 * a stream costs O(1) rather than loading and ranking the whole class.
 */
interface Seats {
	rows: PlayerRow[];
	byId: Map<string, PlayerRow>;
	/** Competition rank by score among non-removed players; built when first asked for. */
	rankByScore?: Map<number, number>;
	/** The full ranking (leaderboard, podium); built when first asked for. */
	ranking?: RankEntry[];
}

export interface LiveGamesOptions {
	graceMs?: number;
	hostPushMs?: number;
	heartbeatMs?: number;
}

/** Request bodies, validated at the edge. */
const responseSchema = v.variant('kind', [
	v.object({ kind: v.literal('name'), techniqueId: v.picklist(TECHNIQUE_IDS) }),
	v.object({
		kind: v.literal('find'),
		range: v.tuple([
			v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(100_000)),
			v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(100_000))
		])
	}),
	v.object({ kind: v.literal('judge'), loaded: v.boolean() })
]);

export const answerBodySchema = v.object({
	questionIndex: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(10_000)),
	requestId: v.pipe(v.string(), v.minLength(1), v.maxLength(100)),
	response: responseSchema
});

export const roundConfigSchema = v.object({
	articleId: v.nullable(v.pipe(v.string(), v.minLength(1), v.maxLength(200))),
	families: v.pipe(v.array(v.picklist(FAMILY_IDS)), v.maxLength(FAMILY_IDS.length)),
	count: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(50)),
	secondsPerQuestion: v.nullable(v.pipe(v.number(), v.integer(), v.minValue(5), v.maxValue(600))),
	scoring: v.picklist(['speed', 'accuracy']),
	streaks: v.boolean(),
	focusTechniques: v.optional(v.array(v.picklist(TECHNIQUE_IDS)), [])
});

export type HostCommand = 'start' | 'next' | 'skip' | 'end';
const COMMAND_EVENTS: Record<HostCommand, LiveGameEvent> = {
	start: { type: 'START' },
	next: { type: 'NEXT' },
	skip: { type: 'SKIP' },
	end: { type: 'END' }
};

function issuesMessage(issues: v.BaseIssue<unknown>[]): string {
	return issues
		.slice(0, 3)
		.map((i) => {
			const path = i.path?.map((p) => String(p.key)).join('.');
			return path ? `${path}: ${i.message}` : i.message;
		})
		.join('; ');
}

/** Orders nicknames as `localeCompare` does, without building a collator per comparison. */
const nicknameOrder = new Intl.Collator();

/** Competition ranking (equal scores share a rank) of non-removed players. */
function rankPlayers(rows: PlayerRow[]): RankEntry[] {
	const active = rows
		.filter((p) => !p.removed)
		.sort(
			(a, b) =>
				b.score - a.score ||
				b.correctCount - a.correctCount ||
				nicknameOrder.compare(a.nickname ?? '', b.nickname ?? '')
		);
	let rank = 0;
	return active.map((p, i) => {
		if (i === 0 || p.score !== active[i - 1].score) rank = i + 1;
		return {
			playerId: p.id,
			rank,
			nickname: p.nickname ?? '',
			score: p.score,
			correctCount: p.correctCount
		};
	});
}

function seatsOf(rows: PlayerRow[]): Seats {
	return { rows, byId: new Map(rows.map((r) => [r.id, r])) };
}

/** Rank of one seat: 1 + the number of non-removed players with a higher score (as rankPlayers). */
function rankIn(seats: Seats, me: PlayerRow): number | null {
	if (me.removed) return null;
	if (!seats.rankByScore) {
		const scores = seats.rows
			.filter((p) => !p.removed)
			.map((p) => p.score)
			.sort((a, b) => b - a);
		seats.rankByScore = new Map();
		scores.forEach((score, i) => {
			if (!seats.rankByScore!.has(score)) seats.rankByScore!.set(score, i + 1);
		});
	}
	return seats.rankByScore.get(me.score) ?? null;
}

const ph = (name: string) => sql.placeholder(name);

/** The queries on the hot paths (every request, answer and stream), prepared once per database. */
function prepareQueries(db: Db) {
	return {
		gameByCode: db
			.select({ id: games.id })
			.from(games)
			.where(and(eq(games.joinCode, ph('code')), eq(games.mode, 'live')))
			// Not ended first (the game now using the code), then the newest.
			.orderBy(sql`${games.status} = 'ended'`, desc(games.createdAt))
			.limit(1)
			.prepare(),
		owner: db
			.select({ ownerId: games.ownerId })
			.from(games)
			.where(eq(games.id, ph('gameId')))
			.prepare(),
		playerByToken: db
			.select()
			.from(players)
			.where(and(eq(players.gameId, ph('gameId')), eq(players.tokenHash, ph('tokenHash'))))
			.prepare(),
		nicknameTaken: db
			.select({ id: players.id })
			.from(players)
			.where(and(eq(players.gameId, ph('gameId')), eq(players.nicknameKey, ph('key'))))
			.prepare(),
		insertPlayer: db
			.insert(players)
			.values({
				id: ph('id'),
				gameId: ph('gameId'),
				nickname: ph('nickname'),
				nicknameKey: ph('nicknameKey'),
				tokenHash: ph('tokenHash')
			})
			.returning()
			.prepare(),
		seats: db
			.select()
			.from(players)
			.where(eq(players.gameId, ph('gameId')))
			.prepare(),
		activePlayers: db
			.select({ n: count() })
			.from(players)
			.where(and(eq(players.gameId, ph('gameId')), eq(players.removed, false)))
			.prepare(),
		answeredBy: db
			.select({ n: count() })
			.from(answers)
			.innerJoin(players, eq(players.id, answers.playerId))
			.where(
				and(
					eq(answers.gameId, ph('gameId')),
					eq(answers.questionIndex, ph('index')),
					eq(players.removed, false)
				)
			)
			.prepare(),
		answersTo: db
			.select()
			.from(answers)
			.where(and(eq(answers.gameId, ph('gameId')), eq(answers.questionIndex, ph('index'))))
			.prepare(),
		answerOf: db
			.select()
			.from(answers)
			.where(and(eq(answers.playerId, ph('playerId')), eq(answers.questionIndex, ph('index'))))
			.prepare(),
		insertAnswer: db
			.insert(answers)
			.values({
				gameId: ph('gameId'),
				playerId: ph('playerId'),
				questionIndex: ph('questionIndex'),
				itemKey: ph('itemKey'),
				kind: ph('kind'),
				techniqueId: ph('techniqueId'),
				requestId: ph('requestId'),
				response: ph('response'),
				correct: ph('correct'),
				credit: ph('credit'),
				timeMs: ph('timeMs'),
				timedOut: ph('timedOut'),
				points: ph('points')
			})
			.returning()
			.prepare(),
		// Literal nulls: a JSON column's placeholder would store the text 'null', not NULL.
		insertTimedOut: db
			.insert(answers)
			.values({
				gameId: ph('gameId'),
				playerId: ph('playerId'),
				questionIndex: ph('questionIndex'),
				itemKey: ph('itemKey'),
				kind: ph('kind'),
				techniqueId: ph('techniqueId'),
				requestId: null,
				response: null,
				correct: false,
				credit: 0,
				timeMs: ph('timeMs'),
				timedOut: true,
				points: 0
			})
			.prepare(),
		scoreSeat: db
			.update(players)
			// Integers only: `set` takes a placeholder inside sql`` (passed to SQLite as it is).
			.set({
				score: sql`${ph('score')}`,
				correctCount: sql`${ph('correctCount')}`,
				answeredCount: sql`${ph('answeredCount')}`,
				streak: sql`${ph('streak')}`
			})
			.where(eq(players.id, ph('id')))
			.prepare(),
		setStreak: db
			.update(players)
			.set({ streak: sql`${ph('streak')}` })
			.where(eq(players.id, ph('id')))
			.prepare()
	};
}

function resultOf(row: AnswerRow | undefined): PlayerResult | null {
	if (!row) return null;
	return {
		correct: row.correct,
		credit: row.credit,
		points: row.points,
		timedOut: row.timedOut,
		response: (row.response as Response | null) ?? null
	};
}

function statusOf(phase: LivePhase): 'open' | 'running' | 'ended' {
	if (phase === 'lobby') return 'open';
	if (phase === 'ended') return 'ended';
	return 'running';
}

/** Cookie holding a player's token for one game. */
export function playerCookieName(gameId: string): string {
	return `slant_player_${gameId}`;
}

export class LiveGames {
	private readonly games = new Map<string, LiveGame>();
	private readonly graceMs: number;
	private readonly hostPushMs: number;
	private readonly heartbeatMs: number;
	private readonly q: ReturnType<typeof prepareQueries>;

	constructor(
		private readonly db: Db,
		options: LiveGamesOptions = {}
	) {
		this.q = prepareQueries(db);
		this.graceMs = options.graceMs ?? GRACE_MS;
		this.hostPushMs = options.hostPushMs ?? 300;
		this.heartbeatMs = options.heartbeatMs ?? HEARTBEAT_MS;
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
		const seed = options.seed ?? newSeed();
		let questions = options.questions;
		if (!questions) {
			try {
				const content = loadRoundContent(this.db, config.articleId);
				questions = buildRound(content, config, seed, loadItemStats(this.db));
			} catch (e) {
				throw new LiveError(
					400,
					'no_questions',
					`No round could be built from this choice of content: ${(e as Error).message}`
				);
			}
		}
		if (questions.length === 0) {
			throw new LiveError(400, 'no_questions', 'No round could be built from this content.');
		}
		const gameId = newId();
		const actor = createActor(liveGameMachine, {
			input: {
				questionCount: questions.length,
				limitMs: config.secondsPerQuestion === null ? null : config.secondsPerQuestion * 1000
			}
		});
		actor.start();
		const joinCode = this.db.transaction((tx) => {
			const code = allocateJoinCode(tx);
			tx.insert(games)
				.values({
					id: gameId,
					mode: 'live',
					joinCode: code,
					ownerId: options.ownerId ?? null,
					title: options.title ?? null,
					config,
					seed,
					questions,
					snapshot: actor.getPersistedSnapshot(),
					machineVersion: MACHINE_VERSION,
					status: 'open',
					updatedAt: new Date()
				})
				.run();
			return code;
		});
		this.games.set(gameId, {
			id: gameId,
			code: joinCode,
			config,
			questions,
			actor,
			clients: new Set()
		});
		return { gameId, joinCode };
	}

	/** Restores every live game that has not ended (server start-up). Returns how many. */
	restoreAll(): number {
		const rows = this.db
			.select({ id: games.id })
			.from(games)
			.where(and(eq(games.mode, 'live'), ne(games.status, 'ended')))
			.all();
		let restored = 0;
		for (const row of rows) {
			if (this.games.has(row.id)) continue;
			if (this.load(row.id)) restored++;
		}
		return restored;
	}

	/** Loads a game's actor from its persisted snapshot, re-arming the deadline timer. */
	private load(gameId: string): LiveGame | null {
		const row = this.db.select().from(games).where(eq(games.id, gameId)).get();
		if (!row || row.mode !== 'live') return null;
		const config = row.config as RoundConfig;
		const questions = row.questions as Question[];
		const input = {
			questionCount: questions.length,
			limitMs: config.secondsPerQuestion === null ? null : config.secondsPerQuestion * 1000
		};
		let actor: LiveActor;
		if (row.snapshot && row.machineVersion === MACHINE_VERSION) {
			const snapshot = this.withCurrentCounts(row.id, row.snapshot as PersistedLiveSnapshot);
			// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a persisted snapshot is opaque JSON
			actor = createActor(liveGameMachine, { snapshot: snapshot as any, input });
		} else {
			// No usable snapshot (or one from an incompatible machine): the game cannot resume.
			actor = createActor(liveGameMachine, { input });
			actor.start();
			actor.send({ type: 'END' });
			this.db
				.update(games)
				.set({ status: 'ended', endedAt: new Date(), snapshot: actor.getPersistedSnapshot() })
				.where(eq(games.id, gameId))
				.run();
		}
		actor.start();
		const game: LiveGame = {
			id: row.id,
			code: row.joinCode ?? '',
			config,
			questions,
			actor,
			clients: new Set()
		};
		this.games.set(game.id, game);
		this.armDeadline(game);
		// A deadline that passed while the server was down closes the question now.
		this.tick(game);
		return game;
	}

	/**
	 * Joins and answers change only the machine's counts, so they do not rewrite the snapshot (phase
	 * changes and removals do): the counts are taken again from the players and answers tables.
	 * Each join or answer since the snapshot was written added exactly one to its count and one to
	 * the version, so the version is moved on by as much, and browsers (which ignore views older
	 * than the one they hold) still take the next state.
	 */
	private withCurrentCounts(
		gameId: string,
		snapshot: PersistedLiveSnapshot
	): PersistedLiveSnapshot {
		const context = snapshot.context;
		if (!context || typeof context.version !== 'number') return snapshot;
		const playerCount = this.activePlayerCount(gameId);
		const answered =
			phaseOf(snapshot.value) === 'question' && context.index >= 0
				? this.answeredCount(gameId, context.index)
				: context.answered;
		const missed =
			Math.max(0, playerCount - context.players) + Math.max(0, answered - context.answered);
		return {
			...snapshot,
			context: { ...context, players: playerCount, answered, version: context.version + missed }
		};
	}

	/** The game with this id, from memory or the database. */
	get(gameId: string): LiveGame {
		const game = this.games.get(gameId) ?? this.load(gameId);
		if (!game) throw new LiveError(404, 'game_not_found', 'There is no live game with this id.');
		this.tick(game);
		return game;
	}

	/** The newest live game with this join code (ended games included, for their podium). */
	byCode(code: string): LiveGame {
		if (!/^\d{6}$/.test(code)) {
			throw new LiveError(400, 'bad_code', 'A join code is 6 digits.');
		}
		const row = this.q.gameByCode.get({ code });
		if (!row) throw new LiveError(404, 'game_not_found', `No game has the code ${code}.`);
		return this.get(row.id);
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
		return phaseOf(game.actor.getSnapshot().value);
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
		const snapshot = game.actor.getSnapshot();
		if (!snapshot.hasTag('joinable')) {
			throw new LiveError(410, 'game_over', 'This game is over: it no longer takes players.');
		}
		const check = checkNickname(rawNickname);
		if (!check.ok) throw new LiveError(400, 'bad_nickname', check.message);
		const token = newToken();
		const player = this.db.transaction(() => {
			const taken = this.q.nicknameTaken.get({ gameId: game.id, key: check.key });
			if (taken) {
				throw new LiveError(
					409,
					'nickname_taken',
					`Someone in this game is already called “${check.nickname}”. Please pick another nickname.`
				);
			}
			const row = this.q.insertPlayer.get({
				id: newId(),
				gameId: game.id,
				nickname: check.nickname,
				nicknameKey: check.key,
				tokenHash: hashToken(token)
			});
			if (!row) throw new Error('The new seat was not stored.');
			this.send(game, { type: 'PLAYERS', count: this.activePlayerCount(game.id) }, 'onPhaseChange');
			return row;
		});
		if (game.seats && !game.seats.byId.has(player.id)) {
			game.seats.rows.push(player);
			game.seats.byId.set(player.id, player);
			game.seats.rankByScore = undefined;
			game.seats.ranking = undefined;
		}
		this.scheduleHostPush(game);
		return { game, player, token, rejoined: false };
	}

	/** The seat this token holds in this game, removed or not. */
	playerByToken(game: LiveGame, token: string | undefined): PlayerRow | null {
		if (!token) return null;
		return this.q.playerByToken.get({ gameId: game.id, tokenHash: hashToken(token) }) ?? null;
	}

	private requirePlayer(game: LiveGame, token: string | undefined): PlayerRow {
		const player = this.playerByToken(game, token);
		if (!player) {
			throw new LiveError(401, 'no_seat', 'You have not joined this game on this device.');
		}
		if (player.removed) throw new LiveError(403, 'removed', 'The host removed you from this game.');
		return player;
	}

	private activePlayerCount(gameId: string): number {
		return this.q.activePlayers.get({ gameId })?.n ?? 0;
	}

	/** Non-removed players who answered question `index`, from the database (the truth). */
	private answeredCount(gameId: string, index: number): number {
		return this.q.answeredBy.get({ gameId, index })?.n ?? 0;
	}

	/** Removes a player: they are told, cannot answer, and no longer hold up a question. */
	remove(game: LiveGame, playerId: string): void {
		game.seats = undefined;
		this.db.transaction((tx) => {
			const row = tx
				.update(players)
				.set({ removed: true })
				.where(and(eq(players.gameId, game.id), eq(players.id, playerId)))
				.returning({ id: players.id })
				.get();
			if (!row) throw new LiveError(404, 'player_not_found', 'That player is not in this game.');
			const snapshot = game.actor.getSnapshot();
			if (snapshot.matches('question')) {
				this.send(game, {
					type: 'ANSWERED',
					count: this.answeredCount(game.id, snapshot.context.index)
				});
			}
			this.send(game, { type: 'PLAYERS', count: this.activePlayerCount(game.id) });
		});
		game.seats = undefined;
		for (const client of game.clients) {
			if (client.role === 'player' && client.playerId === playerId) this.pushTo(game, client);
		}
		this.scheduleHostPush(game);
	}

	// ---------------------------------------------------------------- answers

	/**
	 * Stores one answer for the player holding `token`. The body is validated here; points are
	 * computed now (server clock) and added to the player's score when the question closes.
	 */
	answer(game: LiveGame, token: string | undefined, body: unknown): AnswerReceipt {
		this.tick(game);
		const parsed = v.safeParse(answerBodySchema, body);
		if (!parsed.success) {
			throw new LiveError(
				400,
				'bad_request',
				`The answer is malformed: ${issuesMessage(parsed.issues)}.`
			);
		}
		const { questionIndex, requestId, response } = parsed.output;
		const player = this.requirePlayer(game, token);
		const existing = this.q.answerOf.get({ playerId: player.id, index: questionIndex });
		if (existing && existing.requestId === requestId) {
			return { accepted: true, questionIndex, requestId, replayed: true };
		}
		if (existing && existing.requestId !== null) {
			throw new LiveError(409, 'already_answered', 'You have already answered this question.');
		}
		const snapshot = game.actor.getSnapshot();
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
		if (deadline !== null && now > deadline + this.graceMs) {
			throw new LiveError(409, 'too_late', 'Time is up for this question.');
		}
		const question = game.questions[index];
		if (!isValidResponse(question, response as Response)) {
			throw new LiveError(
				400,
				'bad_response',
				`That answer does not fit this question (a ${question.kind} question).`
			);
		}
		const elapsedMs = Math.max(0, now - (startedAt ?? now));
		const result = scoreAnswer(question, response as Response, {
			elapsedMs: limitMs === null ? elapsedMs : Math.min(elapsedMs, limitMs),
			limitMs,
			streak: player.streak,
			scoring: game.config.scoring,
			streaks: game.config.streaks
		});
		const stored = this.db.transaction(() => {
			const row = this.q.insertAnswer.get({
				gameId: game.id,
				playerId: player.id,
				questionIndex: index,
				itemKey: question.itemKey,
				kind: question.kind,
				techniqueId: questionTechnique(question),
				requestId,
				response,
				correct: result.correct,
				credit: result.credit,
				timeMs: elapsedMs,
				timedOut: result.timedOut,
				points: result.points
			});
			if (!row) throw new Error('The answer was not stored.');
			// The machine's count is exact: it restarts at 0 with each question, removals recount it
			// from the database, and this seat (not removed) had no answer to this question.
			this.send(game, { type: 'ANSWERED', count: snapshot.context.answered + 1 }, 'onPhaseChange');
			return row;
		});
		if (game.given?.index === index) game.given.byPlayer.set(player.id, stored);
		this.scheduleHostPush(game);
		return { accepted: true, questionIndex, requestId, replayed: false };
	}

	// ---------------------------------------------------------------- host commands

	/** Applies a host command; 409 when the phase does not allow it. */
	command(game: LiveGame, command: HostCommand): void {
		const before = game.actor.getSnapshot().context.version;
		this.send(game, COMMAND_EVENTS[command]);
		if (game.actor.getSnapshot().context.version === before) {
			throw new LiveError(
				409,
				'not_now',
				`“${command}” is not possible while the game is in the ${this.phase(game)} phase.`
			);
		}
	}

	/** Closes the current question if its time is up (server clock, with the grace period). */
	tick(game: LiveGame): void {
		const snapshot = game.actor.getSnapshot();
		const { deadline } = snapshot.context;
		if (
			snapshot.matches('question') &&
			deadline !== null &&
			Date.now() >= deadline + this.graceMs
		) {
			this.send(game, { type: 'CLOSE' });
		}
	}

	// ---------------------------------------------------------------- transitions

	/**
	 * Sends an event to the game's actor. If it changes the state: a question that closes is
	 * scored (in the same transaction), the snapshot is persisted (see `Persist`), the deadline
	 * timer re-armed, and browsers are told (everyone on a phase change, the host only otherwise).
	 */
	private send(game: LiveGame, event: LiveGameEvent, persist: Persist = 'always'): void {
		const before = game.actor.getSnapshot();
		if (before.status !== 'active') return;
		try {
			this.transition(game, event, persist);
		} catch (e) {
			// The transaction was rolled back: what the views had read may no longer be true.
			game.seats = undefined;
			game.given = undefined;
			throw e;
		}
		const after = game.actor.getSnapshot();
		if (after.context.version === before.context.version) return;
		this.armDeadline(game);
		if (after.value !== before.value || after.context.index !== before.context.index) {
			this.pushAll(game);
			if (after.status !== 'active') this.retire(game);
		} else {
			this.scheduleHostPush(game);
		}
	}

	private transition(game: LiveGame, event: LiveGameEvent, persist: Persist): void {
		const before = game.actor.getSnapshot();
		this.db.transaction((tx) => {
			game.actor.send(event);
			const after = game.actor.getSnapshot();
			if (after.context.version === before.context.version) return;
			const leftQuestion =
				before.matches('question') &&
				(!after.matches('question') || after.context.index !== before.context.index);
			if (leftQuestion) this.closeQuestion(game, before.context.index);
			const moved = after.value !== before.value || after.context.index !== before.context.index;
			if (!moved && persist === 'onPhaseChange') return;
			const phase = phaseOf(after.value);
			tx.update(games)
				.set({
					snapshot: game.actor.getPersistedSnapshot(),
					machineVersion: MACHINE_VERSION,
					status: statusOf(phase),
					updatedAt: new Date(),
					...(phase === 'ended' ? { endedAt: new Date() } : {})
				})
				.where(eq(games.id, game.id))
				.run();
		});
	}

	/**
	 * Scores a closed question: players without an answer get a timed-out one, and every answer's
	 * points, correctness and streak go into the players' totals.
	 */
	private closeQuestion(game: LiveGame, index: number): void {
		// Scores, streaks and this question's answers change: the views read them again.
		game.seats = undefined;
		game.given = undefined;
		const question = game.questions[index];
		const seats = this.q.seats.all({ gameId: game.id });
		const given = new Map(
			this.q.answersTo.all({ gameId: game.id, index }).map((a) => [a.playerId, a])
		);
		const { startedAt, limitMs } = game.actor.getSnapshot().context;
		for (const seat of seats) {
			const answer = given.get(seat.id);
			if (!answer) {
				if (seat.removed) continue;
				const missed = scoreAnswer(question, null, {
					elapsedMs: limitMs ?? Math.max(0, Date.now() - (startedAt ?? Date.now())),
					limitMs,
					streak: seat.streak,
					scoring: game.config.scoring,
					streaks: game.config.streaks
				});
				this.q.insertTimedOut.run({
					gameId: game.id,
					playerId: seat.id,
					questionIndex: index,
					itemKey: question.itemKey,
					kind: question.kind,
					techniqueId: questionTechnique(question),
					timeMs: limitMs ?? 0
				});
				this.q.setStreak.run({ id: seat.id, streak: missed.streak });
				continue;
			}
			// scoreAnswer's streak rule: one more after a fully correct answer, else back to 0.
			this.q.scoreSeat.run({
				id: seat.id,
				score: seat.score + answer.points,
				correctCount: seat.correctCount + (answer.correct ? 1 : 0),
				answeredCount: seat.answeredCount + (answer.timedOut ? 0 : 1),
				streak: answer.correct ? seat.streak + 1 : 0
			});
		}
	}

	private armDeadline(game: LiveGame): void {
		clearTimeout(game.deadlineTimer);
		game.deadlineTimer = undefined;
		const snapshot = game.actor.getSnapshot();
		const { deadline } = snapshot.context;
		if (!snapshot.matches('question') || deadline === null) return;
		const wait = Math.max(0, deadline + this.graceMs - Date.now());
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
		clearTimeout(game.hostPushTimer);
		for (const client of game.clients) client.close();
		game.clients.clear();
		game.actor.stop();
		this.games.delete(game.id);
	}

	// ---------------------------------------------------------------- views

	private info(game: LiveGame): LiveGameInfo {
		return {
			id: game.id,
			code: game.code,
			questionCount: game.questions.length,
			secondsPerQuestion: game.config.secondsPerQuestion,
			scoring: game.config.scoring,
			streaks: game.config.streaks
		};
	}

	/** `ranking` is asked for only in the phases that show a leaderboard. */
	private base(game: LiveGame, ranking: () => RankEntry[]) {
		const snapshot = game.actor.getSnapshot();
		const phase = phaseOf(snapshot.value);
		const {
			index,
			startedAt,
			deadline,
			limitMs,
			answered,
			players: playerCount
		} = snapshot.context;
		const question: LiveQuestionView | null =
			index >= 0 && (phase === 'question' || phase === 'reveal')
				? {
						index,
						question: toPublicQuestion(game.questions[index]),
						startedAt: startedAt ?? 0,
						deadline,
						limitMs
					}
				: null;
		const leaderboard =
			phase === 'leaderboard'
				? ranking().slice(0, 5)
				: snapshot.hasTag('over')
					? ranking().slice(0, 3)
					: null;
		return {
			version: snapshot.context.version,
			phase,
			tags: [...snapshot.tags] as LiveGameTag[],
			serverNow: Date.now(),
			game: this.info(game),
			index,
			playerCount,
			answered,
			question,
			leaderboard
		};
	}

	/**
	 * The game's seats, read once and shared by every view until a join (added in place), a
	 * removal or a closed question (scores) drops them.
	 */
	private seats(game: LiveGame): Seats {
		game.seats ??= seatsOf(this.q.seats.all({ gameId: game.id }));
		return game.seats;
	}

	private ranking(game: LiveGame): RankEntry[] {
		const seats = this.seats(game);
		seats.ranking ??= rankPlayers(seats.rows);
		return seats.ranking;
	}

	/**
	 * Answers to the current question by player, read once per question and kept up to date by
	 * `answer()`; dropped when the question closes (timed-out answers are added then).
	 */
	private given(game: LiveGame): Map<string, AnswerRow> {
		const { index } = game.actor.getSnapshot().context;
		if (index < 0) return new Map();
		if (game.given?.index !== index) {
			const rows = this.q.answersTo.all({ gameId: game.id, index });
			game.given = { index, byPlayer: new Map(rows.map((a) => [a.playerId, a])) };
		}
		return game.given.byPlayer;
	}

	/** The view of one player. */
	playerView(game: LiveGame, playerId: string): PlayerView {
		let seats = this.seats(game);
		if (!seats.byId.has(playerId)) {
			// Not among the seats as last read: read them again before saying there is no such seat.
			game.seats = undefined;
			seats = this.seats(game);
		}
		const me = seats.byId.get(playerId);
		if (!me) throw new LiveError(404, 'player_not_found', 'That player is not in this game.');
		const base = this.base(game, () => this.ranking(game));
		const answer = this.given(game).get(playerId);
		const snapshot = game.actor.getSnapshot();
		return {
			...base,
			role: 'player',
			me: {
				id: me.id,
				nickname: me.nickname ?? '',
				score: me.score,
				streak: me.streak,
				correctCount: me.correctCount,
				rank: rankIn(seats, me),
				removed: me.removed,
				answered: base.phase === 'question' && answer !== undefined
			},
			reveal: snapshot.matches('reveal')
				? {
						index: snapshot.context.index,
						reveal: revealQuestion(game.questions[snapshot.context.index]),
						result: resultOf(answer)
					}
				: null
		};
	}

	/** The host's view. */
	hostView(game: LiveGame): HostView {
		const { rows, byId } = this.seats(game);
		const base = this.base(game, () => this.ranking(game));
		const snapshot = game.actor.getSnapshot();
		let reveal: HostView['reveal'] = null;
		if (snapshot.matches('reveal')) {
			const question = game.questions[snapshot.context.index];
			const given = [...this.given(game).values()].filter((a) => !byId.get(a.playerId)?.removed);
			reveal = {
				index: snapshot.context.index,
				reveal: revealQuestion(question),
				distribution: distribution(question, given)
			};
		}
		return {
			...base,
			role: 'host',
			players: snapshot.matches('lobby')
				? rows
						.filter((p) => !p.removed)
						.map((p) => ({ id: p.id, nickname: p.nickname ?? '', score: p.score }))
				: null,
			reveal
		};
	}

	// ---------------------------------------------------------------- event streams

	/**
	 * An SSE stream for one browser: the current state first (id = the game's version), then a
	 * `state` event on every change that concerns it, and a heartbeat comment. Closes on abort.
	 */
	openStream(
		game: LiveGame,
		who: { role: 'host' } | { role: 'player'; playerId: string },
		signal?: AbortSignal
	): ReadableStream<Uint8Array> {
		const encoder = new TextEncoder();
		let client: LiveClient | undefined;
		let heartbeat: ReturnType<typeof setInterval> | undefined;
		const cleanup = () => {
			clearInterval(heartbeat);
			if (client) game.clients.delete(client);
		};
		return new ReadableStream<Uint8Array>({
			start: (controller) => {
				let open = true;
				client = {
					role: who.role,
					playerId: who.role === 'player' ? who.playerId : undefined,
					send: (chunk) => {
						if (!open) return;
						try {
							controller.enqueue(encoder.encode(chunk));
						} catch {
							open = false;
							cleanup();
						}
					},
					close: () => {
						if (!open) return;
						open = false;
						cleanup();
						try {
							controller.close();
						} catch {
							// already closed by the client
						}
					}
				};
				client.send('retry: 2000\n\n');
				this.pushTo(game, client);
				if (game.actor.getSnapshot().status !== 'active') {
					client.close();
					return;
				}
				game.clients.add(client);
				heartbeat = setInterval(() => client?.send(': heartbeat\n\n'), this.heartbeatMs);
				heartbeat.unref?.();
				signal?.addEventListener('abort', () => client?.close(), { once: true });
			},
			cancel: () => cleanup()
		});
	}

	private event(view: { version: number }): string {
		return `id: ${view.version}\nevent: state\ndata: ${JSON.stringify(view)}\n\n`;
	}

	private pushTo(game: LiveGame, client: LiveClient): void {
		try {
			const view =
				client.role === 'host' ? this.hostView(game) : this.playerView(game, client.playerId ?? '');
			client.send(this.event(view));
		} catch (e) {
			console.error(`Live game ${game.id}: could not build a view`, e);
		}
	}

	/** Every browser gets its own view: one event each, so a phase change costs O(players). */
	private pushAll(game: LiveGame): void {
		clearTimeout(game.hostPushTimer);
		game.hostPushTimer = undefined;
		if (game.clients.size === 0) return;
		let host: string | undefined;
		for (const client of game.clients) {
			if (client.role === 'host') {
				host ??= this.event(this.hostView(game));
				client.send(host);
			} else {
				try {
					client.send(this.event(this.playerView(game, client.playerId ?? '')));
				} catch (e) {
					console.error(`Live game ${game.id}: could not build a player view`, e);
				}
			}
		}
	}

	/** Refreshes the host screens at most every `hostPushMs` (answer counts, the lobby). */
	private scheduleHostPush(game: LiveGame): void {
		if (game.hostPushTimer) return;
		game.hostPushTimer = setTimeout(() => {
			game.hostPushTimer = undefined;
			let view: string | undefined;
			for (const client of game.clients) {
				if (client.role !== 'host') continue;
				view ??= this.event(this.hostView(game));
				client.send(view);
			}
		}, this.hostPushMs);
		game.hostPushTimer.unref?.();
	}

	/** Ends every open stream (server shutdown) and stops the timers. */
	shutdown(): void {
		for (const game of this.games.values()) {
			clearTimeout(game.deadlineTimer);
			clearTimeout(game.hostPushTimer);
			for (const client of game.clients) client.close();
			game.clients.clear();
		}
	}

	/** Stops everything and forgets the games (tests). */
	dispose(): void {
		this.shutdown();
		for (const game of this.games.values()) game.actor.stop();
		this.games.clear();
	}
}

/** The answer distribution of one question for the host's bar chart, labelled in words. */
function distribution(q: Question, given: AnswerRow[]): DistributionBar[] {
	const answered = given.filter((a) => a.response !== null);
	const noAnswer = given.length - answered.length;
	const bars: DistributionBar[] = [];
	if (q.kind === 'name') {
		for (const id of q.choices) {
			bars.push({
				key: id,
				label: techniqueById(id)?.name ?? id,
				count: answered.filter(
					(a) =>
						(a.response as Response).kind === 'name' &&
						(a.response as { techniqueId: string }).techniqueId === id
				).length,
				correct: id === q.answer
			});
		}
	} else if (q.kind === 'judge') {
		for (const loaded of [true, false]) {
			bars.push({
				key: loaded ? 'loaded' : 'straight',
				label: loaded ? 'Loaded' : 'Straight',
				count: answered.filter((a) => (a.response as { loaded?: boolean }).loaded === loaded)
					.length,
				correct: q.loaded === loaded
			});
		}
	} else {
		bars.push(
			{
				key: 'full',
				label: 'Found the words',
				count: answered.filter((a) => a.credit >= 1).length,
				correct: true
			},
			{
				key: 'partial',
				label: 'Partly found',
				count: answered.filter((a) => a.credit > 0 && a.credit < 1).length,
				correct: false
			},
			{
				key: 'missed',
				label: 'Missed',
				count: answered.filter((a) => a.credit === 0).length,
				correct: false
			}
		);
	}
	bars.push({ key: 'none', label: 'No answer', count: noAnswer, correct: false });
	return bars;
}
