/**
 * The answer distribution of one question for the host's bar chart at the reveal: the game
 * core's answerDistribution, the same bars as the results page and the questions CSV.
 */
import { answerDistribution, type DistributionBar } from '../../game/stats/distribution';
import type { Question, Response } from '../../game/types';
import type { AnswerRow } from './runningGame';

/** The answer distribution of one question for the host's bar chart, labelled in words. */
export function distribution(q: Question, given: AnswerRow[]): DistributionBar[] {
	return answerDistribution(
		q,
		given.map((a) => ({
			response: (a.response as Response | null) ?? null,
			correct: a.correct,
			credit: a.credit
		}))
	);
}
