import { describe, expect, it } from 'vitest';
import { meanWithInterval } from './interval';

describe('a mean with its t interval', () => {
	it('matches the textbook 95% interval of 1, 2, 3, 4, 5 (t = 2.776445 on 4 degrees of freedom)', () => {
		const m = meanWithInterval([1, 2, 3, 4, 5])!;
		const half = 2.776445 * (Math.sqrt(2.5) / Math.sqrt(5));
		expect(m.n).toBe(5);
		expect(m.mean).toBe(3);
		expect(m.sd).toBeCloseTo(Math.sqrt(2.5), 12);
		expect(m.lower).toBeCloseTo(3 - half, 5);
		expect(m.upper).toBeCloseTo(3 + half, 5);
		expect(m.level).toBe(0.95);
	});

	it('widens with fewer values (t on 1 degree of freedom is 12.706)', () => {
		const m = meanWithInterval([0, 1])!;
		expect(m.upper - m.mean).toBeCloseTo(12.706205 * (Math.SQRT1_2 / Math.SQRT2), 4);
	});

	it('is a point when every value is the same, and null under two values', () => {
		const same = meanWithInterval([0.25, 0.25, 0.25])!;
		expect([same.mean, same.lower, same.upper]).toEqual([0.25, 0.25, 0.25]);
		expect(meanWithInterval([0.5])).toBeNull();
		expect(meanWithInterval([])).toBeNull();
	});
});
