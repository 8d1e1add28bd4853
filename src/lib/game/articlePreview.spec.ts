import { describe, expect, it } from 'vitest';
import { MIN_STRAIGHT_PASSAGES, previewArticle, type PreviewInput } from './articlePreview';
import { draftExplanation } from './draftExplanation';
import { buildRound, defaultRoundConfig, listItems } from './round';
import type { TechniqueId } from './techniques';
import { CodePointIndex } from './text';

const LINES = [
	'Council “rams through” budget 🏗️',
	'',
	'The council met on Monday\u00a0evening to discuss the new budget for the coming year.',
	'Members heard a report from the finance officer about spending on roads and schools.',
	'The mayor said the greedy developers behind the tower would stop at nothing to win.',
	'Residents asked whether the new library would open before the end of the summer.',
	'A spokesperson said the plan was a total disaster for every family in the town.',
	'Officials said the final vote is planned for the second week of April 😀 this year.',
	'Parents told the meeting that the bus to the school often runs late in winter.'
];
const BODY = LINES.join('\n');
const cpi = new CodePointIndex(BODY);

function range(words: string, text = BODY): { start: number; end: number } {
	const at = text.indexOf(words);
	if (at < 0) throw new Error(`not found: ${words}`);
	const index = text === BODY ? cpi : new CodePointIndex(text);
	return { start: index.toCodePoint(at), end: index.toCodePoint(at + words.length) };
}

const span = (words: string, techniqueId: TechniqueId, explanation: string | null = 'Mine.') => ({
	techniqueId,
	...range(words),
	explanation
});

const GOOD: PreviewInput = {
	id: 'council',
	title: 'Council budget',
	body: BODY,
	spans: [
		span('greedy developers', 'loaded-language'),
		span('a total disaster for every family', 'exaggeration')
	],
	straight: [LINES[3], LINES[5], LINES[7], LINES[8]].map((l) => ({ ...range(l), note: null }))
};

const codes = (input: PreviewInput) => previewArticle(input).problems.map((p) => p.code);
const problems = (input: PreviewInput) =>
	previewArticle(input).problems.filter((p) => p.severity === 'problem');

describe('previewArticle', () => {
	it('lists the questions of each kind a well-labelled article yields, with no problem', () => {
		const preview = previewArticle(GOOD);
		expect(preview.counts.name).toBe(2);
		expect(preview.counts.find).toBe(2);
		expect(preview.counts.loaded).toBeGreaterThanOrEqual(2);
		expect(preview.counts.straight).toBe(4);
		expect(problems(GOOD)).toEqual([]);
		const names = preview.questions.name.map(
			(q) => q.spans.find((s) => s.range[0] === q.highlight[0])?.text
		);
		expect(names.sort()).toEqual(['a total disaster for every family', 'greedy developers']);
	});

	it('says plainly when there are too few straight sentences for loaded-or-straight questions', () => {
		const input = { ...GOOD, straight: GOOD.straight.slice(0, 1) };
		const found = problems(input).find((p) => p.code === 'too-few-straight');
		expect(found?.message).toContain(
			`Too few straight sentences for loaded-or-straight questions: mark at least ${MIN_STRAIGHT_PASSAGES - 1} more`
		);
		expect(codes({ ...GOOD, straight: [] })).toContain('too-few-straight');
	});

	it('names a span too long for any excerpt', () => {
		const long = `The ${Array.from({ length: 95 }, (_, i) => `word${i}`).join(' ')} ended.`;
		const body = `${BODY}\n${long}`;
		const words = long.slice(4, -1);
		const input = {
			...GOOD,
			body,
			spans: [
				...GOOD.spans,
				{ techniqueId: 'fear' as const, ...range(words, body), explanation: 'x' }
			]
		};
		const found = problems(input).find((p) => p.code === 'span-too-long');
		expect(found?.span).toBe(2);
		expect(found?.message).toMatch(/longer than an excerpt can be/);
	});

	it('reports overlapping labels of the same technique as a problem, of different ones as a note', () => {
		const same = {
			...GOOD,
			spans: [...GOOD.spans, span('the greedy developers behind', 'loaded-language')]
		};
		expect(problems(same).map((p) => p.code)).toContain('overlap');
		const other = {
			...GOOD,
			spans: [...GOOD.spans, span('greedy developers behind the tower', 'name-calling')]
		};
		const found = previewArticle(other).problems.filter((p) => p.code === 'overlap');
		expect(found.map((p) => p.severity)).toEqual(['note']);
	});

	it('flags a straight mark that holds a label, and a straight mark too short to ask', () => {
		const input = {
			...GOOD,
			straight: [
				...GOOD.straight,
				{ ...range(LINES[4]), note: null },
				{ ...range('Council “rams through”'), note: null }
			]
		};
		const found = problems(input);
		expect(found.find((p) => p.code === 'straight-has-label')?.straight).toBe(4);
		expect(found.find((p) => p.code === 'straight-no-question')?.straight).toBe(5);
	});

	it('reports a label outside the text instead of throwing, and leaves it out of the questions', () => {
		const input = {
			...GOOD,
			spans: [
				...GOOD.spans,
				{ techniqueId: 'doubt' as const, start: 5, end: 9999, explanation: null }
			]
		};
		const preview = previewArticle(input);
		expect(preview.problems.find((p) => p.code === 'invalid-span')?.span).toBe(2);
		expect(preview.counts.name).toBe(2);
	});

	it('asks for the teacher’s own words where an explanation is still a draft or missing', () => {
		const draft = draftExplanation('loaded-language', 'greedy developers');
		const input = {
			...GOOD,
			spans: [
				span('greedy developers', 'loaded-language', draft),
				span('a total disaster for every family', 'exaggeration', null)
			]
		};
		const found = previewArticle(input).problems;
		expect(found.find((p) => p.code === 'draft-explanation')).toMatchObject({
			severity: 'problem',
			span: 0
		});
		expect(found.find((p) => p.code === 'no-explanation')).toMatchObject({
			severity: 'note',
			span: 1
		});
	});

	it('says when there is no label at all', () => {
		expect(codes({ ...GOOD, spans: [] })).toContain('no-labels');
	});

	it('runs the bench:items checks on the items: a surface cue that gives the key away', () => {
		// Every straight sentence carries a number, no loaded one does.
		const lines = [
			'The council met on Monday to discuss 3 new budget lines for the coming year.',
			'The mayor said the greedy developers behind the tower would stop at nothing to win.',
			'Members heard that 12 roads and 4 schools will be repaired before the winter.',
			'A spokesperson said the plan was a total disaster for every family in the town.',
			'Officials said the final vote on 2 proposals is planned for the week of the fair.'
		];
		const body = lines.join('\n');
		const input: PreviewInput = {
			body,
			spans: [
				{ techniqueId: 'loaded-language', ...range('greedy developers', body), explanation: 'x' },
				{
					techniqueId: 'exaggeration',
					...range('a total disaster for every family', body),
					explanation: 'x'
				}
			],
			straight: [lines[0], lines[2], lines[4]].map((l) => ({ ...range(l, body), note: null }))
		};
		const cue = previewArticle(input).problems.find((p) => p.code === 'surface-cue');
		expect(cue?.message).toMatch(/digits/);
	});
});

describe('listItems', () => {
	it('holds every item a round of the article picks', () => {
		const content = [
			{
				id: 'council',
				title: 'Council',
				outlet: null,
				body: BODY,
				spans: GOOD.spans.map((s, i) => ({ ...s, id: i + 1 })),
				clean: GOOD.straight,
				collection: 'preview'
			}
		];
		const config = { ...defaultRoundConfig(), count: 8 };
		const keys = new Set(listItems(content, config, 'a').map((q) => q.itemKey));
		for (const seed of ['a', 'b', 'c', 'd']) {
			for (const q of buildRound(content, config, seed)) expect(keys.has(q.itemKey)).toBe(true);
		}
	});
});
