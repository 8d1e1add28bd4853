import { describe, expect, it } from 'vitest';
import { mergeOverlapping, spanScore, spanTally, sumTallies } from './spanF1';

describe('span-identification F1 (SemEval-2020 Task 11, SI)', () => {
	it('gives partial credit for partial overlap, by the predicted and by the gold length', () => {
		// Half of the prediction lies in the gold span, and half of the gold span is predicted.
		const t = spanTally([{ start: 5, end: 15 }], [{ start: 0, end: 10 }]);
		expect(spanScore(t)).toEqual({ precision: 0.5, recall: 0.5, f1: 0.5 });
	});

	it('divides precision by the predicted spans and recall by the gold spans', () => {
		const t = spanTally(
			[
				{ start: 0, end: 10 },
				{ start: 20, end: 30 }
			],
			[{ start: 0, end: 10 }]
		);
		const s = spanScore(t);
		expect(s.precision).toBe(0.5);
		expect(s.recall).toBe(1);
		expect(s.f1).toBeCloseTo(2 / 3, 10);
	});

	it('merges overlapping spans (sharing a character) but not touching ones', () => {
		expect(
			mergeOverlapping([
				{ start: 5, end: 15 },
				{ start: 0, end: 10 },
				{ start: 15, end: 20 }
			])
		).toEqual([
			{ start: 0, end: 15 },
			{ start: 15, end: 20 }
		]);
		// Two overlapping gold spans count once, so a prediction of their union scores 1.
		const t = spanTally(
			[{ start: 0, end: 15 }],
			[
				{ start: 0, end: 10 },
				{ start: 5, end: 15 }
			]
		);
		expect(spanScore(t).f1).toBe(1);
	});

	it('pools articles by summing their tallies (micro average, as the official scorer)', () => {
		const a = spanTally([{ start: 0, end: 4 }], [{ start: 0, end: 4 }]);
		const b = spanTally([{ start: 0, end: 4 }], []);
		const pooled = spanScore(sumTallies([a, b]));
		expect(pooled.precision).toBe(0.5);
		expect(pooled.recall).toBe(1);
	});

	it('scores nothing predicted against something gold as 0, and nothing against nothing as 1', () => {
		expect(spanScore(spanTally([], [{ start: 0, end: 3 }])).f1).toBe(0);
		expect(spanScore(spanTally([], [])).f1).toBe(1);
	});
});
