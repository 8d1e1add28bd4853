import { describe, expect, it } from 'vitest';
import { questionTechnique } from './round';
import { sharesExcerpt, splitParallel } from './parallel';
import { findQuestion, judgeQuestion, nameQuestion } from './stats/statsFixtures';
import type { Question } from './types';

/** A copy of `q` at its own place in its own article (so no two share an excerpt). */
function placed(q: Question, n: number, articleId = `article-${n}`): Question {
	return {
		...q,
		itemKey: `${q.itemKey}#${n}`,
		excerpt: { ...q.excerpt, articleId, start: 0, end: 50 }
	};
}

const mix = (q: Question) => `${q.kind}:${q.kind === 'judge' ? q.loaded : questionTechnique(q)}`;
const count = (qs: Question[]) => {
	const out: Record<string, number> = {};
	for (const q of qs) out[mix(q)] = (out[mix(q)] ?? 0) + 1;
	return out;
};

describe('parallel item sets', () => {
	const pool: Question[] = [
		placed(nameQuestion('loaded-language'), 1),
		placed(nameQuestion('loaded-language'), 2),
		placed(nameQuestion('doubt'), 3),
		placed(nameQuestion('doubt'), 4),
		placed(findQuestion('slogans'), 5),
		placed(findQuestion('slogans'), 6),
		placed(judgeQuestion(true), 7),
		placed(judgeQuestion(true), 8),
		placed(judgeQuestion(false), 9),
		placed(judgeQuestion(false), 10),
		placed(judgeQuestion(false), 11)
	];
	const difficulty = new Map(
		pool.map((q, i) => [q, [0.1, 0.9, 0.2, 0.6, 0.3, 0.5, 0.2, 0.4, 0.1, 0.5, 0.9][i]])
	);
	const [before, after] = splitParallel(pool, (q) => difficulty.get(q)!);

	it('gives both sets the same kinds and techniques, and the same size', () => {
		expect(before).toHaveLength(5);
		expect(after).toHaveLength(5);
		expect(count(before)).toEqual(count(after));
		expect(count(before)).toEqual({
			'name:loaded-language': 1,
			'name:doubt': 1,
			'find:slogans': 1,
			'judge:true': 1,
			'judge:false': 1
		});
	});

	it('shares no question and no excerpt between the sets', () => {
		for (const a of before) {
			expect(after).not.toContain(a);
			for (const b of after) expect(sharesExcerpt(a, b)).toBe(false);
		}
	});

	it('balances difficulty: each pair splits its easier and harder item between the sets', () => {
		const total = (qs: Question[]) => qs.reduce((s, q) => s + difficulty.get(q)!, 0);
		// Pairs by gap: (0.1, 0.9), (0.2, 0.6), (0.1, 0.5), (0.3, 0.5), (0.2, 0.4); 0.9 is spare.
		// Dealt: 0.9 | 0.1, then 0.2 | 0.6, 0.1 | 0.5, 0.5 | 0.3, 0.2 | 0.4: 1.9 each.
		expect(total(before)).toBeCloseTo(1.9, 9);
		expect(total(after)).toBeCloseTo(1.9, 9);
	});

	it('keeps the pool’s order within each set', () => {
		const index = (q: Question) => pool.indexOf(q);
		for (const set of [before, after]) {
			expect(set.map(index)).toEqual([...set.map(index)].sort((a, b) => a - b));
		}
	});

	it('tells overlapping excerpts of one article apart from neighbours', () => {
		const a = placed(judgeQuestion(true), 1, 'same');
		const b = {
			...placed(judgeQuestion(false), 2, 'same'),
			excerpt: { ...a.excerpt, start: 49, end: 90 }
		};
		const c = { ...b, excerpt: { ...b.excerpt, start: 50 } };
		expect(sharesExcerpt(a, b)).toBe(true);
		expect(sharesExcerpt(a, c)).toBe(false);
	});

	it('pairs by family when no technique repeats, and stops at the size asked for', () => {
		const loose = [
			placed(nameQuestion('loaded-language'), 1),
			placed(nameQuestion('name-calling'), 2),
			placed(nameQuestion('exaggeration'), 3),
			placed(judgeQuestion(true), 4),
			placed(judgeQuestion(true), 5),
			placed(judgeQuestion(false), 6)
		];
		const [one, two] = splitParallel(loose, () => 0.5, 2);
		// Loaded language and exaggeration share the wording family; the loaded pair matches exactly.
		expect([...one, ...two].map((q) => q.itemKey).sort()).toEqual([
			'judge:true#4',
			'judge:true#5',
			'name:exaggeration#3',
			'name:loaded-language#1'
		]);
		expect(one).toHaveLength(2);
		expect(two).toHaveLength(2);
	});
});
