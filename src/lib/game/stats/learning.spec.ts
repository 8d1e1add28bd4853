import { describe, expect, it } from 'vitest';
import type { Question } from '../types';
import type { ConfidenceLevel } from './confidenceLevels';
import { classChange, MIN_STUDENTS_TO_TELL, type CheckAnswer } from './learning';
import { judgeQuestion, nameQuestion } from './statsFixtures';

/** An answer to `q`: right or wrong, with a rating. */
function answer(
	q: Question,
	correct: boolean,
	confidence: ConfidenceLevel | null = 3
): CheckAnswer {
	const response =
		q.kind === 'judge'
			? { kind: 'judge' as const, loaded: correct ? q.loaded : !q.loaded }
			: q.kind === 'name'
				? { kind: 'name' as const, techniqueId: correct ? q.answer : q.choices[1] }
				: null;
	return { question: q, response, correct, credit: correct ? 1 : 0, confidence };
}

const loaded = judgeQuestion(true);
const straight = judgeQuestion(false);
const name = nameQuestion('slogans');

/** A check of 4 loaded, 4 straight and 2 name items, `right` of the 10 right (in that order). */
function check(right: boolean[]): CheckAnswer[] {
	const qs = [loaded, loaded, loaded, loaded, straight, straight, straight, straight, name, name];
	return qs.map((q, i) => answer(q, right[i]));
}
const rights = (n: number) => Array.from({ length: 10 }, (_, i) => i < n);

describe('the class change between two checks', () => {
	const students = [
		{ first: check(rights(4)), second: check(rights(8)) },
		{ first: check(rights(5)), second: check(rights(7)) },
		{ first: check(rights(6)), second: check(rights(6)) },
		{ first: check(rights(3)), second: check(rights(8)) },
		{ first: check(rights(7)), second: check(rights(6)) },
		// Took one check only: left out of every figure.
		{ first: check(rights(0)), second: null }
	];

	it('gives the mean change in accuracy with its 95% t interval over the students with both', () => {
		const c = classChange(students);
		expect(c.students).toBe(5);
		expect(c.tooFew).toBe(false);
		// Changes 0.4, 0.2, 0, 0.5, -0.1: mean 0.2, sd 0.254951, t(0.975, 4) = 2.776445.
		const m = c.accuracy.change!;
		expect(m.mean).toBeCloseTo(0.2, 12);
		const half = (2.776445 * 0.2549509757) / Math.sqrt(5);
		expect(m.lower).toBeCloseTo(0.2 - half, 5);
		expect(m.upper).toBeCloseTo(0.2 + half, 5);
		// Pooled: 25 of 50 right before, 35 of 50 after.
		expect(c.accuracy.first).toBeCloseTo(0.5, 12);
		expect(c.accuracy.second).toBeCloseTo(0.7, 12);
	});

	it('gives pooled d′ and c on each check and the mean change in each student’s d′', () => {
		const c = classChange(students);
		const before = c.discernment.first!;
		// Before: loaded right 4+4+4+3+4 = 19 of 20; straight right 0+1+2+0+3 = 6 of 20.
		expect([before.hits, before.misses, before.falseAlarms, before.correctRejections]).toEqual([
			19, 1, 14, 6
		]);
		expect(before.dPrime).not.toBeNull();
		expect(before.criterion).toBeLessThan(0);
		const after = c.discernment.second!;
		expect([after.hits, after.falseAlarms]).toEqual([20, 20 - 15]);
		expect(c.discernment.dPrimeChange!.n).toBe(5);
		expect(c.discernment.dPrimeChange!.mean).toBeGreaterThan(0);
	});

	it('counts the students who improved, stayed and fell, and the share improved', () => {
		expect(classChange(students).improved).toEqual({ improved: 3, same: 1, worse: 1, share: 0.6 });
	});

	it('gives each technique’s share right on both checks', () => {
		const slogans = classChange(students).byTechnique.find((t) => t.techniqueId === 'slogans')!;
		// Name items are the last two: right only for a student with 9 or more right.
		expect(slogans.first).toMatchObject({ responses: 10, correct: 0 });
		expect(slogans.second).toMatchObject({ responses: 10, correct: 0 });
		expect(slogans.change).toBe(0);
	});

	it('gives the calibration of the 1-4 ratings on each check', () => {
		const c = classChange(students);
		expect(c.calibration.first.rated).toBe(50);
		expect(c.calibration.first.confidentWrong).toBe(25);
		expect(c.calibration.second.confidentWrong).toBe(15);
	});

	it(`says too few students to tell below ${MIN_STUDENTS_TO_TELL}: no interval and no share`, () => {
		const c = classChange(students.slice(0, MIN_STUDENTS_TO_TELL - 1));
		expect(c.tooFew).toBe(true);
		expect(c.accuracy.change).toBeNull();
		expect(c.discernment.dPrimeChange).toBeNull();
		expect(c.improved.share).toBeNull();
		expect(c.improved.improved).toBe(3);
		expect(c.accuracy.first).not.toBeNull();
	});
});
