import { describe, expect, it } from 'vitest';
import { generatedExplanation, revealQuestion } from './feedback';
import { toPublicQuestion } from './round';
import { technique } from './techniques';
import { tokenize } from './tokens';
import { findQuestionOn, judgeQuestionOn, nameQuestionOn } from './questionFixtures';
import type { Excerpt, ShownReveal } from './types';
import {
	decodeExcerpt,
	decodeQuestion,
	decodeReveal,
	encodeExcerpt,
	encodeQuestion,
	encodeReveal,
	type WireExcerpt
} from './wire';

function excerptOf(text: string): Excerpt {
	return {
		articleId: 'a',
		articleTitle: 'An “article”',
		outlet: 'The Outlet',
		start: 0,
		end: [...text].length,
		tokens: tokenize(text)
	};
}

/** What a screen reads of a server-side reveal. */
function shown(reveal: ShownReveal): ShownReveal {
	return {
		excerpt: {
			articleTitle: reveal.excerpt.articleTitle,
			outlet: reveal.excerpt.outlet,
			tokens: reveal.excerpt.tokens
		},
		answer: reveal.answer,
		spans: reveal.spans,
		note: reveal.note ?? null
	};
}

const TEXTS = {
	plain: 'Critics called it a reckless giveaway, the worst deal ever.',
	emoji: 'Fans 😀 cheered 🇬🇧 and 👩‍👩‍👧 waved; “𝒻𝒶𝓃𝒸𝓎” letters 𝟘𝟙 too.',
	quotes: '“So‑called experts”\u00a0said it’s\u00a0fine — ‘really’ … fine.',
	lines: 'One line.\nAnother\u2029paragraph\t\ttabbed  spaces.'
};

describe('an excerpt on the wire', () => {
	for (const [name, text] of Object.entries(TEXTS)) {
		it(`comes back token for token, words marked, for ${name} text`, () => {
			const excerpt = excerptOf(text);
			const wire = encodeExcerpt(excerpt);
			expect(wire.text).toBe(text);
			expect(wire.lengths).toHaveLength(excerpt.tokens.length);
			expect(decodeExcerpt(wire)).toEqual({
				articleTitle: excerpt.articleTitle,
				outlet: excerpt.outlet,
				tokens: excerpt.tokens
			});
		});
	}

	it('counts lengths in UTF-16 code units, so characters outside the BMP count two', () => {
		const wire = encodeExcerpt(excerptOf('Go 😀 now'));
		expect(wire.lengths).toEqual([2, -1, -2, -1, 3]);
		expect(decodeExcerpt(wire).tokens.map((t) => t.text)).toEqual(['Go', ' ', '😀', ' ', 'now']);
	});

	it('keeps curly quotes and non-breaking spaces inside the tokens the server made', () => {
		const excerpt = excerptOf(TEXTS.quotes);
		const decoded = decodeExcerpt(encodeExcerpt(excerpt)).tokens;
		const nbsp = excerpt.tokens.findIndex((t) => t.text === '\u00a0');
		expect(nbsp).toBeGreaterThan(0);
		expect(decoded[nbsp]).toEqual({ text: '\u00a0', word: false });
		expect(decoded[0]).toEqual({ text: '“', word: false });
	});

	it('takes its boundaries from the server, never from segmenting the text again', () => {
		// Boundaries no segmenter would make: one word cut in two, a word flag on punctuation.
		const wire: WireExcerpt = {
			articleTitle: 't',
			outlet: null,
			text: 'foobar, x',
			lengths: [3, 4, -1, -1]
		};
		expect(decodeExcerpt(wire).tokens).toEqual([
			{ text: 'foo', word: true },
			{ text: 'bar,', word: true },
			{ text: ' ', word: false },
			{ text: 'x', word: false }
		]);
	});

	it('is refused when the lengths do not cover the text exactly', () => {
		const base = { articleTitle: 't', outlet: null, text: 'ab cd' };
		expect(() => decodeExcerpt({ ...base, lengths: [2, -1, 1] })).toThrow(/cover 4 of 5/);
		expect(() => decodeExcerpt({ ...base, lengths: [2, -1, 3] })).toThrow(/token 2/);
		expect(() => decodeExcerpt({ ...base, lengths: [2, 0, -1, 2] })).toThrow(/token 1/);
		expect(() => decodeExcerpt({ ...base, lengths: [2.5, -0.5, 2] })).toThrow(/token 0/);
	});

	it('is much smaller than one object per token', () => {
		const excerpt = excerptOf(TEXTS.plain.repeat(8));
		const before = JSON.stringify(excerpt).length;
		const after = JSON.stringify(encodeExcerpt(excerpt)).length;
		expect(after).toBeLessThan(before / 2.5);
	});
});

const excerpt = excerptOf(TEXTS.emoji);
const words = (from: number, to: number) =>
	excerpt.tokens
		.slice(from, to)
		.map((t) => t.text)
		.join('');
const spans = [
	{
		techniqueId: 'exaggeration' as const,
		range: [2, 5] as [number, number],
		text: words(2, 5),
		explanation: 'An editor’s note 😀 on these words.'
	},
	{
		techniqueId: 'loaded-language' as const,
		range: [8, 11] as [number, number],
		text: words(8, 11),
		explanation: null
	}
];
const name = nameQuestionOn(excerpt, spans, spans[0], [
	'exaggeration',
	'loaded-language',
	'doubt',
	'fear'
]);
const find = findQuestionOn(excerpt, spans, 'loaded-language');
const judge = judgeQuestionOn(excerpt, []);

describe('a question on the wire', () => {
	for (const q of [name, find, judge]) {
		it(`comes back as the public ${q.kind} question, with the server's tokens`, () => {
			const pub = toPublicQuestion(q);
			const decoded = decodeQuestion(encodeQuestion(pub));
			expect(decoded).toEqual({
				...pub,
				excerpt: {
					articleTitle: excerpt.articleTitle,
					outlet: excerpt.outlet,
					tokens: excerpt.tokens
				}
			});
		});
	}

	it('carries no more than the public question does', () => {
		const wire = JSON.stringify(encodeQuestion(toPublicQuestion(name)));
		expect(wire).not.toMatch(/answer|spans|explanation|itemKey|targets/);
	});
});

describe('a reveal on the wire', () => {
	for (const q of [name, find, judge]) {
		it(`comes back as the server's reveal of a ${q.kind} question`, () => {
			const reveal = revealQuestion(q);
			const decoded = decodeReveal(encodeReveal(reveal), decodeExcerpt(encodeExcerpt(q.excerpt)));
			expect(decoded).toEqual(shown(reveal));
		});
	}

	it('leaves out the excerpt, the taxonomy and the explanations Slant writes', () => {
		const reveal = revealQuestion(name);
		const wire = encodeReveal(reveal);
		const text = JSON.stringify(wire);
		expect(text).not.toContain('excerpt');
		for (const id of ['exaggeration', 'loaded-language'] as const) {
			expect(text).not.toContain(technique(id).definition);
			expect(text).not.toContain(technique(id).name);
		}
		expect(text).not.toContain(generatedExplanation('loaded-language', words(8, 11)));
		expect(wire.spans).toEqual([
			{ techniqueId: 'exaggeration', range: [2, 5], explanation: spans[0].explanation },
			{ techniqueId: 'loaded-language', range: [8, 11] }
		]);
	});

	it('sends a span’s words only when they are not the excerpt’s tokens in its range', () => {
		const odd = { ...spans[0], text: 'the words as the article has them' };
		const reveal = revealQuestion({ ...name, spans: [odd] });
		const wire = encodeReveal(reveal);
		expect(wire.spans[0].text).toBe(odd.text);
		expect(decodeReveal(wire, excerpt).spans[0].text).toBe(odd.text);
	});

	it('keeps a reviewing teacher’s explanation marked as the teacher’s through the wire', () => {
		const byTeacher = { ...spans[1], explanation: 'My note.', explanationBy: 'teacher' as const };
		const reveal = revealQuestion({ ...name, spans: [spans[0], byTeacher] });
		const decoded = decodeReveal(encodeReveal(reveal), excerpt);
		expect(decoded.spans.map((s) => s.explanationBy)).toEqual(['editor', 'teacher']);
		expect(decoded).toEqual({ ...reveal, itemKey: undefined, kind: undefined, excerpt });
	});

	it('keeps a straight passage’s note, and leaves a missing note out', () => {
		const straight = encodeReveal(revealQuestion(judge));
		expect(straight.note).toMatch(/No technique here/);
		expect('note' in encodeReveal(revealQuestion(name))).toBe(false);
		expect(decodeReveal(encodeReveal(revealQuestion(name)), excerpt).note).toBeNull();
	});
});
