/**
 * Solo seats: a player's row and its persisted solo machine, the frozen round of its game (read
 * once per process), the refusals of a seat that cannot play, and the writes every step shares
 * (a question closed as timed out). Solo games and assignments both seat players here.
 */
import { eq } from 'drizzle-orm';
import * as v from 'valibot';
import type { SnapshotFrom } from 'xstate';
import { pureSteps } from '../../game/pureSteps';
import { assignmentClosed, pastGrace } from '../../game/answering';
import { questionTechnique } from '../../game/round';
import { MACHINE_VERSION, soloMachine, type SoloEvent } from '../../game/solo.machine';
import { nicknameKey } from '../../game/nickname';
import type { Question, RoundConfig } from '../../game/types';
import type { Db } from '../db/open';
import { answers, games, leaderboard, players } from '../db/schema';
import { hashToken, newId } from '../tokens';
import { type SoloQueries } from './queries';
import { RoundConfigSchema } from './validation';
import { Refusal } from '../refusal';

/** Name of the httpOnly cookie holding this browser's solo token. */
export const SOLO_COOKIE = 'slant_solo';

/** A refusal a person can act on, with the HTTP status the route should answer with. */
export class SoloError extends Refusal {
	declare readonly status: 400 | 403 | 404 | 409 | 410;
	constructor(status: 400 | 403 | 404 | 409 | 410, message: string) {
		super(status, message);
	}
}

type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

export type DbOrTx = Db | Tx;

export type SoloSnapshot = SnapshotFrom<typeof soloMachine>;

type PlayerRow = typeof players.$inferSelect;

type GameRow = typeof games.$inferSelect;

export interface Seat {
	game: Pick<
		GameRow,
		'id' | 'mode' | 'status' | 'deadline' | 'checkRole' | 'opensAt' | 'resultsReleasedAt'
	>;
	player: PlayerRow;
	config: RoundConfig;
	/** The questions this seat plays: the round, or on a check the seat's form of it. */
	questions: Question[];
	/** Where the seat's questions start in the game's round (its answers store round indexes). */
	indexOffset: number;
	snapshot: SoloSnapshot;
}

/**
 * The part of a round a seat plays: all of it, or on a check (which holds form A's questions,
 * then form B's, `config.count` each) the seat's form.
 */
export function formOf(
	questions: Question[],
	config: Pick<RoundConfig, 'count'>,
	form: 'A' | 'B' | null
): { questions: Question[]; indexOffset: number } {
	if (form === null) return { questions, indexOffset: 0 };
	const indexOffset = form === 'A' ? 0 : config.count;
	return { questions: questions.slice(indexOffset, indexOffset + config.count), indexOffset };
}

/** The machine's pure steps, without an actor per call (see pureSteps). */
const steps = pureSteps(soloMachine, { questionCount: 0, secondsPerQuestion: null });

/** A new game's persisted snapshot: the machine's initial state, computed without an actor. */
export function newSnapshot(
	questionCount: number,
	secondsPerQuestion: number | null
): SoloSnapshot {
	const snapshot = steps.initial({ questionCount, secondsPerQuestion });
	return soloMachine.getPersistedSnapshot(snapshot) as SoloSnapshot;
}

/**
 * The state after one event, computed by the machine's pure step (no actor runs): `next` to read,
 * `persisted` to store. Nothing is applied anywhere until the caller's transaction stores it; each
 * request reads the state back from the database.
 */
export function transition(snapshot: SoloSnapshot, event: SoloEvent) {
	const next = steps.transition(snapshot, event);
	const persisted = soloMachine.getPersistedSnapshot(next) as SoloSnapshot;
	return { next, persisted };
}

/** A snapshot with tags and `matches`, restored from the persisted one as an actor would. */
export function restore(snapshot: SoloSnapshot): SoloSnapshot {
	return steps.restore(snapshot);
}

/**
 * Solo and assignment rounds are frozen when the game is created, so each process reads and
 * checks a game's round and configuration once, not on every request. Bounded: the oldest entry
 * goes first (a game played again is read again).
 */
const frozenRounds = new Map<string, { questions: Question[]; config: RoundConfig }>();

const FROZEN_ROUNDS_KEPT = 2000;

export function keepFrozenRound(
	gameId: string,
	round: { questions: Question[]; config: RoundConfig }
) {
	frozenRounds.set(gameId, round);
	if (frozenRounds.size > FROZEN_ROUNDS_KEPT) {
		frozenRounds.delete(frozenRounds.keys().next().value as string);
	}
}

function frozenRound(
	q: SoloQueries,
	gameId: string
): { questions: Question[]; config: RoundConfig } {
	let round = frozenRounds.get(gameId);
	if (!round) {
		const row = q.round.get({ gameId });
		round = {
			questions: (row?.questions ?? []) as Question[],
			config: v.parse(RoundConfigSchema, row?.config)
		};
		keepFrozenRound(gameId, round);
	}
	return round;
}

export function loadSeat(q: SoloQueries, gameId: string, token: string | null | undefined): Seat {
	const game = q.seatGame.get({ gameId });
	if (!game || (game.mode !== 'solo' && game.mode !== 'assignment')) {
		throw new SoloError(404, 'There is no solo game at this address.');
	}
	const assignment = game.mode === 'assignment';
	if (!token) {
		throw new SoloError(
			403,
			assignment
				? 'Join this assignment with its link first.'
				: 'This game belongs to the browser that started it. Start a new round on the Play page.'
		);
	}
	const player = q.playerByToken.get({ gameId, tokenHash: hashToken(token) });
	if (player?.removed) {
		throw new SoloError(
			403,
			assignment
				? 'Your teacher removed you from this assignment.'
				: 'This game belongs to another browser. Start a new round on the Play page.'
		);
	}
	if (!player) {
		throw new SoloError(
			403,
			assignment
				? 'This seat belongs to another browser. Join this assignment with its link.'
				: 'This game belongs to another browser. Start a new round on the Play page.'
		);
	}
	if (player.machineVersion !== MACHINE_VERSION) {
		throw new SoloError(
			409,
			'This game was saved by an older version of Slant and cannot be resumed. Start a new round.'
		);
	}
	const round = frozenRound(q, gameId);
	return {
		game,
		player,
		config: round.config,
		...formOf(round.questions, round.config, player.checkForm),
		snapshot: restore(player.snapshot as SoloSnapshot)
	};
}

/** Who takes a new seat in a game, and the round its machine starts. */
interface NewSeat {
	gameId: string;
	nickname: string | null;
	token: string;
	questionCount: number;
	secondsPerQuestion: number | null;
	now: number;
	/** Checks: the form the seat plays, and the student's first seat (after and delayed). */
	checkForm?: 'A' | 'B' | null;
	checkStudentId?: string | null;
	/** A resume code's hash the seat shares with the student's other checks. */
	resumeCodeHash?: string | null;
}

/**
 * Seats one more player in an existing game whose round is frozen (assignments): a player row
 * with a fresh solo machine snapshot. Call inside the transaction that checked the nickname.
 */
export function insertSoloPlayer(tx: DbOrTx, seat: NewSeat): string {
	const row = seatRow(seat);
	tx.insert(players).values(row).run();
	return row.id;
}

/** A new seat's player row, its machine before the first question. */
export function seatRow(seat: NewSeat) {
	return {
		id: newId(),
		gameId: seat.gameId,
		nickname: seat.nickname,
		nicknameKey: seat.nickname === null ? null : nicknameKey(seat.nickname),
		tokenHash: hashToken(seat.token),
		snapshot: newSnapshot(seat.questionCount, seat.secondsPerQuestion),
		machineVersion: MACHINE_VERSION,
		joinedAt: new Date(seat.now),
		checkForm: seat.checkForm ?? null,
		checkStudentId: seat.checkStudentId ?? null,
		resumeCodeHash: seat.resumeCodeHash ?? null
	};
}

/**
 * Gives a seat a fresh start (a teacher resetting a student's attempt): its answers are deleted
 * and its machine, score, streak and counts go back to before the first question. Call inside a
 * transaction.
 */
export function resetSoloSeat(
	tx: DbOrTx,
	seat: { playerId: string; questionCount: number; secondsPerQuestion: number | null }
): void {
	tx.delete(answers).where(eq(answers.playerId, seat.playerId)).run();
	tx.delete(leaderboard).where(eq(leaderboard.playerId, seat.playerId)).run();
	tx.update(players)
		.set({
			snapshot: newSnapshot(seat.questionCount, seat.secondsPerQuestion),
			machineVersion: MACHINE_VERSION,
			score: 0,
			streak: 0,
			correctCount: 0,
			answeredCount: 0,
			finishedAt: null
		})
		.where(eq(players.id, seat.playerId))
		.run();
}

/** True for an assignment that is closed (see assignmentClosed): it takes no more answers. */
export function isClosedAssignment(game: Seat['game'], now: number): boolean {
	return game.mode === 'assignment' && assignmentClosed(game, now);
}

/** Refuses any move in an assignment that has closed, or a delayed check not open yet. */
export function checkOpen(seat: Seat, now: number) {
	if (seat.game.opensAt && now < seat.game.opensAt.getTime()) {
		throw new SoloError(
			409,
			'This check has not opened yet: come back on the day your teacher set for it.'
		);
	}
	if (isClosedAssignment(seat.game, now)) {
		throw new SoloError(
			410,
			'This assignment is closed: its deadline has passed, so answers are no longer taken.'
		);
	}
}

/** The key of this seat's answer row for question `index` (what every stored answer has). */
export function answerKey(seat: Seat, index: number, now: number, timeMs: number) {
	const question = seat.questions[index];
	return {
		gameId: seat.game.id,
		playerId: seat.player.id,
		questionIndex: seat.indexOffset + index,
		itemKey: question.itemKey,
		kind: question.kind,
		techniqueId: questionTechnique(question),
		timeMs,
		createdAt: new Date(now)
	};
}

/** A snapshot as the JSON column players.snapshot stores it (a placeholder in `set` is raw). */
export function snapshotText(persisted: SoloSnapshot): string {
	return JSON.stringify(persisted);
}

/** Closes the current question as timed out: a 0-point answer row and the machine's TIMEOUT. */
export function closeAsTimedOut(q: SoloQueries, seat: Seat, now: number) {
	const { context } = seat.snapshot;
	const deadline = context.deadline ?? now;
	const { persisted } = transition(seat.snapshot, {
		type: 'TIMEOUT',
		now: Math.max(now, deadline)
	});
	q.insertTimedOut.run(
		answerKey(seat, context.index, now, Math.max(0, now - (context.questionStartedAt ?? now)))
	);
	q.timeOutSeat.run({
		id: seat.player.id,
		answeredCount: seat.player.answeredCount + 1,
		snapshot: snapshotText(persisted)
	});
	q.touchGame.run({ gameId: seat.game.id, now });
}

/** True when the question on screen has run past its deadline and the grace period. */
export function expired(snapshot: SoloSnapshot, now: number): boolean {
	return snapshot.hasTag('answering') && pastGrace(snapshot.context.deadline, now);
}
