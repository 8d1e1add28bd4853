import { describe, expect, it } from 'vitest';
import type { Response } from '../types';
import { median, type ScoredAnswer } from './answers';
import { calibration, calibrationReading } from './calibration';
import { answerDistribution } from './distribution';
import { itemAnalysis, pointBiserial, type ItemAnswer } from './itemAnalysis';
import { classLearningChange, learningChange } from './learning';
import { rankPlayers, ranksByScore } from './ranking';
import { findQuestion, judgeQuestion, nameQuestion } from './statsFixtures';
import { confusedPairs, confusionMatrix, techniqueTally } from './techniques';

const said = (
	response: Response | null,
	correct: boolean,
	credit = correct ? 1 : 0
): ScoredAnswer => ({
	response,
	correct,
	credit
});
const bars = (list: { key: string; count: number; correct: boolean }[]) =>
	list.map((b) => [b.key, b.count, b.correct]);

describe('answer distribution', () => {
	it('counts name-the-technique choices in the order shown, with timeouts as no answer', () => {
		const q = nameQuestion('loaded-language');
		const given = [
			said({ kind: 'name', techniqueId: 'loaded-language' }, true),
			said({ kind: 'name', techniqueId: 'loaded-language' }, true),
			said({ kind: 'name', techniqueId: 'slogans' }, false),
			said(null, false)
		];
		expect(bars(answerDistribution(q, given))).toEqual([
			['loaded-language', 2, true],
			['name-calling', 0, false],
			['slogans', 1, false],
			['doubt', 0, false],
			['no-answer', 1, false]
		]);
	});

	it('counts loaded and straight calls on a judge question', () => {
		const given = [
			said({ kind: 'judge', loaded: true }, false),
			said({ kind: 'judge', loaded: false }, true),
			said({ kind: 'judge', loaded: false }, true)
		];
		expect(bars(answerDistribution(judgeQuestion(false), given))).toEqual([
			['loaded', 1, false],
			['straight', 2, true],
			['no-answer', 0, false]
		]);
	});

	it('splits find-the-phrase answers by the server verdict: found, partly found, missed', () => {
		const sel: Response = { kind: 'find', range: [0, 3] };
		const given = [
			said(sel, true, 1),
			// Full credit is the verdict, not the raw overlap: a correct answer with 0.85 is found.
			said(sel, true, 0.85),
			said(sel, false, 0.4),
			said(sel, false, 0),
			said(null, false)
		];
		const out = answerDistribution(findQuestion(), given);
		expect(bars(out)).toEqual([
			['found', 2, true],
			['partial', 1, false],
			['missed', 1, false],
			['no-answer', 1, false]
		]);
		expect(out.map((b) => b.label)).toEqual([
			'Found the words',
			'Partly found',
			'Missed',
			'No answer'
		]);
	});

	it('always adds up to the number of answers', () => {
		const given = [said({ kind: 'judge', loaded: true }, false), said(null, false)];
		const total = answerDistribution(nameQuestion('doubt'), given).reduce((n, b) => n + b.count, 0);
		expect(total).toBe(2);
	});
});

describe('ranking', () => {
	it('gives equal scores the same rank and skips the next places', () => {
		const ranked = rankPlayers([
			{ nickname: 'Ana', score: 10, correct: 1 },
			{ nickname: 'Ben', score: 20, correct: 2 },
			{ nickname: 'Cy', score: 10, correct: 2 },
			{ nickname: 'Di', score: 5, correct: 0 }
		]);
		expect(ranked.map((p) => [p.nickname, p.rank])).toEqual([
			['Ben', 1],
			['Cy', 2],
			['Ana', 2],
			['Di', 4]
		]);
		expect([...ranksByScore([10, 20, 10, 5])]).toEqual([
			[20, 1],
			[10, 2],
			[5, 4]
		]);
	});
});

describe('per-technique tally and confusion matrix', () => {
	const ll = nameQuestion('loaded-language');
	const nc = nameQuestion('name-calling');
	const answers = [
		{ question: ll, ...said({ kind: 'name', techniqueId: 'loaded-language' }, true) },
		{ question: ll, ...said({ kind: 'name', techniqueId: 'name-calling' }, false) },
		{ question: ll, ...said({ kind: 'name', techniqueId: 'name-calling' }, false) },
		{ question: ll, ...said(null, false) },
		{ question: nc, ...said({ kind: 'name', techniqueId: 'loaded-language' }, false) },
		{ question: nc, ...said({ kind: 'name', techniqueId: 'name-calling' }, true) },
		{ question: findQuestion('slogans'), ...said({ kind: 'find', range: [0, 7] }, true) },
		{ question: judgeQuestion(false), ...said({ kind: 'judge', loaded: false }, true) }
	];

	it('counts right answers per technique, timeouts as wrong, weakest first', () => {
		expect(
			techniqueTally(answers).map((t) => [t.techniqueId, t.correct, t.responses, t.share])
		).toEqual([
			['loaded-language', 1, 4, 0.25],
			['name-calling', 1, 2, 0.5],
			['slogans', 1, 1, 1]
		]);
	});

	it('counts right technique against chosen technique, timeouts in their own column', () => {
		const m = confusionMatrix(answers);
		expect(m.techniques.map((t) => t.id)).toEqual(['loaded-language', 'name-calling']);
		expect(m.counts).toEqual([
			[1, 2],
			[1, 1]
		]);
		expect(m.noAnswer).toEqual([1, 0]);
		expect(m.rowTotals).toEqual([4, 2]);
		expect(m.maxConfusion).toBe(2);
		expect(confusedPairs(m).map((p) => [p.answer, p.chosen, p.count, p.share])).toEqual([
			['loaded-language', 'name-calling', 2, 0.5],
			['name-calling', 'loaded-language', 1, 0.5]
		]);
	});
});

describe('point-biserial correlation', () => {
	it('matches a hand-computed value', () => {
		// M1 = 0.75, M0 = 0.25, s = sqrt(0.125), p = q = 0.5: (0.5 / 0.353553) * 0.5 = 0.707107.
		expect(pointBiserial([true, true, false, false], [1, 0.5, 0.5, 0])).toBeCloseTo(0.707107, 5);
	});

	it('is undefined when everyone is right, or the scores do not vary', () => {
		expect(pointBiserial([true, true], [1, 0])).toBeNull();
		expect(pointBiserial([true, false], [0.5, 0.5])).toBeNull();
		expect(pointBiserial([true], [1])).toBeNull();
	});
});

describe('item analysis', () => {
	const a = (itemKey: string, correct: boolean): ItemAnswer => ({ itemKey, correct });
	const rounds = [
		[a('A', true), a('B', true), a('C', false)],
		[a('A', false), a('B', true), a('C', true)],
		[a('A', true), a('C', false)]
	];

	it('counts times asked and share right, and correlates with the rest of the round', () => {
		const byKey = new Map(itemAnalysis(rounds).map((i) => [i.itemKey, i]));
		// A: right with rest 0.5 and 0, wrong with rest 1: M1 0.25, M0 1, s = sqrt(1/6), p = 2/3.
		expect(byKey.get('A')).toMatchObject({ timesAsked: 3, correct: 2, compared: 3 });
		expect(byKey.get('A')!.shareCorrect).toBeCloseTo(2 / 3, 9);
		expect(byKey.get('A')!.discrimination).toBeCloseTo(-0.866025, 5);
		// C: right with rest 0.5, wrong with rest 1 and 1.
		expect(byKey.get('C')!.discrimination).toBeCloseTo(-1, 9);
		// B: right every time, so no discrimination.
		expect(byKey.get('B')).toMatchObject({ timesAsked: 2, shareCorrect: 1, discrimination: null });
		// Too few answers to flag anything yet.
		expect([...byKey.values()].some((i) => i.possiblyMislabelled)).toBe(false);
	});

	it('flags an item strong players miss more than weak ones once it has enough answers', () => {
		const many = [...rounds, ...rounds, ...rounds, ...rounds];
		const byKey = new Map(itemAnalysis(many).map((i) => [i.itemKey, i]));
		expect(byKey.get('A')).toMatchObject({ compared: 12, possiblyMislabelled: true });
		expect(byKey.get('A')!.discrimination).toBeCloseTo(-0.866025, 5);
		expect(byKey.get('B')!.possiblyMislabelled).toBe(false);
	});

	it('gives a one-question round no rest score', () => {
		expect(itemAnalysis([[a('X', true)]])[0]).toMatchObject({
			timesAsked: 1,
			compared: 0,
			discrimination: null
		});
	});
});

describe('before and after', () => {
	const judged = (hits: number, misses: number, fa: number, cr: number) => [
		...Array.from({ length: hits }, () => ({ loaded: true, saidLoaded: true })),
		...Array.from({ length: misses }, () => ({ loaded: true, saidLoaded: false })),
		...Array.from({ length: fa }, () => ({ loaded: false, saidLoaded: true })),
		...Array.from({ length: cr }, () => ({ loaded: false, saidLoaded: false }))
	];

	it('reports the change in accuracy and in d′ with the items behind each', () => {
		const change = learningChange(
			{ reached: 10, correct: 5, judgements: judged(2, 2, 2, 2) },
			{ reached: 10, correct: 8, judgements: judged(4, 0, 0, 4) }
		);
		expect(change.before).toMatchObject({ items: 10, correct: 5, accuracy: 0.5, judged: 8 });
		expect(change.accuracyChange).toBeCloseTo(0.3, 9);
		// Before: H = 2.5/5, FA = 2.5/5: d' = 0. After: H = 4.5/5, FA = 0.5/5: d' = 2 * 1.281552.
		expect(change.before!.dPrime).toBeCloseTo(0, 9);
		expect(change.after!.dPrime).toBeCloseTo(2.563103, 5);
		expect(change.dPrimeChange).toBeCloseTo(2.563103, 5);
	});

	it('gives no d′ change when either check has too few judgements', () => {
		const change = learningChange(
			{ reached: 4, correct: 1, judgements: judged(1, 0, 0, 1) },
			{ reached: 4, correct: 3, judgements: judged(4, 0, 0, 4) }
		);
		expect(change.before!.dPrime).toBeNull();
		expect(change.dPrimeChange).toBeNull();
		expect(change.accuracyChange).toBeCloseTo(0.5, 9);
		expect(
			learningChange(null, { reached: 4, correct: 3, judgements: [] }).accuracyChange
		).toBeNull();
	});

	it('pools only the students who took both checks for the class', () => {
		const c = classLearningChange([
			{
				before: { reached: 4, correct: 1, judgements: [] },
				after: { reached: 4, correct: 3, judgements: [] }
			},
			{
				before: { reached: 6, correct: 3, judgements: [] },
				after: { reached: 6, correct: 3, judgements: [] }
			},
			{ before: null, after: { reached: 10, correct: 10, judgements: [] } }
		]);
		// Before 4 of 10, after 6 of 10.
		expect(c.students).toBe(2);
		expect(c.before).toMatchObject({ items: 10, correct: 4 });
		expect(c.accuracyChange).toBeCloseTo(0.2, 9);
	});
});

describe('calibration', () => {
	it('compares accuracy when sure and when not sure', () => {
		const c = calibration([
			{ confidence: 'sure', correct: true },
			{ confidence: 'sure', correct: true },
			{ confidence: 'sure', correct: true },
			{ confidence: 'sure', correct: false },
			{ confidence: 'unsure', correct: false },
			{ confidence: 'unsure', correct: false },
			{ confidence: null, correct: true }
		]);
		expect(c.sure).toEqual({ answers: 4, correct: 3, accuracy: 0.75 });
		expect(c.unsure).toEqual({ answers: 2, correct: 0, accuracy: 0 });
		expect(c.rated).toBe(6);
		// 4/6 marked sure, 3/6 right.
		expect(c.overconfidence).toBeCloseTo(1 / 6, 9);
		expect(c.resolution).toBeCloseTo(0.75, 9);
		expect(calibrationReading(c)).toBe(
			'Answers marked sure were right more often than those marked not sure; more answers were marked sure than were right (overconfident).'
		);
	});

	it.each([
		[
			0.1,
			0.15,
			'Answers marked sure were right more often than those marked not sure; more answers were marked sure than were right (overconfident).'
		],
		[
			-0.1,
			-0.15,
			'Answers marked sure were right less often than those marked not sure; fewer answers were marked sure than were right (underconfident).'
		],
		[0.09, 0.14, 'Being sure made little difference to being right.'],
		[-0.09, -0.14, 'Being sure made little difference to being right.'],
		[null, null, 'Being sure made little difference to being right.']
	])(
		'reads resolution %s and overconfidence %s as a sentence',
		(resolution, overconfidence, reading) => {
			const side = { answers: 2, correct: 1, accuracy: 0.5 };
			const c = { sure: side, unsure: side, rated: 4, resolution, overconfidence };
			expect(calibrationReading(c)).toBe(reading);
		}
	);

	it('says when every rated answer was on one side', () => {
		const none = { answers: 0, correct: 0, accuracy: null };
		const three = { answers: 3, correct: 2, accuracy: 2 / 3 };
		const c = { rated: 3, resolution: null, overconfidence: 0.2 };
		expect(calibrationReading({ ...c, sure: none, unsure: three })).toBe(
			'Every rated answer was marked not sure (3).'
		);
		expect(calibrationReading({ ...c, sure: three, unsure: none })).toBe(
			'Every rated answer was marked sure (3).'
		);
	});

	it('says when nothing was rated', () => {
		expect(calibrationReading(calibration([{ confidence: null, correct: true }]))).toBe(
			'No answers were rated.'
		);
	});
});

describe('median', () => {
	it('takes the middle value, or the mean of the middle two', () => {
		expect(median([5, 1, 3])).toBe(3);
		expect(median([4, 1, 3, 2])).toBe(2.5);
		expect(median([])).toBeNull();
	});
});
