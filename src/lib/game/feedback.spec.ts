import { describe, expect, it } from 'vitest';
import { contrastLine, generatedExplanation, revealQuestion } from './feedback';
import { TECHNIQUE_IDS, technique } from './techniques';
import { tokenize } from './tokens';
import { findQuestionOn, judgeQuestionOn, nameQuestionOn } from './questionFixtures';

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
		const q = nameQuestionOn(excerpt, spans, spans[1], [
			'loaded-language',
			'fear',
			'doubt',
			'slogans'
		]);
		const r = revealQuestion(q);
		expect(r.answer).toEqual({ kind: 'name', techniqueId: 'loaded-language', highlight: [8, 11] });
		expect(r.spans.map((s) => s.text)).toEqual(['reckless giveaway', 'the worst deal ever']);
		expect(r.spans[0].techniqueName).toBe(technique('loaded-language').name);
		expect(r.spans[1].explanation).toBe('One deal is not the worst ever.');
		expect(r.spans[1].family).toBe('wording');
		expect(r.spans[1].definition).toBe(technique('exaggeration').definition);
	});

	it('shows every target of a find question', () => {
		const q = findQuestionOn(excerpt, spans, 'exaggeration');
		expect(revealQuestion(q).answer).toEqual({
			kind: 'find',
			techniqueId: 'exaggeration',
			targets: [[12, 18]]
		});
	});

	it('says a straight passage is straight and has no spans', () => {
		const q = judgeQuestionOn(excerpt, []);
		const r = revealQuestion(q);
		expect(r.answer).toEqual({ kind: 'judge', loaded: false });
		expect(r.spans).toEqual([]);
	});
});

describe('explaining spans without an editor’s explanation', () => {
	it('writes one from the words and the technique, and marks it as written by Slant', () => {
		const q = judgeQuestionOn(excerpt, spans);
		const r = revealQuestion(q);
		const generated = r.spans.find((s) => s.techniqueId === 'loaded-language');
		expect(generated?.explanationBy).toBe('slant');
		expect(generated?.explanation).toContain('“reckless giveaway”');
		expect(generated?.explanation).toContain(technique('loaded-language').tip.slice(1, 30));
		const edited = r.spans.find((s) => s.techniqueId === 'exaggeration');
		expect(edited?.explanationBy).toBe('editor');
		expect(edited?.explanation).toBe('One deal is not the worst ever.');
	});

	it('explains every technique in words that quote the span', () => {
		for (const t of TECHNIQUE_IDS) {
			const text = generatedExplanation(t, 'these exact words');
			expect(text).toMatch(/^“these exact words”/);
			expect(text).toContain(technique(t).tip.slice(1));
		}
	});

	it('states the annotators’ label as their reading, never as a fact about the words', () => {
		const text = generatedExplanation('name-calling', 'black death');
		expect(text).not.toContain('is a label stuck on');
		expect(text).toContain('“black death” is marked by the annotators as name calling');
		expect(text).toContain('If that label fits');
		for (const t of TECHNIQUE_IDS) {
			expect(generatedExplanation(t, 'w')).toMatch(
				/^“w” is marked by the annotators as .+\. If that label fits, /
			);
		}
	});

	it('marks an explanation a reviewing teacher wrote as the teacher’s', () => {
		const q = judgeQuestionOn(excerpt, [
			{ ...spans[1], explanation: 'A giveaway sounds careless.', explanationBy: 'teacher' }
		]);
		const [span] = revealQuestion(q).spans;
		expect(span.explanationBy).toBe('teacher');
		expect(span.explanation).toBe('A giveaway sounds careless.');
	});

	it('says why a straight passage is straight', () => {
		const q = judgeQuestionOn(excerpt, [], 'Plain figures.');
		expect(revealQuestion(q).note).toBe('Plain figures.');
		expect(revealQuestion({ ...q, note: undefined }).note).toMatch(/No technique/);
	});
});

describe('contrasting techniques', () => {
	it('names the words and says why they fit the right technique, not the chosen one', () => {
		const line = contrastLine('doubt', 'name-calling', 'armchair experts');
		expect(line).toMatch(/^“armchair experts”/);
		expect(line).toContain('label');
		expect(line).toContain('trusted');
		expect(line).not.toContain(technique('doubt').definition);
		expect(line).not.toContain(technique('name-calling').definition);
	});

	it('says what the chosen technique would need when no pair line is written', () => {
		const line = contrastLine('authority', 'whataboutism', 'But what about the mayor');
		expect(line).toContain('“But what about the mayor”');
		expect(line).toContain('whataboutism');
		expect(line).toContain('Appeal to authority would need a famous name or expert');
		expect(line.split(/(?<=\.) /).length).toBeLessThanOrEqual(2);
	});

	it('mentions the shared family of two techniques of one family', () => {
		const line = contrastLine('repetition', 'exaggeration', 'the worst deal ever');
		expect(line).toContain('manipulative wording');
	});

	it('confirms the right technique when the choice was correct', () => {
		expect(contrastLine('slogans', 'slogans', 'Clean streets!')).toMatch(
			/^Right: “Clean streets!” packs a message into a short, catchy line/
		);
	});

	it('builds a readable line for every pair of techniques', () => {
		for (const a of TECHNIQUE_IDS) {
			for (const b of TECHNIQUE_IDS) {
				const line = contrastLine(a, b, 'some words');
				expect(line.length).toBeGreaterThan(30);
				expect(line).toMatch(/\.$/);
				expect(line).not.toMatch(/\.\./);
				expect(line).toContain('“some words”');
			}
		}
	});
});
