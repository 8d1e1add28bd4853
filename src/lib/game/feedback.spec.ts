import { describe, expect, it } from 'vitest';
import { contrastLine, revealQuestion } from './feedback';
import { technique } from './techniques';
import { tokenize } from './tokens';
import type { FindQuestion, JudgeQuestion, NameQuestion } from './types';

const tokens = tokenize('Critics called it a reckless giveaway, the worst deal ever.');
const excerpt = { articleId: 'a', articleTitle: 'A', outlet: null, start: 0, end: 59, tokens };
const spans = [
	{
		techniqueId: 'exaggeration' as const,
		range: [12, 18] as [number, number],
		text: 'the worst deal ever',
		explanation: 'One deal is not the worst ever.'
	},
	{
		techniqueId: 'loaded-language' as const,
		range: [8, 11] as [number, number],
		text: 'reckless giveaway',
		explanation: null
	}
];

describe('revealing a question', () => {
	it('shows a name question’s answer and every span, in reading order, with names', () => {
		const q: NameQuestion = {
			itemKey: 'k',
			kind: 'name',
			excerpt,
			spans,
			highlight: [8, 11],
			choices: ['loaded-language', 'fear', 'doubt', 'slogans'],
			answer: 'loaded-language'
		};
		const r = revealQuestion(q);
		expect(r.answer).toEqual({ kind: 'name', techniqueId: 'loaded-language', highlight: [8, 11] });
		expect(r.spans.map((s) => s.text)).toEqual(['reckless giveaway', 'the worst deal ever']);
		expect(r.spans[0].techniqueName).toBe(technique('loaded-language').name);
		expect(r.spans[1].explanation).toBe('One deal is not the worst ever.');
		expect(r.spans[1].family).toBe('wording');
		expect(r.spans[1].definition).toBe(technique('exaggeration').definition);
	});

	it('shows every target of a find question', () => {
		const q: FindQuestion = {
			itemKey: 'k',
			kind: 'find',
			excerpt,
			spans,
			techniqueId: 'exaggeration',
			targets: [[12, 18]]
		};
		expect(revealQuestion(q).answer).toEqual({
			kind: 'find',
			techniqueId: 'exaggeration',
			targets: [[12, 18]]
		});
	});

	it('says a straight passage is straight and has no spans', () => {
		const q: JudgeQuestion = { itemKey: 'k', kind: 'judge', excerpt, spans: [], loaded: false };
		const r = revealQuestion(q);
		expect(r.answer).toEqual({ kind: 'judge', loaded: false });
		expect(r.spans).toEqual([]);
	});
});

describe('contrasting techniques', () => {
	it('names both techniques of the same family and their shared family', () => {
		const line = contrastLine('loaded-language', 'exaggeration');
		expect(line).toContain('manipulative wording');
		expect(line).toContain('exaggeration or minimisation');
		expect(line).toContain('loaded language');
		expect(line).not.toContain('\n');
	});

	it('names both families when the techniques come from different ones', () => {
		const line = contrastLine('fear', 'name-calling');
		expect(line).toContain('an attack on reputation technique');
		expect(line).toContain('justification');
		expect(line).toContain('sticking a label');
	});

	it('confirms the right technique when the choice was correct', () => {
		expect(contrastLine('slogans', 'slogans')).toMatch(/^Right: slogan is a short, punchy phrase/);
	});

	it('builds a readable line for every pair of techniques', () => {
		const ids = ['loaded-language', 'doubt', 'bandwagon', 'whataboutism'] as const;
		for (const a of ids) {
			for (const b of ids) {
				const line = contrastLine(a, b);
				expect(line.length).toBeGreaterThan(30);
				expect(line).toMatch(/\.$/);
				expect(line).not.toMatch(/\.\./);
			}
		}
	});
});
