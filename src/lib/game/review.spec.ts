import { spanApproval } from './reviewFixtures';
import { describe, expect, it } from 'vitest';
import {
	applyReviews,
	needsReview,
	parseSpanKey,
	parseStraightKey,
	shiftSpan,
	spanReviewKey,
	straightReviewKey,
	type ItemReview
} from './review';
import type { ContentArticle } from './types';

const BODY = 'The 🚲 club called it a “reckless giveaway” to rich friends.';
const cp = (words: string) => Array.from(BODY.slice(0, BODY.indexOf(words))).length;
const at = (words: string) => ({ start: cp(words), end: cp(words) + Array.from(words).length });
const slice = (r: { start: number; end: number } | null) =>
	r ? Array.from(BODY).slice(r.start, r.end).join('') : null;

describe('moving a span’s boundary by a word', () => {
	const span = at('reckless giveaway');

	it('takes in or lets go of one word at either end, past emoji and quotation marks', () => {
		expect(slice(shiftSpan(BODY, span.start, span.end, -1, 0))).toBe('a “reckless giveaway');
		expect(slice(shiftSpan(BODY, span.start, span.end, 1, 0))).toBe('giveaway');
		expect(slice(shiftSpan(BODY, span.start, span.end, 0, 1))).toBe('reckless giveaway” to');
		expect(slice(shiftSpan(BODY, span.start, span.end, 0, -1))).toBe('reckless');
		expect(slice(shiftSpan(BODY, span.start, span.end, 0, 0))).toBe('reckless giveaway');
		const club = at('club');
		expect(slice(shiftSpan(BODY, club.start, club.end, -1, 0))).toBe('The 🚲 club');
	});

	it('refuses a move that leaves no word or runs past the text', () => {
		expect(shiftSpan(BODY, span.start, span.end, 1, -1)).toBeNull();
		const first = at('The');
		expect(shiftSpan(BODY, first.start, first.end, -1, 0)).toBeNull();
		const last = at('friends');
		expect(shiftSpan(BODY, last.start, last.end, 0, 1)).toBeNull();
		expect(shiftSpan(BODY, 5, 400, 0, 0)).toBeNull();
	});
});

describe('applying reviews to content', () => {
	const span = at('reckless giveaway');
	const article = (origin: string): ContentArticle => ({
		id: 'a1',
		title: 'A',
		outlet: null,
		body: BODY,
		origin,
		spans: [
			{ id: 1, techniqueId: 'loaded-language', ...span, explanation: null },
			{ id: 2, techniqueId: 'name-calling', ...at('rich friends'), explanation: null }
		],
		clean: []
	});
	const key = spanReviewKey('a1', span.start, span.end, 'loaded-language');
	const review = (r: Partial<ItemReview>): ItemReview =>
		spanApproval('a1', span.start, span.end, 'loaded-language', r);

	it('counts bundled packs as reviewed and leaves them as they are', () => {
		const bundled = article('bundled');
		expect(needsReview('bundled')).toBe(false);
		expect(applyReviews([bundled], [review({ status: 'hidden' })])[0]).toBe(bundled);
	});

	it('marks imported spans unreviewed until decided, and applies a teacher’s fix', () => {
		const [none] = applyReviews([article('ptc-import')], []);
		expect(none.reviewGated).toBe(true);
		expect(none.spans.map((s) => s.review)).toEqual(['unreviewed', 'unreviewed']);
		const moved = at('a “reckless giveaway');
		const [fixed] = applyReviews(
			[article('pack')],
			[
				review({
					status: 'changed',
					techniqueId: 'exaggeration',
					...moved,
					explanation: 'Mine.'
				})
			]
		);
		expect(fixed.spans[0]).toMatchObject({
			review: 'changed',
			techniqueId: 'exaggeration',
			...moved,
			explanation: 'Mine.',
			explanationBy: 'teacher',
			reviewKey: key
		});
		expect(fixed.spans[1].review).toBe('unreviewed');
	});

	it('ignores a fix that is out of range or names no technique (the item stays unreviewed)', () => {
		for (const bad of [
			review({ status: 'changed', techniqueId: 'nope', start: 1, end: 3 }),
			review({ status: 'changed', techniqueId: 'doubt', start: 5, end: 999 })
		]) {
			const [a] = applyReviews([article('ptc-import')], [bad]);
			expect(a.spans[0]).toMatchObject({ review: 'unreviewed', techniqueId: 'loaded-language' });
		}
	});

	it('keeps straight decisions as ranges, and round-trips every key', () => {
		const straightKey = straightReviewKey('a1', 0, 10);
		const [a] = applyReviews(
			[article('ptc-import')],
			[review({ reviewKey: straightKey, kind: 'straight', status: 'hidden', reason: 'x' })]
		);
		expect(a.straightReviews).toEqual([{ start: 0, end: 10, status: 'hidden' }]);
		expect(parseStraightKey(straightKey)).toEqual({ articleId: 'a1', start: 0, end: 10 });
		expect(parseSpanKey(key)).toEqual({ articleId: 'a1', ...span, techniqueId: 'loaded-language' });
		expect(parseSpanKey(straightKey)).toBeNull();
	});
});
