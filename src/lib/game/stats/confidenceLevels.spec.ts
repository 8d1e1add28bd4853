import { describe, expect, it } from 'vitest';
import {
	confidenceLevelOf,
	levelCalibration,
	levelCalibrationReading,
	type ConfidenceLevel
} from './confidenceLevels';

const rated = (confidence: ConfidenceLevel | null, correct: boolean) => ({ confidence, correct });

describe('1-4 confidence calibration', () => {
	it('counts answers and accuracy at each level, and the confident answers that were wrong', () => {
		const c = levelCalibration([
			rated(4, true),
			rated(4, false),
			rated(4, false),
			rated(3, true),
			rated(2, true),
			rated(1, false),
			rated(1, false),
			rated(null, false)
		]);
		expect(c.levels.map((l) => [l.level, l.answers, l.correct])).toEqual([
			[1, 2, 0],
			[2, 1, 1],
			[3, 1, 1],
			[4, 3, 1]
		]);
		expect(c.rated).toBe(7);
		expect([c.confident, c.confidentWrong]).toEqual([4, 2]);
		expect(c.confidentWrongShare).toBe(0.5);
		// 2 of 4 right at 3-4, 1 of 3 at 1-2.
		expect(c.resolution).toBeCloseTo(0.5 - 1 / 3, 12);
		expect(levelCalibrationReading(c)).toBe(
			'2 of 4 answers rated fairly sure or certain were wrong; confident answers were right more often than unsure ones.'
		);
	});

	it('says so when nothing was rated or nothing was confident', () => {
		expect(levelCalibrationReading(levelCalibration([rated(null, true)]))).toBe(
			'No answers were rated.'
		);
		expect(levelCalibrationReading(levelCalibration([rated(1, true)]))).toBe(
			'No answer was rated fairly sure or certain.'
		);
	});

	it('reads a rating from a form field, refusing anything but 1 to 4', () => {
		expect(['1', ' 4 ', 3].map(confidenceLevelOf)).toEqual([1, 4, 3]);
		expect(['0', '5', '2.5', 'sure', '', null, undefined].map(confidenceLevelOf)).toEqual(
			Array(7).fill(null)
		);
	});
});
