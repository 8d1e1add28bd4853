/**
 * The registry of live games running in this process: creating a game (its round frozen in the
 * database), finding one by id or join code, and restoring games from their persisted snapshots
 * after a restart.
 */
import { randomInt } from 'node:crypto';
import { and, eq, ne } from 'drizzle-orm';
import {
	liveGameMachine,
	MACHINE_VERSION,
	phaseOf,
	type LiveGameContext
} from '../../game/liveGame.machine';
import { defaultGameTitle, roundContentLabel } from '../../game/gameTitle';
import type { Question, RoundConfig } from '../../game/types';
import type { Db } from '../db/open';
import { checkQuestions, makeRoundNow } from '../content/rounds';
import { games } from '../db/schema';
import { allocateJoinCode } from '../joinCodes';
import { newId, newSeed } from '../tokens';
import { LiveError } from './errors';
import { codeOfGameId, gameIdWithCode, ownedJoinCode, ownerOfCode } from './ownership.js';
import { activePlayerCount, answeredCount, type LiveQueries } from './queries';
import { liveSteps, runningGame, type LiveGame, type LiveSnapshot } from './runningGame';

/** The parts of a persisted machine snapshot this module reads (the rest is XState's). */
type PersistedLiveSnapshot = { value: unknown; context?: LiveGameContext } & Record<
	string,
	unknown
>;

function machineInput(questions: Question[], config: RoundConfig) {
	return {
		questionCount: questions.length,
		limitMs: config.secondsPerQuestion === null ? null : config.secondsPerQuestion * 1000
	};
}

/** Which of the server's worker processes this is (scripts/cluster.js); 0 of 1 when alone. */
export interface WorkerPlace {
	index: number;
	count: number;
}

export class LiveRegistry {
	private readonly games = new Map<string, LiveGame>();
	/** Join code → id of the game in memory that has not ended: no query to find a running game. */
	private readonly codes = new Map<string, string>();

	/**
	 * `onLoad` runs for every game read back from the database (deadlines, a late close). `worker`
	 * says which games this process owns: those whose join code it owns (see ownership.js).
	 */
	constructor(
		private readonly db: Db,
		private readonly q: LiveQueries,
		private readonly onLoad: (game: LiveGame) => void,
		private readonly worker: WorkerPlace = { index: 0, count: 1 }
	) {}

	/** True when this process runs the game with this join code. */
	private owns(code: string | null): boolean {
		return (
			this.worker.count === 1 ||
			(code !== null && ownerOfCode(code, this.worker.count) === this.worker.index)
		);
	}

	/**
	 * Creates a live game and freezes its round in the database: `questions` as made by
	 * content/rounds.ts (or by a test); without them the round is made here, on this thread.
	 */
	create(
		config: RoundConfig,
		options: { ownerId?: string | null; questions?: Question[]; seed?: string; title?: string } = {}
	): LiveGame {
		let seed = options.seed ?? newSeed();
		let questions: Question[];
		if (options.questions) questions = checkQuestions(options.questions);
		else {
			const round = makeRoundNow(this.db, config, {
				audience: 'class',
				seed,
				teacherId: options.ownerId ?? null
			});
			({ config, questions, seed } = round);
		}
		const snapshot = liveSteps.initial(machineInput(questions, config));
		const { index, count } = this.worker;
		// A code this process owns, and an id that carries it, so requests for the game come here.
		const createdAt = new Date();
		const { gameId, joinCode } = this.db.transaction((tx) => {
			const code = allocateJoinCode(tx, () => ownedJoinCode(index, count, randomInt));
			const gameId = gameIdWithCode(code, newId());
			tx.insert(games)
				.values({
					id: gameId,
					mode: 'live',
					joinCode: code,
					ownerId: options.ownerId ?? null,
					// Every live game has a name: the teacher's, or its content and the day it is created.
					title:
						options.title ??
						defaultGameTitle(roundContentLabel(questions, config.families), createdAt.getTime()),
					createdAt,
					config,
					seed,
					questions,
					snapshot: liveGameMachine.getPersistedSnapshot(snapshot),
					machineVersion: MACHINE_VERSION,
					status: 'open',
					updatedAt: new Date()
				})
				.run();
			return { gameId, joinCode: code };
		});
		const game = runningGame({ id: gameId, code: joinCode, config, questions, snapshot });
		this.games.set(gameId, game);
		this.codes.set(joinCode, gameId);
		return game;
	}

	/**
	 * Restores every live game this process owns that has not ended (server start-up). Returns how
	 * many. With several workers, a game whose id carries no code (made before ids did) is ended:
	 * requests naming its id could not be routed to its owner.
	 */
	restoreAll(): number {
		const rows = this.db
			.select({ id: games.id, joinCode: games.joinCode })
			.from(games)
			.where(and(eq(games.mode, 'live'), ne(games.status, 'ended')))
			.all();
		let restored = 0;
		for (const row of rows) {
			if (this.games.has(row.id) || !this.owns(row.joinCode)) continue;
			if (this.worker.count > 1 && codeOfGameId(row.id) !== row.joinCode) {
				this.endUnroutable(row.id);
				continue;
			}
			if (this.load(row.id)) restored++;
		}
		return restored;
	}

	/** The game with this id, from memory or the database; null when there is none. */
	find(gameId: string): LiveGame | null {
		return this.games.get(gameId) ?? this.load(gameId);
	}

	/** The id of the newest live game with this join code (ended games included, for their podium). */
	idByCode(code: string): string {
		if (!/^\d{6}$/.test(code)) {
			throw new LiveError(400, 'bad_code', 'A join code is 6 digits.');
		}
		const running = this.codes.get(code);
		if (running) return running;
		const row = this.q.gameByCode.get({ code });
		if (!row) throw new LiveError(404, 'game_not_found', `No game has the code ${code}.`);
		return row.id;
	}

	/** Forgets a game that has ended. */
	forget(game: LiveGame): void {
		this.games.delete(game.id);
		if (this.codes.get(game.code) === game.id) this.codes.delete(game.code);
	}

	/** The games in memory. */
	running(): IterableIterator<LiveGame> {
		return this.games.values();
	}

	/** Forgets every game (tests). */
	clear(): void {
		this.games.clear();
		this.codes.clear();
	}

	/** Loads a game's state from its persisted snapshot, then lets `onLoad` re-arm its deadline. */
	private load(gameId: string): LiveGame | null {
		const row = this.db.select().from(games).where(eq(games.id, gameId)).get();
		if (!row || row.mode !== 'live') return null;
		// Another worker runs this game: a second copy here would fork its state. (The primary
		// routes every request naming the game to its owner; an ended game is only read.)
		if (row.status !== 'ended' && !this.owns(row.joinCode)) return null;
		const config = row.config;
		const questions = row.questions;
		const input = machineInput(questions, config);
		let snapshot: LiveSnapshot;
		if (row.snapshot && row.machineVersion === MACHINE_VERSION) {
			const persisted = this.withCurrentCounts(row.id, row.snapshot as PersistedLiveSnapshot);
			// XState's own restore (status, tags, final state) without running an actor.
			snapshot = liveSteps.restore(persisted);
		} else {
			// No usable snapshot (or one from an incompatible machine): the game cannot resume.
			snapshot = this.endUnresumable(gameId, input);
		}
		const game = runningGame({ id: row.id, code: row.joinCode ?? '', config, questions, snapshot });
		// A question open before the restart: when it reached each player is lost with the old
		// process, so its answers are timed from its opening (see `timedFrom`).
		if (snapshot.matches('question')) game.sentLost = snapshot.context.index;
		this.games.set(game.id, game);
		if (snapshot.status === 'active' && game.code) this.codes.set(game.code, game.id);
		this.onLoad(game);
		return game;
	}

	/** Marks a game that cannot resume as ended; returns its ended snapshot. */
	private endUnresumable(gameId: string, input: ReturnType<typeof machineInput>): LiveSnapshot {
		const snapshot = liveSteps.transition(liveSteps.initial(input), { type: 'END' });
		this.db
			.update(games)
			.set({
				status: 'ended',
				endedAt: new Date(),
				snapshot: liveGameMachine.getPersistedSnapshot(snapshot)
			})
			.where(eq(games.id, gameId))
			.run();
		return snapshot;
	}

	/** Ends a game that several workers could not route to one owner (see `restoreAll`). */
	private endUnroutable(gameId: string): void {
		const row = this.db
			.select({ questions: games.questions, config: games.config })
			.from(games)
			.where(eq(games.id, gameId))
			.get();
		if (!row) return;
		console.warn(`Live game ${gameId} predates routable ids and was ended (WORKERS > 1).`);
		this.endUnresumable(gameId, machineInput(row.questions, row.config));
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
		const playerCount = activePlayerCount(this.q, gameId);
		const answered =
			phaseOf(snapshot.value) === 'question' && context.index >= 0
				? answeredCount(this.q, gameId, context.index)
				: context.answered;
		const missed =
			Math.max(0, playerCount - context.players) + Math.max(0, answered - context.answered);
		return {
			...snapshot,
			context: { ...context, players: playerCount, answered, version: context.version + missed }
		};
	}
}
