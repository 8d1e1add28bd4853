import { describe, expect, it } from 'vitest';
import { createRng, hashString, mulberry32 } from './random';

describe('seeded randomness', () => {
	it('gives the same sequence for the same seed', () => {
		const a = createRng('round-1');
		const b = createRng('round-1');
		const seqA = Array.from({ length: 20 }, () => a.next());
		const seqB = Array.from({ length: 20 }, () => b.next());
		expect(seqA).toEqual(seqB);
	});

	it('gives different sequences for different seeds', () => {
		const a = createRng('round-1');
		const b = createRng('round-2');
		expect(Array.from({ length: 5 }, () => a.next())).not.toEqual(
			Array.from({ length: 5 }, () => b.next())
		);
		expect(hashString('a')).not.toBe(hashString('b'));
	});

	it('stays within [0, 1) and spreads over the range', () => {
		const next = mulberry32(42);
		const values = Array.from({ length: 2000 }, () => next());
		expect(values.every((v) => v >= 0 && v < 1)).toBe(true);
		const mean = values.reduce((s, v) => s + v, 0) / values.length;
		expect(mean).toBeGreaterThan(0.45);
		expect(mean).toBeLessThan(0.55);
	});

	it('shuffles into a permutation without touching the input', () => {
		const rng = createRng('shuffle');
		const input = [1, 2, 3, 4, 5, 6, 7, 8];
		const out = rng.shuffle(input);
		expect(input).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
		expect([...out].sort((x, y) => x - y)).toEqual(input);
	});

	it('never picks an index whose weight is zero, and -1 when nothing has weight', () => {
		const rng = createRng('weights');
		for (let i = 0; i < 200; i++) expect([1, 3]).toContain(rng.weightedIndex([0, 2, 0, 5]));
		expect(rng.weightedIndex([0, 0])).toBe(-1);
		expect(rng.weightedIndex([])).toBe(-1);
	});

	it('refuses to pick from an empty list', () => {
		expect(() => createRng('x').pick([])).toThrow();
	});
});
