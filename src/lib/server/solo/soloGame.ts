/**
 * Solo play on the server. The answer key (the frozen `questions` of a game) never leaves this
 * module before the player has answered: views carry public questions, and the key appears only
 * in feedback and the summary. The server clock decides every time question, and every write
 * (answer row, player totals, persisted machine snapshot) happens in one transaction.
 */
import { eq } from 'drizzle-orm';
import * as v from 'valibot';
import type { SnapshotFrom } from 'xstate';
import { pureSteps } from '../../game/pureSteps';
import { judgementCounts } from '../../game/discernment';
import type { LeaderboardEntry, SoloFeedback, SoloSummary, SoloView } from '../../game/views';
import { techniqueTally, type AnswerTo } from '../../game/stats/techniques';
import { revealQuestion } from '../../game/feedback';
import { assignmentClosed, contrastFor, judgeAnswer, pastGrace } from '../../game/answering';
import { practiceConfig, toPublicQuestion, questionTechnique } from '../../game/round';
import { isValidResponse } from '../../game/scoring';
import {
	MACHINE_VERSION,
	soloMachine,
	type SoloEvent,
	type SoloResult
} from '../../game/solo.machine';
import { nicknameKey } from '../../game/nickname';
import type { TechniqueId } from '../../game/techniques';
import type { AnswerResult, PublicQuestion, Question, RoundConfig } from '../../game/types';
import { makeRound, type MadeRound } from '../content/rounds';
import type { Db } from '../db/open';
import { answers, games, leaderboard, players } from '../db/schema';
import { hashToken, newId, newToken } from '../tokens';
import { soloQueries, type SoloQueries } from './queries';
import {
	AnswerFormSchema,
	confidenceOf,
	CreateSoloSchema,
	IndexSchema,
	RoundConfigSchema,
	firstMessage,
	toRoundConfig
} from './validation';
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
type DbOrTx = Db | Tx;
type SoloSnapshot = SnapshotFrom<typeof soloMachine>;
type PlayerRow = typeof players.$inferSelect;
type GameRow = typeof games.$inferSelect;

interface Seat {
	game: Pick<GameRow, 'id' | 'mode' | 'status' | 'deadline'>;
	player: PlayerRow;
	config: RoundConfig;
	questions: Question[];
	snapshot: SoloSnapshot;
}

/** The machine's pure steps, without an actor per call (see pureSteps). */
const steps = pureSteps(soloMachine, { questionCount: 0, secondsPerQuestion: null });

/** A new game's persisted snapshot: the machine's initial state, computed without an actor. */
function newSnapshot(questionCount: number, secondsPerQuestion: number | null): SoloSnapshot {
	const snapshot = steps.initial({ questionCount, secondsPerQuestion });
	return soloMachine.getPersistedSnapshot(snapshot) as SoloSnapshot;
}

/**
 * The state after one event, computed by the machine's pure step (no actor runs): `next` to read,
 * `persisted` to store. Nothing is applied anywhere until the caller's transaction stores it; each
 * request reads the state back from the database.
 */
function transition(snapshot: SoloSnapshot, event: SoloEvent) {
	const next = steps.transition(snapshot, event);
	const persisted = soloMachine.getPersistedSnapshot(next) as SoloSnapshot;
	return { next, persisted };
}

/** A snapshot with tags and `matches`, restored from the persisted one as an actor would. */
function restore(snapshot: SoloSnapshot): SoloSnapshot {
	return steps.restore(snapshot);
}

/**
 * Solo and assignment rounds are frozen when the game is created, so each process reads and
 * checks a game's round and configuration once, not on every request. Bounded: the oldest entry
 * goes first (a game played again is read again).
 */
const frozenRounds = new Map<string, { questions: Question[]; config: RoundConfig }>();
const FROZEN_ROUNDS_KEPT = 2000;

function keepFrozenRound(gameId: string, round: { questions: Question[]; config: RoundConfig }) {
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

function loadSeat(q: SoloQueries, gameId: string, token: string | null | undefined): Seat {
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
	const player = q.seatPlayer.get({ gameId, tokenHash: hashToken(token) });
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
	const { questions, config } = frozenRound(q, gameId);
	return {
		game,
		player,
		config,
		questions,
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
function seatRow(seat: NewSeat) {
	return {
		id: newId(),
		gameId: seat.gameId,
		nickname: seat.nickname,
		nicknameKey: seat.nickname === null ? null : nicknameKey(seat.nickname),
		tokenHash: hashToken(seat.token),
		snapshot: newSnapshot(seat.questionCount, seat.secondsPerQuestion),
		machineVersion: MACHINE_VERSION,
		joinedAt: new Date(seat.now)
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
function isClosedAssignment(game: Seat['game'], now: number): boolean {
	return game.mode === 'assignment' && assignmentClosed(game, now);
}

/** Refuses any move in an assignment that has closed. */
function checkOpen(seat: Seat, now: number) {
	if (isClosedAssignment(seat.game, now)) {
		throw new SoloError(
			410,
			'This assignment is closed: its deadline has passed, so answers are no longer taken.'
		);
	}
}

/**
 * Creates the game and its one player in one transaction, and keeps its frozen round for the
 * requests that follow (they would read back what was just written).
 */
function insertGame(
	db: Db,
	{ config, questions, seed }: MadeRound,
	nickname: string | null,
	token: string | null | undefined,
	now: number
) {
	const q = soloQueries(db);
	const gameId = newId();
	const seatToken = token || newToken();
	const stored: RoundConfig = { ...config, count: questions.length };
	const seat = seatRow({
		gameId,
		nickname,
		token: seatToken,
		questionCount: questions.length,
		secondsPerQuestion: config.secondsPerQuestion,
		now
	});
	db.transaction(() => {
		q.insertGame.run({
			id: gameId,
			config: stored,
			seed,
			questions,
			machineVersion: MACHINE_VERSION,
			now: new Date(now)
		});
		q.insertSeat.run(seat);
	});
	keepFrozenRound(gameId, { questions, config: v.parse(RoundConfigSchema, stored) });
	return { gameId, playerId: seat.id, token: seatToken };
}

/**
 * Creates a solo game from a create request (validated here) and returns its id and the
 * player's token. `token`: this browser's existing solo token, reused so that one cookie opens
 * every game the browser started. The round is made off the event loop (content/rounds.ts), so
 * that building it never stalls other players.
 */
export async function createSoloGame(
	db: Db,
	input: unknown,
	options: { token?: string | null; now?: number; seed?: string } = {}
): Promise<{ gameId: string; playerId: string; token: string }> {
	const { config, nickname } = parseCreate(input);
	const round = await makeRound(db, config, {
		audience: 'solo',
		seed: options.seed,
		token: options.token
	});
	return insertGame(db, round, nickname, options.token, options.now ?? Date.now());
}

function parseCreate(input: unknown): { config: RoundConfig; nickname: string | null } {
	const parsed = v.safeParse(CreateSoloSchema, input);
	if (!parsed.success) throw new SoloError(400, firstMessage(parsed.issues));
	return { config: toRoundConfig(parsed.output), nickname: parsed.output.nickname };
}

/** A new round weighted to the techniques the player missed in a finished game. */
export async function createPracticeGame(
	db: Db,
	gameId: string,
	token: string | null | undefined,
	now = Date.now(),
	seed?: string
): Promise<{ gameId: string; playerId: string; token: string }> {
	const { config, nickname } = practiceFor(db, gameId, token);
	const round = await makeRound(db, config, { audience: 'solo', seed, token });
	return insertGame(db, round, nickname, token, now);
}

/** The practice round's configuration: the finished game's, weighted to what was missed. */
function practiceFor(db: Db, gameId: string, token: string | null | undefined) {
	const q = soloQueries(db);
	const seat = loadSeat(q, gameId, token);
	if (!seat.snapshot.hasTag('done')) {
		throw new SoloError(409, 'Finish this round first; then you can practise what you missed.');
	}
	const summary = buildSummary(q, seat);
	return {
		config: practiceConfig(seat.config, summary.missedTechniques),
		nickname: seat.player.nickname
	};
}

/** The key of this seat's answer row for question `index` (what every stored answer has). */
function answerKey(seat: Seat, index: number, now: number, timeMs: number) {
	const question = seat.questions[index];
	return {
		gameId: seat.game.id,
		playerId: seat.player.id,
		questionIndex: index,
		itemKey: question.itemKey,
		kind: question.kind,
		techniqueId: questionTechnique(question),
		timeMs,
		createdAt: new Date(now)
	};
}

/** A snapshot as the JSON column players.snapshot stores it (a placeholder in `set` is raw). */
function snapshotText(persisted: SoloSnapshot): string {
	return JSON.stringify(persisted);
}

/** Closes the current question as timed out: a 0-point answer row and the machine's TIMEOUT. */
function closeAsTimedOut(q: SoloQueries, seat: Seat, now: number) {
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
function expired(snapshot: SoloSnapshot, now: number): boolean {
	return snapshot.hasTag('answering') && pastGrace(snapshot.context.deadline, now);
}

/**
 * Marks the player finished and, for a solo game, the game ended and a completed round with a
 * nickname on the leaderboard. An assignment stays open for its other players.
 */
function finish(q: SoloQueries, seat: Seat, snapshot: SoloSnapshot, now: number) {
	q.finishSeat.run({ id: seat.player.id, now });
	if (seat.game.mode !== 'solo') return;
	q.endGame.run({ gameId: seat.game.id, now });
	const { context } = snapshot;
	if (seat.player.nickname && !context.quit) {
		q.insertLeaderboard.run({
			gameId: seat.game.id,
			playerId: seat.player.id,
			nickname: seat.player.nickname,
			score: context.score,
			correct: context.results.filter((r) => r?.correct).length,
			total: context.questionCount,
			createdAt: new Date(now)
		});
	}
}

/**
 * The player's view of the game. A question whose time (plus grace) has run out is closed as
 * timed out first, so loading the page late never reopens it.
 */
export function getSoloView(
	db: Db,
	gameId: string,
	token: string | null | undefined,
	now = Date.now()
): SoloView {
	const q = soloQueries(db);
	const seat = db.transaction(() => {
		const seat = loadSeat(q, gameId, token);
		// A closed assignment is only shown: nothing is written after its deadline.
		if (!expired(seat.snapshot, now) || isClosedAssignment(seat.game, now)) return seat;
		closeAsTimedOut(q, seat, now);
		return loadSeat(q, gameId, token);
	});
	return buildView(q, seat, now);
}

/** Sends one event to the seat's machine and stores the result, finishing the round if it ends. */
function advance(q: SoloQueries, seat: Seat, event: SoloEvent, now: number) {
	const { next, persisted } = transition(seat.snapshot, event);
	q.setSnapshot.run({ id: seat.player.id, snapshot: snapshotText(persisted) });
	q.touchGame.run({ gameId: seat.game.id, now });
	if (next.hasTag('done')) finish(q, seat, next, now);
}

/** Starts the first question. Starting a game that already started changes nothing. */
export function startSoloGame(
	db: Db,
	gameId: string,
	token: string | null | undefined,
	now = Date.now()
) {
	const q = soloQueries(db);
	db.transaction(() => {
		const seat = loadSeat(q, gameId, token);
		if (!seat.snapshot.hasTag('ready')) return;
		checkOpen(seat, now);
		advance(q, seat, { type: 'START', now }, now);
	});
}

/** Refuses an answer to anything but the question on screen, without writing. */
function checkAnswerable(seat: Seat, index: number) {
	const { context } = seat.snapshot;
	if (seat.snapshot.hasTag('ready')) {
		throw new SoloError(409, 'The round has not started yet: press Start first.');
	}
	if (seat.snapshot.hasTag('done')) {
		throw new SoloError(409, 'This round is over, so answers are no longer taken.');
	}
	if (index < context.index || (index === context.index && !seat.snapshot.hasTag('answering'))) {
		throw new SoloError(
			409,
			`Question ${index + 1} has already been answered; an answer counts only once.`
		);
	}
	if (index > context.index) {
		throw new SoloError(409, `Question ${index + 1} has not been shown yet.`);
	}
}

/**
 * Checks and scores an answer to the current question, stores it and moves the machine to
 * feedback, in one transaction whose result is the verdict and the seat's new view (its feedback
 * read back from the row just written), so nothing reloads the seat. Refuses (SoloError) a
 * replayed answer (409), an answer to another question (409), a malformed one (400) and, after
 * closing the question as timed out, a late one (409).
 */
export function answerSoloQuestion(
	db: Db,
	gameId: string,
	token: string | null | undefined,
	body: unknown,
	now = Date.now()
): AnswerResult & { view: SoloView } {
	const parsedIndex = v.safeParse(IndexSchema, body);
	const parsed = v.safeParse(AnswerFormSchema, body);
	const q = soloQueries(db);
	const outcome = db.transaction((): (AnswerResult & { view: SoloView }) | 'late' => {
		const seat = loadSeat(q, gameId, token);
		if (!parsedIndex.success) throw new SoloError(400, firstMessage(parsedIndex.issues));
		const index = parsedIndex.output.index;
		if (!parsed.success) {
			// Say "already answered" rather than "malformed" for a replay, whatever its shape.
			checkAnswerable(seat, index);
			throw new SoloError(400, firstMessage(parsed.issues));
		}
		const response = parsed.output;
		checkAnswerable(seat, index);
		checkOpen(seat, now);
		const question = seat.questions[index];
		if (!question) throw new SoloError(400, 'There is no such question in this round.');
		if (response.kind !== question.kind) {
			throw new SoloError(400, 'That answer is for a different kind of question.');
		}
		if (!isValidResponse(question, response)) {
			throw new SoloError(
				400,
				question.kind === 'name'
					? 'Choose one of the four techniques shown.'
					: 'Select one or more words of the excerpt, from a first word to a last word.'
			);
		}
		const { context } = seat.snapshot;
		const judged = judgeAnswer(
			question,
			response,
			{
				now,
				startedAt: context.questionStartedAt,
				deadline: context.deadline,
				limitMs: context.limitMs
			},
			seat.config,
			context.streak
		);
		if (judged.late) {
			closeAsTimedOut(q, seat, now);
			return 'late';
		}
		const scored: SoloResult = { ...judged.result, streak: judged.streak };
		const elapsedMs = judged.timeMs;
		const eventNow = context.deadline === null ? now : Math.min(now, context.deadline - 1);
		const { next, persisted } = transition(seat.snapshot, {
			type: 'ANSWER',
			result: scored,
			now: eventNow
		});
		if (!next.hasTag('feedback')) {
			throw new SoloError(409, 'That answer could not be taken; reload the page.');
		}
		q.insertAnswer.run({
			...answerKey(seat, index, now, elapsedMs),
			response,
			confidence: seat.config.askConfidence ? confidenceOf(body) : null,
			correct: scored.correct,
			credit: scored.credit,
			points: scored.points,
			timedOut: false
		});
		q.scoreSeat.run({
			id: seat.player.id,
			score: next.context.score,
			streak: next.context.streak,
			correctCount: seat.player.correctCount + (scored.correct ? 1 : 0),
			answeredCount: seat.player.answeredCount + 1,
			snapshot: snapshotText(persisted)
		});
		q.touchGame.run({ gameId: seat.game.id, now });
		return {
			correct: scored.correct,
			credit: scored.credit,
			points: scored.points,
			timedOut: false,
			view: buildView(q, { ...seat, snapshot: next }, now)
		};
	});
	if (outcome === 'late') {
		throw new SoloError(
			409,
			'Too late: time ran out for this question before your answer arrived, so it scored no points.'
		);
	}
	return outcome;
}

/**
 * Runs `act` in one transaction when the posted question index is the seat's current question and
 * its machine has `tag`; a stale or repeated press (another index, another phase) changes nothing.
 */
function onCurrentQuestion(
	db: Db,
	gameId: string,
	token: string | null | undefined,
	body: unknown,
	tag: 'answering' | 'feedback',
	now: number,
	act: (q: SoloQueries, seat: Seat) => void
) {
	const parsed = v.safeParse(IndexSchema, body);
	if (!parsed.success) throw new SoloError(400, firstMessage(parsed.issues));
	const q = soloQueries(db);
	db.transaction(() => {
		const seat = loadSeat(q, gameId, token);
		if (!seat.snapshot.hasTag(tag) || parsed.output.index !== seat.snapshot.context.index) return;
		checkOpen(seat, now);
		act(q, seat);
	});
}

/**
 * Closes the current question as timed out when the browser's countdown reaches zero. Only the
 * server clock counts: before the deadline it is refused; for a question already closed it
 * changes nothing.
 */
export function timeoutSoloQuestion(
	db: Db,
	gameId: string,
	token: string | null | undefined,
	body: unknown,
	now = Date.now()
) {
	onCurrentQuestion(db, gameId, token, body, 'answering', now, (q, seat) => {
		const { deadline } = seat.snapshot.context;
		if (deadline === null || now < deadline) {
			throw new SoloError(409, 'There is still time left on this question.');
		}
		closeAsTimedOut(q, seat, now);
	});
}

/** Moves from feedback to the next question (or the summary). A repeated press changes nothing. */
export function nextSoloQuestion(
	db: Db,
	gameId: string,
	token: string | null | undefined,
	body: unknown,
	now = Date.now()
) {
	onCurrentQuestion(db, gameId, token, body, 'feedback', now, (q, seat) => {
		advance(q, seat, { type: 'NEXT', now }, now);
	});
}

/** Ends the round early and goes to the summary. */
export function quitSoloGame(
	db: Db,
	gameId: string,
	token: string | null | undefined,
	now = Date.now()
) {
	const q = soloQueries(db);
	db.transaction(() => {
		const seat = loadSeat(q, gameId, token);
		if (seat.snapshot.hasTag('done')) return;
		advance(q, seat, { type: 'QUIT' }, now);
	});
}

/** Best solo scores with nicknames, highest first. */
export function loadLeaderboard(db: Db, limit = 10): LeaderboardEntry[] {
	return soloQueries(db).leaderboard.all({ limit });
}

function feedbackFor(q: Question, index: number, row: typeof answers.$inferSelect): SoloFeedback {
	const response = row.response ?? null;
	const reveal = revealQuestion(q);
	const contrast = contrastFor(reveal, response);
	return {
		index,
		result: {
			correct: row.correct,
			credit: row.credit,
			points: row.points,
			timedOut: row.timedOut
		},
		response,
		reveal,
		contrast
	};
}

function buildSummary(q: SoloQueries, seat: Seat): SoloSummary {
	const rows = q.answersOf.all({ playerId: seat.player.id });
	const { context } = seat.snapshot;
	const given: AnswerTo[] = [];
	const missed: SoloFeedback[] = [];
	const missedTechniques = new Set<TechniqueId>();
	for (const row of rows) {
		const question = seat.questions[row.questionIndex];
		if (!question) continue;
		given.push({
			question,
			response: row.response ?? null,
			correct: row.correct,
			credit: row.credit
		});
		if (!row.correct) {
			missed.push(feedbackFor(question, row.questionIndex, row));
			const techniqueId = questionTechnique(question);
			if (question.kind === 'judge') {
				for (const s of question.spans) missedTechniques.add(s.techniqueId);
			} else if (techniqueId) {
				missedTechniques.add(techniqueId);
			}
		}
	}
	return {
		score: context.score,
		correct: rows.filter((r) => r.correct).length,
		answered: rows.length,
		total: context.questionCount,
		quit: context.quit,
		byTechnique: techniqueTally(given).map((t) => ({
			techniqueId: t.techniqueId,
			name: t.name,
			answered: t.responses,
			correct: t.correct
		})),
		discernment: judgementCounts(given),
		missed,
		missedTechniques: [...missedTechniques]
	};
}

function buildView(q: SoloQueries, seat: Seat, now: number): SoloView {
	const { snapshot, questions, player } = seat;
	const { context } = snapshot;
	const current = questions[context.index];
	let question: PublicQuestion | null = null;
	let feedback: SoloFeedback | null = null;
	let summary: SoloSummary | null = null;
	if (snapshot.hasTag('answering') && current) {
		question = toPublicQuestion(current);
	} else if (snapshot.hasTag('feedback') && current) {
		const row = q.answerOf.get({ playerId: player.id, index: context.index });
		if (row) feedback = feedbackFor(current, context.index, row);
	} else if (snapshot.hasTag('done')) {
		summary = buildSummary(q, seat);
	}
	return {
		gameId: seat.game.id,
		nickname: player.nickname,
		config: seat.config,
		phase: String(snapshot.value),
		tags: [...snapshot.tags],
		index: context.index,
		total: context.questionCount,
		score: context.score,
		streak: context.streak,
		correctCount: context.results.filter((r) => r?.correct).length,
		answeredCount: context.results.filter((r) => r !== null).length,
		serverNow: now,
		deadline: snapshot.hasTag('answering') ? context.deadline : null,
		limitMs: context.limitMs,
		question,
		feedback,
		summary
	};
}
