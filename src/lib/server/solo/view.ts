/**
 * What a solo or assignment player may see: the seat's view (a public question while answering,
 * the verdict after, the summary at the end) and the leaderboard. The answer key appears only in
 * feedback and the summary, after the player has answered.
 */
import { judgementCounts } from '../../game/discernment';
import type { LeaderboardEntry, SoloFeedback, SoloSummary, SoloView } from '../../game/views';
import { techniqueTally, type AnswerTo } from '../../game/stats/techniques';
import { revealQuestion } from '../../game/feedback';
import { contrastFor } from '../../game/answering';
import { toPublicQuestion, questionTechnique } from '../../game/round';
import type { TechniqueId } from '../../game/techniques';
import type { PublicQuestion, Question } from '../../game/types';
import type { Db } from '../db/open';
import { answers } from '../db/schema';
import { soloQueries, type SoloQueries } from './queries';
import { type Seat, loadSeat, isClosedAssignment, closeAsTimedOut, expired } from './seats';

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

export function buildSummary(q: SoloQueries, seat: Seat): SoloSummary {
	const rows = q.answersOf.all({ playerId: seat.player.id });
	const { context } = seat.snapshot;
	const given: AnswerTo[] = [];
	const missed: SoloFeedback[] = [];
	const missedTechniques = new Set<TechniqueId>();
	for (const row of rows) {
		const index = row.questionIndex - seat.indexOffset;
		const question = seat.questions[index];
		if (!question) continue;
		given.push({
			question,
			response: row.response ?? null,
			correct: row.correct,
			credit: row.credit
		});
		if (!row.correct) {
			missed.push(feedbackFor(question, index, row));
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

/**
 * A check's test mode: which check it is and whether the student may see their results (after
 * the check after teaching or a delayed check, or once the teacher released them); null otherwise.
 */
export function checkOf(seat: Seat): SoloView['check'] {
	const role = seat.game.checkRole;
	if (!role) return null;
	return { role, resultsShown: role !== 'before' || seat.game.resultsReleasedAt !== null };
}

export function buildView(q: SoloQueries, seat: Seat, now: number): SoloView {
	const { snapshot, questions, player } = seat;
	const { context } = snapshot;
	const current = questions[context.index];
	const check = checkOf(seat);
	let question: PublicQuestion | null = null;
	let feedback: SoloFeedback | null = null;
	let summary: SoloSummary | null = null;
	if (snapshot.hasTag('answering') && current) {
		question = toPublicQuestion(current);
	} else if (snapshot.hasTag('feedback') && current && !check) {
		const row = q.answerOf.get({ playerId: player.id, index: seat.indexOffset + context.index });
		if (row) feedback = feedbackFor(current, context.index, row);
	} else if (snapshot.hasTag('done') && (!check || check.resultsShown)) {
		summary = buildSummary(q, seat);
	}
	// During a check nothing tells how an answer went: no score, streak or count right.
	const hidden = check !== null && summary === null;
	return {
		gameId: seat.game.id,
		nickname: player.nickname,
		config: seat.config,
		phase: String(snapshot.value),
		tags: [...snapshot.tags],
		index: context.index,
		total: context.questionCount,
		score: hidden ? null : context.score,
		streak: hidden ? null : context.streak,
		correctCount: hidden ? null : context.results.filter((r) => r?.correct).length,
		answeredCount: context.results.filter((r) => r !== null).length,
		check,
		serverNow: now,
		deadline: snapshot.hasTag('answering') ? context.deadline : null,
		limitMs: context.limitMs,
		question,
		feedback,
		summary
	};
}
