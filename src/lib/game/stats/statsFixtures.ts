/** Questions for the statistics specs (one of each kind), built from fixture excerpts. */
import { fixtureExcerpt } from '../questionFixtures';
import type { FindQuestion, JudgeQuestion, NameQuestion } from '../types';
import type { TechniqueId } from '../techniques';

export function nameQuestion(answer: TechniqueId, itemKey = `name:${answer}`): NameQuestion {
	const others: TechniqueId[] = ['loaded-language', 'name-calling', 'slogans', 'doubt', 'fear'];
	return {
		itemKey,
		kind: 'name',
		excerpt: fixtureExcerpt('The corrupt elites are stealing your future again'),
		spans: [],
		highlight: [2, 5],
		choices: [answer, ...others.filter((t) => t !== answer).slice(0, 3)],
		answer
	};
}

export function judgeQuestion(loaded: boolean, itemKey = `judge:${loaded}`): JudgeQuestion {
	return {
		itemKey,
		kind: 'judge',
		excerpt: fixtureExcerpt('Our children will grow up drinking poison'),
		spans: loaded
			? [{ techniqueId: 'fear', range: [0, 3], text: 'Our children', explanation: null }]
			: [],
		loaded
	};
}

export function findQuestion(techniqueId: TechniqueId = 'slogans'): FindQuestion {
	return {
		itemKey: `find:${techniqueId}`,
		kind: 'find',
		excerpt: fixtureExcerpt('Make us great again they chanted in the square'),
		spans: [],
		techniqueId,
		targets: [[0, 7]]
	};
}
