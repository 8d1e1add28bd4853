/**
 * Closing a live question: players without an answer get a timed-out one, and every answer's
 * points, correctness and streak go into the players' totals.
 */
import type { LiveGameContext } from '../../game/liveGame.machine';
import { questionTechnique } from '../../game/round';
import type { LiveQueries } from './queries';
import { seatsOf } from './ranking';
import { forgetReads, type LiveGame } from './runningGame';

/**
 * Scores question `index` of `game` in the caller's transaction, in two statements whatever the
 * size of the class (a statement per seat cost a thousand-player class about 10 ms). `timing` is
 * the machine's context (its time limit, and why the question closed) as the question closes.
 */
export function closeQuestion(
	q: LiveQueries,
	game: LiveGame,
	index: number,
	timing: Pick<LiveGameContext, 'limitMs' | 'closeReason'>
): void {
	// The answers to this question as the views know them (kept up to date by every stored
	// answer; those of the transaction that closes the question are added once it commits).
	const known = game.given?.index === index ? game.given : undefined;
	// Scores, streaks and this question's answers change: the views read them again.
	forgetReads(game);
	const question = game.questions[index];
	// A missed question is stored with its whole time limit as its time (0 without a limit).
	const timeMs = timing.limitMs ?? 0;
	const { changes: timedOut } = q.timeOutMissing.run({
		gameId: game.id,
		index,
		itemKey: question.itemKey,
		kind: question.kind,
		techniqueId: questionTechnique(question),
		timeMs,
		// The report says "closed by the teacher" rather than "time ran out" for these.
		closedBy: timing.closeReason === 'host' ? 'host' : 'time'
	});
	q.scoreQuestion.run({ gameId: game.id, index });
	// The seats as this transaction leaves them, for the views of the reveal (`forgetReads` drops
	// them again if the transaction rolls back).
	game.seats = seatsOf(q.seats.all({ gameId: game.id }));
	// Timed-out answers were inserted as rows the views have not read; without any, the answers
	// the views knew are all there is.
	if (timedOut === 0 && known) game.given = known;
}
