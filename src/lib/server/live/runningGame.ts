/**
 * A live game running in this process: its machine snapshot (the state as last stored), its
 * round, its connected browsers, and the rows its views have read (seats and the current
 * question's answers), kept until something changes them.
 */
import type { SnapshotFrom } from 'xstate';
import { liveGameMachine } from '../../game/liveGame.machine';
import { pureSteps } from '../../game/pureSteps';
import type { Question, RoundConfig } from '../../game/types';
import type { answers } from '../db/schema';
import type { LiveQueries } from './queries';
import { rankPlayers, seatsOf, type PlayerRow, type Seats } from './ranking';
import type { RankEntry } from '../../game/views';

/** The live game machine's state: replaced only once the next one is stored (write, then apply). */
export type LiveSnapshot = SnapshotFrom<typeof liveGameMachine>;

/** The live machine's pure steps, without an actor per call (see pureSteps). */
export const liveSteps = pureSteps(liveGameMachine, { questionCount: 1, limitMs: null });
export type AnswerRow = typeof answers.$inferSelect;
export type { PlayerRow };

/** One browser's event stream. */
export interface LiveClient {
	role: 'host' | 'player';
	/** For players. */
	playerId?: string;
	/** Event-stream text (an event, a comment, the reconnection delay), as a string or UTF-8. */
	send(chunk: string | Uint8Array): void;
	close(): void;
}

export interface LiveGame {
	id: string;
	code: string;
	config: RoundConfig;
	questions: Question[];
	snapshot: LiveSnapshot;
	clients: Set<LiveClient>;
	deadlineTimer?: ReturnType<typeof setTimeout>;
	hostPushTimer?: ReturnType<typeof setTimeout>;
	/** The version of the state last sent to every browser (`LiveStreams.pushAll` sends each once). */
	toldVersion?: number;
	/** The game's seats as last read (see `readSeats()`); dropped whenever scores or seats change. */
	seats?: Seats;
	/** Answers to the current question as last read (see `readGiven()`); kept up to date by `answer()`. */
	given?: { index: number; byPlayer: Map<string, AnswerRow> };
	/** Players whose answer to the current question is waiting for its group commit (requestId). */
	queued?: Map<string, string>;
	/**
	 * The SHA-256 of each token that has held a seat of this game, so that a player's requests do
	 * not hash their token again (a token's hash never changes; only seated tokens are kept).
	 */
	tokenHashes?: Map<string, string>;
	/**
	 * When the server first sent the current question to each player (server clock): a player's
	 * speed is timed from it (see `timedFrom` in game/answering.ts). Kept in memory only.
	 */
	sent?: { index: number; at: Map<string, number> };
	/**
	 * A question that was open when this process loaded the game (a restart): when it was sent to
	 * each player before the restart is lost, so its answers are timed from its opening.
	 */
	sentLost?: number;
}

/**
 * A game in memory with every field present from the start, in one order, so that every game has
 * the same hidden class: V8 then optimises the fan-out and answer code once for all games (fields
 * added later in whatever order gave each game its own shape, and the first question of each new
 * game deoptimised the code the earlier ones had made fast).
 */
export function runningGame(
	fields: Pick<LiveGame, 'id' | 'code' | 'config' | 'questions' | 'snapshot'>
): LiveGame {
	return {
		id: fields.id,
		code: fields.code,
		config: fields.config,
		questions: fields.questions,
		snapshot: fields.snapshot,
		clients: new Set(),
		deadlineTimer: undefined,
		hostPushTimer: undefined,
		toldVersion: undefined,
		seats: undefined,
		given: undefined,
		queued: undefined,
		tokenHashes: undefined,
		sent: undefined,
		sentLost: undefined
	};
}

/** Forgets what the views had read (scores, seats or answers changed, or a write rolled back). */
export function forgetReads(game: LiveGame): void {
	game.seats = undefined;
	game.given = undefined;
}

/**
 * The game's seats, read once and shared by every view until a join (added in place), a
 * removal or a closed question (scores) drops them.
 */
export function readSeats(q: LiveQueries, game: LiveGame): Seats {
	game.seats ??= seatsOf(q.seats.all({ gameId: game.id }));
	return game.seats;
}

/** The seat holding a token hash among the seats as last read, or undefined. */
export function seatByTokenHash(q: LiveQueries, game: LiveGame, tokenHash: string) {
	const seats = readSeats(q, game);
	seats.byTokenHash ??= new Map(seats.rows.map((r) => [r.tokenHash, r]));
	return seats.byTokenHash.get(tokenHash);
}

/** The full ranking of the game's seats, built once per change. */
export function readRanking(q: LiveQueries, game: LiveGame): RankEntry[] {
	const seats = readSeats(q, game);
	seats.ranking ??= rankPlayers(seats.rows);
	return seats.ranking;
}

/**
 * Answers to the current question by player, read once per question and kept up to date by
 * `answer()`; dropped when the question closes (timed-out answers are added then).
 */
export function readGiven(q: LiveQueries, game: LiveGame): Map<string, AnswerRow> {
	const { index } = game.snapshot.context;
	if (index < 0) return new Map();
	if (game.given?.index !== index) {
		const rows = q.answersTo.all({ gameId: game.id, index });
		game.given = { index, byPlayer: new Map(rows.map((a) => [a.playerId, a])) };
	}
	return game.given.byPlayer;
}

/** Adds a new seat to the seats as last read (if they were read), dropping the ranks. */
export function addSeat(game: LiveGame, player: PlayerRow): void {
	if (game.seats && !game.seats.byId.has(player.id)) {
		game.seats.rows.push(player);
		game.seats.byId.set(player.id, player);
		game.seats.rankByScore = undefined;
		game.seats.ranking = undefined;
		game.seats.byTokenHash?.set(player.tokenHash, player);
	}
}

/**
 * Notes that question `index` (the open one) was sent to `playerId` at `now`; the first sending
 * counts. Nothing is noted for a question whose earlier sendings were lost in a restart.
 */
export function markSent(game: LiveGame, index: number, playerId: string, now: number): void {
	if (index < 0 || game.sentLost === index) return;
	if (game.sent?.index !== index) game.sent = { index, at: new Map() };
	if (!game.sent.at.has(playerId)) game.sent.at.set(playerId, now);
}

/** When question `index` was first sent to `playerId`, if this process knows. */
export function sentAt(game: LiveGame, index: number, playerId: string): number | undefined {
	return game.sent?.index === index ? game.sent.at.get(playerId) : undefined;
}
