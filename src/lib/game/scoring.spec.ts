import { describe, expect, it } from 'vitest';
import {
	BASE_POINTS,
	EXTRA_WORD_PENALTY,
	FIND_CREDIT_RULE,
	FULL_CREDIT_SHARE,
	STREAK_BONUS_CAP,
	STREAK_BONUS_STEP,
	isValidResponse,
	scoreAnswer,
	spanCredit,
	type ScoreContext
} from './scoring';
import { tokenize } from './tokens';
import type { Excerpt, FindQuestion, JudgeQuestion, NameQuestion, TokenRange } from './types';

const text =
	'Critics called it a reckless giveaway to greedy developers, and the vote is in March.';
const tokens = tokenize(text);
const wordIndex = (word: string) => tokens.findIndex((t) => t.text === word);
/** Token range from the first to the last of the given words, inclusive. */
const words = (first: string, last: string): TokenRange => [wordIndex(first), wordIndex(last) + 1];

const excerpt: Excerpt = {
	articleId: 'a',
	articleTitle: 'A',
	outlet: null,
	start: 0,
	end: text.length,
	tokens
};
const base = { itemKey: 'a:0-86:x', excerpt, spans: [] };
const nameQ: NameQuestion = {
	...base,
	kind: 'name',
	highlight: words('reckless', 'giveaway'),
	choices: ['loaded-language', 'exaggeration', 'name-calling', 'fear'],
	answer: 'loaded-language'
};
const findQ: FindQuestion = {
	...base,
	kind: 'find',
	techniqueId: 'loaded-language',
	targets: [words('reckless', 'developers')]
};
const judgeQ: JudgeQuestion = { ...base, kind: 'judge', loaded: true };

const speed = (over: Partial<ScoreContext> = {}): ScoreContext => ({
	elapsedMs: 0,
	limitMs: 20_000,
	streak: 0,
	scoring: 'speed',
	streaks: true,
	...over
});

describe('span credit', () => {
	const target = words('reckless', 'developers'); // reckless giveaway to greedy developers: 5 words

	it('gives full credit for the exact span', () => {
		expect(spanCredit(target, [target], tokens)).toBe(1);
	});

	it('ignores spaces and punctuation at the edges of a selection', () => {
		expect(spanCredit([target[0] - 1, target[1] + 1], [target], tokens)).toBe(1);
	});

	it('forgives a word more or less', () => {
		// 4 of 5 words: precision 1, recall 0.8
		expect(spanCredit(words('reckless', 'greedy'), [target], tokens)).toBe(1);
		// 5 target words and "a": precision 5/6, recall 1
		expect(spanCredit(words('a', 'developers'), [target], tokens)).toBe(1);
		expect(FULL_CREDIT_SHARE).toBeGreaterThan(0.5);
	});

	it('gives the share of the phrase found as partial credit, less a share per word outside it', () => {
		// 2 of 5 words and nothing else
		expect(spanCredit(words('reckless', 'giveaway'), [target], tokens)).toBe(0.4);
		// The 5 target words inside 8 selected: "a" is forgiven, "called it" cost two shares
		expect(spanCredit(words('called', 'developers'), [target], tokens)).toBe(
			1 - 2 * EXTRA_WORD_PENALTY
		);
	});

	it('forgives the word next to the phrase only when the phrase is found', () => {
		// "a reckless": 1 of 5 words, and "a" costs its share
		expect(spanCredit(words('a', 'reckless'), [target], tokens)).toBeCloseTo(
			0.2 * (1 - EXTRA_WORD_PENALTY),
			5
		);
	});

	it('gives nothing without overlap', () => {
		expect(spanCredit(words('vote', 'March'), [target], tokens)).toBe(0);
	});

	it('gives nothing for selecting the whole excerpt or most of it', () => {
		expect(spanCredit([0, tokens.length], [target], tokens)).toBe(0);
		// "Critics" to "is": 13 of 15 words, the target among them
		expect(spanCredit(words('Critics', 'is'), [target], tokens)).toBe(0);
	});

	it('accepts any labelled span of the technique as the target', () => {
		const other = words('vote', 'March');
		expect(spanCredit(other, [target, other], tokens)).toBe(1);
		expect(spanCredit(words('the', 'March'), [target, other], tokens)).toBe(1);
		// Half of the second target and nothing else
		expect(spanCredit(words('vote', 'is'), [target, other], tokens)).toBe(0.5);
	});

	it('does not count words of a second target against the precision of a selection of both', () => {
		const first = words('reckless', 'giveaway');
		const second = words('greedy', 'developers');
		// "reckless giveaway to greedy developers": only "to" lies outside both targets
		expect(spanCredit(words('reckless', 'developers'), [first, second], tokens)).toBe(1);
	});
});

describe('find credit rewards finding, not covering (issue 22)', () => {
	const target = words('reckless', 'developers'); // 5 words

	it('gives full credit for the phrase give or take a word at either end', () => {
		// "a reckless giveaway to greedy developers, and": one word more on each side
		expect(spanCredit(words('a', 'and'), [target], tokens)).toBe(1);
		// "giveaway to greedy": one word less on each side
		expect(spanCredit(words('giveaway', 'greedy'), [target], tokens)).toBe(1);
	});

	it('gives partial credit for half the phrase', () => {
		const credit = spanCredit(words('reckless', 'giveaway'), [target], tokens);
		expect(credit).toBeGreaterThan(0);
		expect(credit).toBeLessThan(1);
		const four = words('reckless', 'greedy');
		expect(spanCredit(words('reckless', 'giveaway'), [four], tokens)).toBe(0.5);
	});

	it('takes the same share off for every further word selected outside the phrase', () => {
		const line = tokenize(
			'One two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty.'
		);
		const at = (w: string) => line.findIndex((t) => t.text === w);
		const phrase: TokenRange = [at('ten'), at('twelve') + 1];
		const leftBy = (k: number): TokenRange => [at('ten') - 2 * k, phrase[1]];
		const credits = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9].map((k) =>
			spanCredit(leftBy(k), [phrase], line)
		);
		expect(credits.slice(0, 2)).toEqual([1, 1]);
		for (let k = 2; k <= 9; k++) {
			expect(credits[k]).toBeCloseTo(Math.max(0, 1 - EXTRA_WORD_PENALTY * (k - 1)), 5);
		}
		// Four words beyond the forgiven one leave nothing.
		expect(credits[5]).toBe(0);
	});

	it('states its rule in one sentence for the feedback', () => {
		expect(FIND_CREDIT_RULE.split(/[.!?] /u)).toHaveLength(1);
		expect(FIND_CREDIT_RULE).toContain(`${Math.round(EXTRA_WORD_PENALTY * 100)}%`);
	});
});

describe('validating responses', () => {
	it('accepts well-formed responses of the right kind', () => {
		expect(isValidResponse(nameQ, { kind: 'name', techniqueId: 'fear' })).toBe(true);
		expect(isValidResponse(findQ, { kind: 'find', range: [0, 3] })).toBe(true);
		expect(isValidResponse(judgeQ, { kind: 'judge', loaded: false })).toBe(true);
	});

	it('refuses a response of another kind', () => {
		expect(isValidResponse(nameQ, { kind: 'judge', loaded: true })).toBe(false);
	});

	it('refuses a technique that is not among the choices', () => {
		expect(isValidResponse(nameQ, { kind: 'name', techniqueId: 'slogans' })).toBe(false);
		const bogus = { kind: 'name', techniqueId: 'not-a-technique' } as unknown as Parameters<
			typeof isValidResponse
		>[1];
		expect(isValidResponse(nameQ, bogus)).toBe(false);
	});

	it('refuses ranges that are empty, reversed, fractional or outside the excerpt', () => {
		for (const range of [
			[3, 3],
			[4, 2],
			[-1, 2],
			[0, tokens.length + 1],
			[0.5, 2]
		] as TokenRange[]) {
			expect(isValidResponse(findQ, { kind: 'find', range })).toBe(false);
		}
		expect(isValidResponse(findQ, { kind: 'find', range: [0, tokens.length] })).toBe(true);
	});

	it('refuses a judgement that is not a boolean', () => {
		const bogus = { kind: 'judge', loaded: 'yes' } as unknown as Parameters<
			typeof isValidResponse
		>[1];
		expect(isValidResponse(judgeQ, bogus)).toBe(false);
	});
});

describe('scoring an answer', () => {
	const right = { kind: 'name', techniqueId: 'loaded-language' } as const;
	const wrong = { kind: 'name', techniqueId: 'fear' } as const;

	it('gives full points for an instant correct answer', () => {
		expect(scoreAnswer(nameQ, right, speed())).toEqual({
			correct: true,
			credit: 1,
			points: BASE_POINTS,
			timedOut: false,
			streak: 1
		});
	});

	it('follows the speed formula: three quarters at half time, half at the limit', () => {
		expect(scoreAnswer(nameQ, right, speed({ elapsedMs: 10_000 })).points).toBe(
			Math.round(0.75 * BASE_POINTS)
		);
		expect(scoreAnswer(nameQ, right, speed({ elapsedMs: 20_000 })).points).toBe(
			Math.round(0.5 * BASE_POINTS)
		);
		expect(scoreAnswer(nameQ, right, speed({ elapsedMs: 5_000 })).points).toBe(
			Math.round((1 - 5_000 / 20_000 / 2) * BASE_POINTS)
		);
	});

	it('adds a streak bonus for consecutive correct answers, up to the cap', () => {
		const third = scoreAnswer(nameQ, right, speed({ streak: 2 }));
		expect(third.streak).toBe(3);
		expect(third.points).toBe(BASE_POINTS + 2 * STREAK_BONUS_STEP);
		const long = scoreAnswer(nameQ, right, speed({ streak: 40 }));
		expect(long.points).toBe(BASE_POINTS + STREAK_BONUS_CAP);
	});

	it('gives no streak bonus when streaks are off, but still counts the streak', () => {
		const r = scoreAnswer(nameQ, right, speed({ streak: 4, streaks: false }));
		expect(r.points).toBe(BASE_POINTS);
		expect(r.streak).toBe(5);
	});

	it('gives nothing for a wrong answer and resets the streak', () => {
		expect(scoreAnswer(nameQ, wrong, speed({ streak: 5 }))).toEqual({
			correct: false,
			credit: 0,
			points: 0,
			timedOut: false,
			streak: 0
		});
	});

	it('gives nothing for a timeout and resets the streak', () => {
		expect(scoreAnswer(nameQ, null, speed({ streak: 3, elapsedMs: 20_000 }))).toEqual({
			correct: false,
			credit: 0,
			points: 0,
			timedOut: true,
			streak: 0
		});
	});

	it('treats an answer that arrives after the limit as timed out', () => {
		const r = scoreAnswer(nameQ, right, speed({ elapsedMs: 20_001 }));
		expect(r.timedOut).toBe(true);
		expect(r.points).toBe(0);
	});

	it('scales points by credit for a partly right find, without counting it correct', () => {
		const r = scoreAnswer(
			findQ,
			{ kind: 'find', range: words('reckless', 'giveaway') },
			speed({ streak: 2 })
		);
		expect(r.correct).toBe(false);
		expect(r.credit).toBe(0.4);
		expect(r.points).toBe(Math.round(BASE_POINTS * 0.4));
		expect(r.streak).toBe(0);
	});

	it('counts a find at full credit as correct', () => {
		const r = scoreAnswer(findQ, { kind: 'find', range: words('reckless', 'greedy') }, speed());
		expect(r.correct).toBe(true);
		expect(r.points).toBe(BASE_POINTS);
	});

	it('marks a judgement correct when it matches whether the excerpt is loaded', () => {
		expect(scoreAnswer(judgeQ, { kind: 'judge', loaded: true }, speed()).correct).toBe(true);
		expect(scoreAnswer(judgeQ, { kind: 'judge', loaded: false }, speed()).correct).toBe(false);
	});

	it('ignores time and streaks in accuracy scoring', () => {
		const acc = speed({ scoring: 'accuracy', elapsedMs: 19_000, streak: 6 });
		expect(scoreAnswer(nameQ, right, acc).points).toBe(BASE_POINTS);
		expect(
			scoreAnswer(findQ, { kind: 'find', range: words('reckless', 'giveaway') }, acc).points
		).toBe(Math.round(BASE_POINTS * 0.4));
	});

	it('applies no speed factor in untimed play', () => {
		const r = scoreAnswer(nameQ, right, speed({ limitMs: null, elapsedMs: 90_000 }));
		expect(r.points).toBe(BASE_POINTS);
		expect(r.timedOut).toBe(false);
	});

	it('scores an invalid response as wrong instead of throwing', () => {
		const r = scoreAnswer(findQ, { kind: 'find', range: [5, 2] }, speed({ streak: 1 }));
		expect(r).toMatchObject({ correct: false, points: 0, streak: 0 });
	});
});
