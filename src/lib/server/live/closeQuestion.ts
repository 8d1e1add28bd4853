/**
 * Closing a live question: players without an answer get a timed-out one, and every answer's
 * points, correctness and streak go into the players' totals.
 */
import type { LiveGameContext } from '../../game/liveGame.machine';
import { questionTechnique } from '../../game/round';
import { scoreAnswer } from '../../game/scoring';
import type { LiveQueries } from './queries';
import { seatsOf, type PlayerRow } from './ranking';
import { forgetReads, type LiveGame } from './runningGame';

/**
 * Scores question `index` of `game` in the caller's transaction. `timing` is the machine's context
 * (its question start and time limit) as the question closes.
 */
export function closeQuestion(
	q: LiveQueries,
	game: LiveGame,
	index: number,
	timing: Pick<LiveGameContext, 'startedAt' | 'limitMs'>
): void {
	// Scores, streaks and this question's answers change: the views read them again.
	forgetReads(game);
	const question = game.questions[index];
	const seats = q.seats.all({ gameId: game.id });
	const given = new Map(q.answersTo.all({ gameId: game.id, index }).map((a) => [a.playerId, a]));
	const { startedAt, limitMs } = timing;
	// The seats as this transaction leaves them, for the views of the reveal (`forgetReads` drops
	// them again if the transaction rolls back).
	const after: PlayerRow[] = [];
	let timedOut = 0;
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
			q.insertTimedOut.run({
				gameId: game.id,
				playerId: seat.id,
				questionIndex: index,
				itemKey: question.itemKey,
				kind: question.kind,
				techniqueId: questionTechnique(question),
				timeMs: limitMs ?? 0
			});
			q.setStreak.run({ id: seat.id, streak: missed.streak });
			after.push({ ...seat, streak: missed.streak });
			timedOut++;
			continue;
		}
		// scoreAnswer's streak rule: one more after a fully correct answer, else back to 0.
		const scored = {
			id: seat.id,
			score: seat.score + answer.points,
			correctCount: seat.correctCount + (answer.correct ? 1 : 0),
			answeredCount: seat.answeredCount + (answer.timedOut ? 0 : 1),
			streak: answer.correct ? seat.streak + 1 : 0
		};
		q.scoreSeat.run(scored);
		after.push({ ...seat, ...scored });
	}
	game.seats = seatsOf(after);
	// Timed-out answers were inserted as rows the views have not read; without any, the answers
	// read here are all there is.
	if (timedOut === 0) game.given = { index, byPlayer: given };
}
