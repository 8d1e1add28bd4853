import { describe, expect, it } from 'vitest';
import {
	dPrimeFromRates,
	discernment,
	discernmentReading,
	enoughForDPrime,
	inverseNormalCdf,
	judgementCounts
} from './discernment';
import { judgeQuestion, nameQuestion } from './stats/statsFixtures';

function judgements(hits: number, misses: number, falseAlarms: number, rejections: number) {
	return [
		...Array.from({ length: hits }, () => ({ loaded: true, saidLoaded: true })),
		...Array.from({ length: misses }, () => ({ loaded: true, saidLoaded: false })),
		...Array.from({ length: falseAlarms }, () => ({ loaded: false, saidLoaded: true })),
		...Array.from({ length: rejections }, () => ({ loaded: false, saidLoaded: false }))
	];
}

describe('inverse normal CDF', () => {
	it('matches published quantiles of the standard normal', () => {
		expect(inverseNormalCdf(0.5)).toBeCloseTo(0, 9);
		expect(inverseNormalCdf(0.975)).toBeCloseTo(1.959964, 5);
		expect(inverseNormalCdf(0.8)).toBeCloseTo(0.841621, 5);
		expect(inverseNormalCdf(0.3)).toBeCloseTo(-0.524401, 5);
		expect(inverseNormalCdf(0.01)).toBeCloseTo(-2.326348, 5);
		expect(inverseNormalCdf(0.999)).toBeCloseTo(3.090232, 5);
		expect(inverseNormalCdf(1e-6)).toBeCloseTo(-4.753424, 4);
	});

	it('is symmetric around one half', () => {
		for (const p of [0.001, 0.02, 0.1, 0.37]) {
			expect(inverseNormalCdf(p)).toBeCloseTo(-inverseNormalCdf(1 - p), 8);
		}
	});

	it('is infinite at 0 and 1 and undefined outside', () => {
		expect(inverseNormalCdf(0)).toBe(-Infinity);
		expect(inverseNormalCdf(1)).toBe(Infinity);
		expect(inverseNormalCdf(1.2)).toBeNaN();
		expect(inverseNormalCdf(-0.1)).toBeNaN();
	});
});

describe('discernment', () => {
	it("gives d' of 1.683 for raw rates H = 0.8 and FA = 0.2", () => {
		expect(dPrimeFromRates(0.8, 0.2)).toBeCloseTo(1.683, 3);
	});

	it('counts hits, misses, false alarms and correct rejections with raw rates', () => {
		const d = discernment(judgements(8, 2, 2, 8));
		expect(d).toMatchObject({ hits: 8, misses: 2, falseAlarms: 2, correctRejections: 8 });
		expect(d.hitRate).toBeCloseTo(0.8, 10);
		expect(d.falseAlarmRate).toBeCloseTo(0.2, 10);
	});

	it("computes d' on log-linear corrected rates", () => {
		// (8 + 0.5) / 11 and (2 + 0.5) / 11
		expect(discernment(judgements(8, 2, 2, 8)).dPrime).toBeCloseTo(1.495717, 5);
	});

	it("keeps d' finite when every loaded item is caught and no straight one is flagged", () => {
		const d = discernment(judgements(10, 0, 0, 10));
		expect(d.hitRate).toBe(1);
		expect(d.falseAlarmRate).toBe(0);
		expect(Number.isFinite(d.dPrime)).toBe(true);
		expect(d.dPrime).toBeCloseTo(3.381243, 5);
	});

	it("gives d' of zero to a player who calls everything loaded", () => {
		const d = discernment(judgements(6, 0, 6, 0));
		expect(d.hitRate).toBe(1);
		expect(d.falseAlarmRate).toBe(1);
		expect(d.dPrime).toBeCloseTo(0, 10);
	});

	it("has no d' without loaded or without straight items", () => {
		expect(discernment(judgements(3, 1, 0, 0))).toMatchObject({
			falseAlarmRate: null,
			dPrime: null
		});
		expect(discernment(judgements(0, 0, 1, 3))).toMatchObject({ hitRate: null, dPrime: null });
		expect(discernment([])).toMatchObject({
			hits: 0,
			hitRate: null,
			falseAlarmRate: null,
			dPrime: null
		});
	});
});

describe('response bias', () => {
	it('is negative for a player who leans to calling passages loaded', () => {
		// H = 4.5/5 = 0.9, FA = 2.5/5 = 0.5: c = -(1.281552 + 0) / 2.
		const d = discernment(judgements(4, 0, 2, 2));
		expect(d.dPrime).toBeCloseTo(1.281552, 5);
		expect(d.criterion).toBeCloseTo(-0.640776, 5);
	});
});

describe('judgement counts', () => {
	it('counts only judge questions and scores a timeout as the wrong call', () => {
		const counts = judgementCounts([
			{ question: judgeQuestion(true), response: { kind: 'judge', loaded: true } },
			{ question: judgeQuestion(true), response: null },
			{ question: judgeQuestion(false), response: null },
			{ question: judgeQuestion(false), response: { kind: 'judge', loaded: false } },
			{ question: nameQuestion('doubt'), response: null }
		]);
		expect(counts).toMatchObject({
			judged: 4,
			timedOut: 2,
			hits: 1,
			misses: 1,
			falseAlarms: 1,
			correctRejections: 1,
			hitRate: 0.5,
			falseAlarmRate: 0.5
		});
		expect(judgementCounts([{ question: nameQuestion('doubt'), response: null }])).toBeNull();
	});
});

describe('reading discernment', () => {
	it('says there are too few to tell below the minimum instead of giving a d′', () => {
		const few = discernment(judgements(2, 0, 0, 1));
		expect(few.dPrime).not.toBeNull();
		expect(enoughForDPrime(few)).toBe(false);
		expect(discernmentReading(few)).toBe(
			'Too few to tell: 2 loaded and 1 straight passage; at least 8 with 3 of each are needed.'
		);
		// Eight in all but only two straight ones.
		expect(enoughForDPrime(discernment(judgements(5, 1, 1, 1)))).toBe(false);
	});

	it('reads the d′ and the lean in plain words once there are enough', () => {
		expect(discernmentReading(discernment(judgements(4, 0, 2, 2)))).toBe(
			'Tells loaded from straight passages apart some of the time, and leans toward calling passages loaded (4 loaded and 4 straight passages).'
		);
		expect(discernmentReading(discernment(judgements(4, 0, 0, 4)))).toBe(
			'Tells loaded from straight passages apart reliably (4 loaded and 4 straight passages).'
		);
		expect(discernmentReading(discernment(judgements(2, 2, 2, 2)))).toBe(
			'About as good as guessing at telling loaded from straight passages (4 loaded and 4 straight passages).'
		);
		expect(discernmentReading(null)).toBe('No loaded-or-straight questions answered.');
	});
});
