/**
 * Playing a seat's round: start, answer, time out, next and quit, each in one transaction that
 * checks the seat, moves its machine on and stores what changed. The server clock decides every
 * time question; answers are judged by game/answering.ts.
 */
import * as v from 'valibot';
import type { SoloView } from '../../game/views';
import { judgeAnswer } from '../../game/answering';
import { isValidResponse } from '../../game/scoring';
import type { SoloEvent, SoloResult } from '../../game/solo.machine';
import type { AnswerResult } from '../../game/types';
import type { Db } from '../db/open';

import { soloQueries, type SoloQueries } from './queries';
import { confidenceLevelOf } from '../../game/stats/confidenceLevels';
import {
	AnswerFormSchema,
	confidenceField,
	confidenceOf,
	IndexSchema,
	firstMessage
} from './validation';
import {
	SoloError,
	type SoloSnapshot,
	type Seat,
	transition,
	loadSeat,
	checkOpen,
	answerKey,
	snapshotText,
	closeAsTimedOut
} from './seats';
import { buildView } from './view';

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

/** Sends one event to the seat's machine and stores the result, finishing the round if it ends. */
function advance(q: SoloQueries, seat: Seat, event: SoloEvent, now: number) {
	const { next, persisted } = transition(seat.snapshot, event);
	q.setSnapshot.run({ id: seat.player.id, snapshot: snapshotText(persisted) });
	q.touchGame.run({ gameId: seat.game.id, now });
	if (next.hasTag('done')) finish(q, seat, next, now);
}

/**
 * Runs `act` on the seat `token` holds in `gameId` in one transaction, so the seat is read,
 * checked and written together. Refuses (SoloError) a seat that is not there.
 */
function inSeat<T>(
	db: Db,
	gameId: string,
	token: string | null | undefined,
	act: (q: SoloQueries, seat: Seat) => T
): T {
	const q = soloQueries(db);
	return db.transaction(() => act(q, loadSeat(q, gameId, token)));
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
 * feedback (on a check, which shows none, straight on to the next question, and the answer must
 * carry a 1-4 confidence rating), in one transaction whose result is the verdict and the seat's new view (its feedback
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
	const outcome = inSeat(
		db,
		gameId,
		token,
		(q, seat): (AnswerResult & { view: SoloView }) | 'late' => {
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
			// A check asks how sure the student is (1-4) with every answer.
			const level = seat.game.checkRole ? confidenceLevelOf(confidenceField(body)) : null;
			if (seat.game.checkRole && level === null) {
				throw new SoloError(400, 'Say how sure you are, from 1 (guessing) to 4 (certain).');
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
			const answered = transition(seat.snapshot, {
				type: 'ANSWER',
				result: scored,
				now: eventNow
			});
			if (!answered.next.hasTag('feedback')) {
				throw new SoloError(409, 'That answer could not be taken; reload the page.');
			}
			// A check shows no feedback: the next question (or the end) follows the answer at once.
			const { next, persisted } = seat.game.checkRole
				? transition(answered.next, { type: 'NEXT', now })
				: answered;
			q.insertAnswer.run({
				...answerKey(seat, index, now, elapsedMs),
				response,
				confidence: seat.config.askConfidence && !seat.game.checkRole ? confidenceOf(body) : null,
				confidenceLevel: level,
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
			if (next.hasTag('done')) finish(q, seat, next, now);
			return {
				correct: scored.correct,
				credit: scored.credit,
				points: scored.points,
				timedOut: false,
				view: buildView(q, { ...seat, snapshot: next }, now)
			};
		}
	);
	if (outcome === 'late') {
		throw new SoloError(
			409,
			'Too late: time ran out for this question before your answer arrived, so it scored no points.'
		);
	}
	return outcome;
}

/** What a step does to a seat inside its transaction, at the server's `now`. */
type SeatAct = (q: SoloQueries, seat: Seat, now: number) => void;

/** A step on the seat `token` holds in `gameId`, run in one transaction (see inSeat). */
function seatStep(act: SeatAct) {
	return (db: Db, gameId: string, token: string | null | undefined, now = Date.now()): void =>
		inSeat(db, gameId, token, (q, seat) => act(q, seat, now));
}

/**
 * A step on the seat's current question: `act` runs in one transaction when the posted question
 * index is the seat's current question and its machine has `tag`; a stale or repeated press
 * (another index, another phase) changes nothing. A malformed index is refused (400).
 */
function questionStep(tag: 'answering' | 'feedback', act: SeatAct) {
	return (
		db: Db,
		gameId: string,
		token: string | null | undefined,
		body: unknown,
		now = Date.now()
	): void => {
		const parsed = v.safeParse(IndexSchema, body);
		if (!parsed.success) throw new SoloError(400, firstMessage(parsed.issues));
		inSeat(db, gameId, token, (q, seat) => {
			if (!seat.snapshot.hasTag(tag) || parsed.output.index !== seat.snapshot.context.index) return;
			checkOpen(seat, now);
			act(q, seat, now);
		});
	};
}

/** Starts the first question. Starting a game that already started changes nothing. */
export const startSoloGame = seatStep((q, seat, now) => {
	if (!seat.snapshot.hasTag('ready')) return;
	checkOpen(seat, now);
	advance(q, seat, { type: 'START', now }, now);
});

/**
 * Closes the current question as timed out when the browser's countdown reaches zero. Only the
 * server clock counts: before the deadline it is refused; for a question already closed it
 * changes nothing.
 */
export const timeoutSoloQuestion = questionStep('answering', (q, seat, now) => {
	const { deadline } = seat.snapshot.context;
	if (deadline === null || now < deadline) {
		throw new SoloError(409, 'There is still time left on this question.');
	}
	closeAsTimedOut(q, seat, now);
});

/** Moves from feedback to the next question (or the summary). A repeated press changes nothing. */
export const nextSoloQuestion = questionStep('feedback', (q, seat, now) => {
	advance(q, seat, { type: 'NEXT', now }, now);
});

/** Ends the round early and goes to the summary. */
export const quitSoloGame = seatStep((q, seat, now) => {
	if (seat.snapshot.hasTag('done')) return;
	advance(q, seat, { type: 'QUIT' }, now);
});
