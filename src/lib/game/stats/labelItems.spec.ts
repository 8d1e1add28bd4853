import { describe, expect, it } from 'vitest';
import { buildRound, defaultRoundConfig } from '../round';
import { CodePointIndex } from '../text';
import type { ContentArticle, ContentSpan } from '../types';
import { itemAnalysis, type ItemAnswer, tallyRounds } from './itemAnalysis';
import { labelItemFigures, labelsOfItem, parseItemKey, type LabelRef } from './labelItems';

const LABELS: LabelRef[] = [
	{ id: 1, techniqueId: 'loaded-language', start: 10, end: 18 },
	{ id: 2, techniqueId: 'name-calling', start: 40, end: 52 },
	{ id: 3, techniqueId: 'loaded-language', start: 60, end: 66 },
	{ id: 4, techniqueId: 'loaded-language', start: 130, end: 140 }
];

describe('item keys and the labels they ask about', () => {
	it('reads each kind of key, and refuses one not in that form', () => {
		expect(parseItemKey('t1a2:0-80:name:10-18:loaded-language')).toEqual({
			articleId: 't1a2',
			start: 0,
			end: 80,
			kind: 'name',
			detail: '10-18:loaded-language'
		});
		expect(parseItemKey('ptc:article7:5-90:judge:clean')).toMatchObject({
			articleId: 'ptc:article7',
			kind: 'judge',
			detail: 'clean'
		});
		expect(parseItemKey('item:3')).toBeNull();
	});

	it('names one label, finds a technique’s labels in the excerpt, and judges every label of a loaded one', () => {
		const ids = (key: string) => labelsOfItem(parseItemKey(key)!, LABELS).map((l) => l.id);
		expect(ids('a:0-80:name:40-52:name-calling')).toEqual([2]);
		expect(ids('a:0-80:find:loaded-language')).toEqual([1, 3]);
		expect(ids('a:0-80:judge:loaded')).toEqual([1, 2, 3]);
		expect(ids('a:100-150:judge:clean')).toEqual([]);
		// The label was moved after the item was played: the item no longer asks about it.
		expect(ids('a:0-80:name:40-50:name-calling')).toEqual([]);
	});

	it('matches the keys the round builder makes: every name question asks about its own label', () => {
		const body =
			'The council’s reckless scheme will wreck our town. Critics call the mayor a puppet of developers.\n\n' +
			'The plan was approved on 3 May by a vote of five to two. Residents can comment until June.';
		const cpi = new CodePointIndex(body);
		const span = (id: number, words: string, techniqueId: ContentSpan['techniqueId']) => {
			const at = body.indexOf(words);
			return {
				id,
				techniqueId,
				start: cpi.toCodePoint(at),
				end: cpi.toCodePoint(at + words.length),
				explanation: null
			};
		};
		const article: ContentArticle = {
			id: 't0123456789abcdef',
			title: 'Council scheme',
			outlet: null,
			body,
			spans: [
				span(1, 'reckless scheme', 'loaded-language'),
				span(2, 'a puppet of developers', 'name-calling')
			],
			clean: [{ start: cpi.toCodePoint(body.indexOf('The plan')), end: cpi.length }]
		};
		const round = buildRound([article], { ...defaultRoundConfig(), count: 6 }, 'seed');
		expect(round.length).toBeGreaterThan(0);
		for (const q of round) {
			const parts = parseItemKey(q.itemKey);
			expect(parts, q.itemKey).toMatchObject({ articleId: article.id, kind: q.kind });
			const asked = labelsOfItem(parts!, article.spans).map((s) => s.techniqueId);
			if (q.kind === 'name') expect(asked).toEqual([q.answer]);
			if (q.kind === 'find') expect(asked).toContain(q.techniqueId);
			if (q.kind === 'judge') expect(asked.length > 0).toBe(q.loaded);
		}
	});
});

describe('labelItemFigures', () => {
	const name2 = 'a:0-80:name:40-52:name-calling';
	const find = 'a:0-80:find:loaded-language';
	const other = 'b:0-80:name:40-52:name-calling';
	/** Twelve players: the six who do well elsewhere miss name2, the six who do badly get it. */
	const rounds: ItemAnswer[][] = Array.from({ length: 12 }, (_, p) => {
		const strong = p < 6;
		return [
			{ itemKey: name2, correct: !strong },
			{ itemKey: find, correct: strong || p === 11 },
			{ itemKey: other, correct: strong },
			{ itemKey: 'a:100-150:judge:clean', correct: strong }
		];
	});

	it('gives each label the figures /teacher/items computes for the items that ask about it', () => {
		const byLabel = labelItemFigures('a', LABELS, tallyRounds(rounds));
		const figures = new Map(itemAnalysis(rounds).map((f) => [f.itemKey, f]));
		expect(byLabel[2]).toEqual([{ itemKey: name2, kind: 'name', figures: figures.get(name2) }]);
		expect(byLabel[1]).toEqual([{ itemKey: find, kind: 'find', figures: figures.get(find) }]);
		expect(byLabel[3]).toEqual(byLabel[1]);
		// Outside every excerpt played, and items of another article, give nothing.
		expect(byLabel[4]).toBeUndefined();
		expect(Object.keys(byLabel).sort()).toEqual(['1', '2', '3']);
	});

	it('carries the possibly-mislabelled flag to the label the strong players miss', () => {
		const byLabel = labelItemFigures('a', LABELS, tallyRounds(rounds));
		expect(byLabel[2][0].figures.possiblyMislabelled).toBe(true);
		expect(byLabel[2][0].figures.discrimination).toBeLessThan(-0.2);
		expect(byLabel[1][0].figures.possiblyMislabelled).toBe(false);
	});
});
