import { describe, expect, it } from 'vitest';
import {
	FORM_PLAN,
	FORM_SIZE,
	buildParallelForms,
	matchKey,
	sharesExcerpt,
	slotOf,
	type FormPlan
} from './parallel';
import { mulberry32 } from './random';
import { findQuestion, judgeQuestion, nameQuestion } from './stats/statsFixtures';
import type { TechniqueId } from './techniques';
import type { Question } from './types';

/** A copy of `q` at its own place in its own article (so no two share an excerpt). */
function placed(q: Question, n: number, articleId = `article-${n % 9}`): Question {
	return {
		...q,
		itemKey: `${q.itemKey}#${n}`,
		excerpt: { ...q.excerpt, articleId, start: n * 100, end: n * 100 + 50 }
	};
}

const TECHNIQUES: TechniqueId[] = ['loaded-language', 'doubt', 'slogans', 'fear', 'name-calling'];

/** A content's worth of items: every kind, several techniques, difficulties drawn at random. */
function pool(seed = 7, each = 6): { items: Question[]; difficulty: Map<Question, number> } {
	const random = mulberry32(seed);
	const items: Question[] = [];
	let n = 0;
	for (const t of TECHNIQUES) {
		for (let i = 0; i < each; i++) {
			items.push(placed(nameQuestion(t), n++), placed(findQuestion(t), n++));
			const loaded = judgeQuestion(true);
			items.push(
				placed({ ...loaded, spans: [{ ...loaded.spans[0], techniqueId: t }] }, n++),
				placed(judgeQuestion(false), n++)
			);
		}
	}
	return { items, difficulty: new Map(items.map((q) => [q, random()])) };
}

describe('parallel forms for the checks before and after teaching', () => {
	const { items, difficulty } = pool();
	const built = buildParallelForms(items, (q) => difficulty.get(q)!);
	if (!built.ok) throw new Error(`short of ${built.short.join(', ')}`);
	const [a, b] = built.forms;

	it('holds 16 loaded-or-straight items, half straight, and 4 name and 4 find items in each form', () => {
		expect(FORM_SIZE).toBe(24);
		for (const form of [a, b]) {
			const slots = form.map(slotOf);
			expect(form).toHaveLength(FORM_SIZE);
			expect(slots.filter((s) => s === 'loaded')).toHaveLength(8);
			expect(slots.filter((s) => s === 'straight')).toHaveLength(8);
			expect(slots.filter((s) => s === 'name')).toHaveLength(4);
			expect(slots.filter((s) => s === 'find')).toHaveLength(4);
		}
	});

	it('matches item k of one form with item k of the other on kind and technique', () => {
		expect(a.map(matchKey)).toEqual(b.map(matchKey));
	});

	it('asks each name and find technique once per form while others are left', () => {
		for (const kind of ['name', 'find']) {
			const keys = a.filter((q) => q.kind === kind).map(matchKey);
			expect(new Set(keys).size).toBe(keys.length);
		}
	});

	it('shares no excerpt anywhere: not between the forms, not within one', () => {
		const all = [...a, ...b];
		for (let i = 0; i < all.length; i++) {
			for (let j = i + 1; j < all.length; j++) expect(sharesExcerpt(all[i], all[j])).toBe(false);
		}
	});

	it('matches difficulty: close pairs, and totals within a tenth of an item', () => {
		const gaps = a.map((q, k) => Math.abs(difficulty.get(q)! - difficulty.get(b[k])!));
		expect(Math.max(...gaps)).toBeLessThan(0.2);
		const total = (qs: Question[]) => qs.reduce((s, q) => s + difficulty.get(q)!, 0);
		expect(Math.abs(total(a) - total(b))).toBeLessThan(0.1);
	});

	it('orders both forms from the easiest pair to the hardest', () => {
		const means = a.map((q, k) => (difficulty.get(q)! + difficulty.get(b[k])!) / 2);
		expect(means).toEqual([...means].sort((x, y) => x - y));
	});

	it('gives the same forms whatever order the items come in', () => {
		const again = buildParallelForms([...items].reverse(), (q) => difficulty.get(q)!);
		expect(again.ok && again.forms.map((f) => f.map((q) => q.itemKey))).toEqual(
			[a, b].map((f) => f.map((q) => q.itemKey))
		);
	});

	it('pairs an item with its nearest partner in difficulty', () => {
		const loaded = (t: TechniqueId, n: number) => {
			const q = judgeQuestion(true);
			return placed({ ...q, spans: [{ ...q.spans[0], techniqueId: t }] }, n);
		};
		const few = [loaded('fear', 1), loaded('fear', 2), loaded('fear', 3), loaded('fear', 4)];
		const d = new Map(few.map((q, i) => [q, [0.1, 0.8, 0.15, 0.85][i]]));
		const plan: FormPlan = { loaded: 2, straight: 0, name: 0, find: 0 };
		const made = buildParallelForms(few, (q) => d.get(q)!, plan);
		expect(made.ok).toBe(true);
		if (!made.ok) return;
		const pairs = made.forms[0].map((q, k) => [d.get(q), d.get(made.forms[1][k])].sort());
		expect(pairs).toEqual([
			[0.1, 0.15],
			[0.8, 0.85]
		]);
	});

	it('says which kinds the content is short of', () => {
		const noStraight = items.filter((q) => slotOf(q) !== 'straight');
		expect(buildParallelForms(noStraight, () => 0.5)).toEqual({ ok: false, short: ['straight'] });
		expect(FORM_PLAN.straight).toBe(8);
	});

	it('tells overlapping excerpts of one article apart from neighbours', () => {
		const x = placed(judgeQuestion(true), 1, 'same');
		const y = {
			...x,
			excerpt: { ...x.excerpt, start: x.excerpt.end - 1, end: x.excerpt.end + 40 }
		};
		const z = { ...y, excerpt: { ...y.excerpt, start: x.excerpt.end } };
		expect(sharesExcerpt(x, y)).toBe(true);
		expect(sharesExcerpt(x, z)).toBe(false);
	});
});
