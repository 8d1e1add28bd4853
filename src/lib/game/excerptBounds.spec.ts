import { describe, expect, it } from 'vitest';
import {
	excerptBreaks,
	isPageDebrisLine,
	opensOnDanglingWord,
	pageDebrisLines,
	spanCutsQuotation,
	wholeQuotations
} from './excerptBounds';
import { buildRound, defaultRoundConfig } from './round';
import { CodePointIndex } from './text';
import type { ContentArticle, Question } from './types';

/** An article with one Loaded Language span on `phrase`. */
function withSpan(body: string, phrase: string): ContentArticle {
	const cpi = new CodePointIndex(body);
	const at = body.indexOf(phrase);
	if (at < 0) throw new Error(`Test content: "${phrase}" not in the body`);
	return {
		id: 'a1',
		title: 'A test article',
		outlet: null,
		body,
		spans: [
			{
				id: 1,
				techniqueId: 'loaded-language',
				start: cpi.toCodePoint(at),
				end: cpi.toCodePoint(at + phrase.length),
				explanation: null
			}
		],
		clean: [],
		collection: 'test'
	};
}

const text = (q: Question) => q.excerpt.tokens.map((t) => t.text).join('');
/** Every question of 30 rounds of four over `articles`. */
function served(articles: ContentArticle[]): Question[] {
	const out: Question[] = [];
	for (let i = 0; i < 30; i++) {
		try {
			out.push(...buildRound(articles, { ...defaultRoundConfig(), count: 4 }, `s${i}`));
		} catch {
			// A round that cannot be built serves nothing.
		}
	}
	return out;
}

describe('excerpt rules', () => {
	it('finds openers that point back to the sentence before', () => {
		expect(opensOnDanglingWord('He said the plan was a disgrace to the whole town.')).toBe(true);
		expect(opensOnDanglingWord('“But this is a disaster,” the mayor told the council.')).toBe(true);
		expect(opensOnDanglingWord('However, the council voted for the plan anyway.')).toBe(true);
		expect(opensOnDanglingWord('This week the council voted for the plan.')).toBe(false);
		expect(opensOnDanglingWord('This is why the council voted for the plan.')).toBe(true);
		expect(opensOnDanglingWord('This plan is fair to everyone who rides the line.')).toBe(false);
		expect(opensOnDanglingWord('Helen said the plan was a disgrace.')).toBe(false);
		expect(opensOnDanglingWord('Theirs was the last vote of the evening.')).toBe(false);
	});

	it('finds page debris lines, and keeps their offsets in the text', () => {
		expect(isPageDebrisLine('Hide Caption 26 of 30 Photos: Mass shooting in the city')).toBe(true);
		expect(isPageDebrisLine('Follow on Twitter: Follow @Someone')).toBe(true);
		expect(isPageDebrisLine('Advertisement')).toBe(true);
		expect(isPageDebrisLine('Face masks are placed on children (AP Photo/Someone)')).toBe(true);
		expect(isPageDebrisLine('The mayor will follow the advice of the council on Friday.')).toBe(
			false
		);
		const body = 'A headline\n\nClick here to subscribe\nThe text goes on.';
		expect(pageDebrisLines(body)).toEqual([{ start: 12, end: 35, line: 3 }]);
	});

	it('lists every rule an excerpt breaks', () => {
		const body = 'The council met.\nThey voted “for the plan.';
		expect(excerptBreaks(body, 17, body.length)).toEqual(['dangling-opener', 'cuts-quotation']);
		expect(excerptBreaks(body, 0, 16)).toEqual([]);
		const headline = 'Council approves tower\nThe council voted for it.';
		expect(excerptBreaks(headline, 0, headline.length)).toEqual(['joins-lines']);
		const paragraphs = 'The council met.\n\nThe mayor spoke.';
		expect(excerptBreaks(paragraphs, 0, paragraphs.length)).toEqual(['joins-lines']);
		const lines = 'The council met.\nThe mayor spoke.';
		expect(excerptBreaks(lines, 0, lines.length)).toEqual([]);
	});

	it('widens a span to the quotation it cuts, or drops a stray mark at its edge', () => {
		const body = 'They said white people "deserve to die" in the speech.';
		const start = body.indexOf('white');
		const cut = body.indexOf('die') + 3;
		expect(spanCutsQuotation(body, start, cut)).toBe(true);
		expect(wholeQuotations(body, start, cut)).toEqual([start, cut + 1]);
		const back = body.indexOf('to die');
		expect(wholeQuotations(body, back, body.indexOf(' in'))).toEqual([
			body.indexOf('"'),
			body.indexOf(' in')
		]);
		expect(wholeQuotations(body, body.indexOf('people'), body.indexOf('deserve'))).toEqual([
			body.indexOf('people'),
			body.indexOf('people') + 6
		]);
	});
});

describe('rounds built with the excerpt rules', () => {
	it('takes the sentence before when an excerpt would open on a pronoun', () => {
		// Together the two sentences are longer than an excerpt aims for, so only the rule makes
		// the builder take the first one.
		const a = withSpan(
			'Title\n\n' +
				'The mayor of the town spoke to a large crowd in the square on Monday about the plans for the old market and the river and the bridge and the school the plans for the old market and the river and the bridge and the school the plans for the old market and the river and the bridge and the school and the park and the pool by the old church.' +
				' He called the new tower a monstrous eyesore that would ruin the town for many years.',
			'monstrous eyesore'
		);
		const qs = served([a]);
		expect(qs.length).toBeGreaterThan(0);
		for (const q of qs) expect(text(q)).toMatch(/^The mayor/);
	});

	it('never joins a line that does not end a sentence to the next one', () => {
		const a = withSpan(
			'Title\n\nThe mayor of the town called the tower a monstrous\neyesore that would ruin the town for good, said the paper.\nResidents can read the plans at the town hall from nine until five.',
			'monstrous\neyesore'
		);
		for (const q of served([a])) expect(text(q)).not.toContain('\n');
	});

	it('reveals a quoted span with its closing quotation mark', () => {
		const a = withSpan(
			'Title\n\nThe speaker told the rally that the rich bankers "deserve to lose everything" and left.',
			'the rich bankers "deserve to lose everything'
		);
		const qs = served([a]);
		expect(qs.length).toBeGreaterThan(0);
		for (const q of qs) for (const s of q.spans) expect(s.text).toMatch(/everything"$/);
	});

	it('never shows a line of page debris', () => {
		const a = withSpan(
			'Title\n\nHide Caption 3 of 30 Photos: The monstrous eyesore of a tower that the council approved.\nThe mayor of the town spoke to a crowd in the square on Monday about the plans.',
			'monstrous eyesore'
		);
		for (const q of served([a])) expect(text(q)).not.toContain('Hide Caption');
	});
});
