/**
 * The answer distribution of one question: the bars of the live reveal chart, the results page
 * and the questions CSV. One rule for "found the words": the server's verdict (`correct`); an
 * answer with some credit but not full is "partly found", one with none "missed".
 */
import { techniqueById } from '../techniques';
import type { Question } from '../types';
import type { ScoredAnswer } from './answers';

/** One bar of a question's answer distribution. */
export interface DistributionBar {
	/**
	 * A technique id (name the technique), 'loaded' / 'straight' (judge), 'found' / 'partial' /
	 * 'missed' (find the phrase), or 'no-answer' (time ran out) for every kind.
	 */
	key: string;
	label: string;
	count: number;
	/** This bar is (or counts) the right answer. */
	correct: boolean;
}

/**
 * Counts the answers to `q` per choice, in the order the choices were shown, with a last
 * 'no-answer' bar for timed-out answers. Counts always add up to `answers.length`; an answer of
 * another kind than the question (which the server never stores) falls into 'no-answer'.
 */
export function answerDistribution(
	q: Question,
	answers: readonly ScoredAnswer[]
): DistributionBar[] {
	const bars: DistributionBar[] = [];
	let given = 0;
	const bar = (key: string, label: string, correct: boolean, count: number) => {
		bars.push({ key, label, count, correct });
		given += count;
	};
	switch (q.kind) {
		case 'name':
			for (const id of q.choices) {
				bar(
					id,
					techniqueById(id)?.name ?? id,
					id === q.answer,
					answers.filter((a) => a.response?.kind === 'name' && a.response.techniqueId === id).length
				);
			}
			break;
		case 'judge':
			for (const loaded of [true, false]) {
				bar(
					loaded ? 'loaded' : 'straight',
					loaded ? 'Loaded' : 'Straight',
					q.loaded === loaded,
					answers.filter((a) => a.response?.kind === 'judge' && a.response.loaded === loaded).length
				);
			}
			break;
		case 'find': {
			const finds = answers.filter((a) => a.response?.kind === 'find');
			bar('found', 'Found the words', true, finds.filter((a) => a.correct).length);
			bar('partial', 'Partly found', false, finds.filter((a) => !a.correct && a.credit > 0).length);
			bar('missed', 'Missed', false, finds.filter((a) => !a.correct && a.credit <= 0).length);
			break;
		}
	}
	bars.push({
		key: 'no-answer',
		label: 'No answer',
		count: answers.length - given,
		correct: false
	});
	return bars;
}
