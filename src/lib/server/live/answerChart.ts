/**
 * The answer distribution of one question for the host's bar chart at the reveal.
 */
import { techniqueById } from '../../game/techniques';
import type { Question, Response } from '../../game/types';
import type { AnswerRow } from './runningGame';
import type { DistributionBar } from './types';

/** The answer distribution of one question for the host's bar chart, labelled in words. */
export function distribution(q: Question, given: AnswerRow[]): DistributionBar[] {
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
