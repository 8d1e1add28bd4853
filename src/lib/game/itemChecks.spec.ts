import { describe, expect, it } from 'vitest';
import { revealQuestion } from './feedback';
import {
	SURFACE_CUES,
	binaryCueAccuracy,
	excerptWords,
	findOverSelectionCredit,
	isExplained,
	lengthCueAccuracy,
	nameDistractorsInExcerpt,
	sourceCueAccuracy,
	type JudgeItem
} from './itemChecks';
import { fixtureExcerpt, nameQuestionOn } from './questionFixtures';
import type { ExcerptSpan, FindQuestion } from './types';

const judge = (loaded: boolean, text: string, source = 'a'): JudgeItem => ({
	loaded,
	text,
	words: text.split(' ').length,
	source
});

describe('item checks (npm run bench:items and the article preview)', () => {
	it('scores a surface cue by the better of its two directions', () => {
		const items = [
			judge(true, 'In 2019 it rose'),
			judge(true, 'By 40 percent'),
			judge(false, 'It fell')
		];
		const digits = SURFACE_CUES.find((c) => c.id === 'digits');
		expect(digits && binaryCueAccuracy(items, digits.test)).toBe(1);
		expect(binaryCueAccuracy(items, () => true)).toBeCloseTo(2 / 3, 10);
	});

	it('finds the best length threshold and the majority key per source', () => {
		const items = [
			judge(true, 'a b c d'),
			judge(true, 'a b c'),
			judge(false, 'a', 'x'),
			judge(false, 'a b', 'x')
		];
		expect(lengthCueAccuracy(items)).toBe(1);
		expect(sourceCueAccuracy(items)).toBe(1);
		expect(sourceCueAccuracy(items.map((i) => ({ ...i, source: 's' })))).toBe(0.5);
	});

	it('gives the credit of selecting the whole excerpt (and three quarters) in a find item', () => {
		const excerpt = fixtureExcerpt(
			'The council met. The greedy developers won again on Monday night.'
		);
		const words = excerpt.tokens.map((t) => t.text);
		const g = words.indexOf('greedy');
		const q: FindQuestion = {
			itemKey: 'k',
			kind: 'find',
			excerpt,
			spans: [],
			techniqueId: 'loaded-language',
			targets: [[g, g + 1]]
		};
		expect(findOverSelectionCredit(q)).toEqual({ whole: 0, threeQuarters: 0 });
		// A target covering nearly everything lets "select all" through.
		const wide: FindQuestion = { ...q, targets: [[0, excerpt.tokens.length]] };
		expect(findOverSelectionCredit(wide).whole).toBeGreaterThan(0);
		expect(excerptWords(q)).toBe(11);
	});

	it('lists name choices that also label words of the excerpt', () => {
		const excerpt = fixtureExcerpt('The greedy developers said it was a total disaster.');
		const spans: ExcerptSpan[] = [
			{ techniqueId: 'loaded-language', range: [2, 3], text: 'greedy', explanation: null },
			{ techniqueId: 'exaggeration', range: [14, 17], text: 'total disaster', explanation: null }
		];
		const q = nameQuestionOn(excerpt, spans, spans[0], [
			'loaded-language',
			'exaggeration',
			'doubt',
			'slogans'
		]);
		expect(nameDistractorsInExcerpt(q)).toEqual(['exaggeration']);
		expect(
			nameDistractorsInExcerpt({ ...q, choices: ['loaded-language', 'fear', 'doubt', 'slogans'] })
		).toEqual([]);
	});

	it('counts an answer as explained only when its words have an explanation at the reveal', () => {
		const excerpt = fixtureExcerpt('The greedy developers won.');
		const greedy: ExcerptSpan = {
			techniqueId: 'loaded-language',
			range: [2, 3],
			text: 'greedy',
			explanation: null
		};
		const q = nameQuestionOn(excerpt, [greedy], greedy, [
			'loaded-language',
			'fear',
			'doubt',
			'slogans'
		]);
		// The reveal fills in Slant's template, so the words are explained.
		expect(isExplained(q, revealQuestion(q))).toBe(true);
		const bare = revealQuestion(q);
		expect(
			isExplained(q, { ...bare, spans: bare.spans.map((s) => ({ ...s, explanation: null })) })
		).toBe(false);
	});
});
