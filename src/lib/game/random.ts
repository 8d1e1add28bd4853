/**
 * Seeded randomness for round building. Rounds must be reproducible from their seed, so nothing
 * in the game core calls Math.random: a string seed is hashed (cyrb53, folded to 32 bits) and fed
 * to mulberry32, a small, fast generator that is plenty for shuffling quiz items.
 */

/** A 32-bit unsigned hash of a string (cyrb53, folded). */
export function hashString(text: string): number {
	let h1 = 0xdeadbeef;
	let h2 = 0x41c6ce57;
	for (let i = 0; i < text.length; i++) {
		const c = text.charCodeAt(i);
		h1 = Math.imul(h1 ^ c, 2654435761);
		h2 = Math.imul(h2 ^ c, 1597334677);
	}
	h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
	h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
	return (h1 ^ h2) >>> 0;
}

/** mulberry32: a generator of floats in [0, 1) from a 32-bit seed. */
export function mulberry32(seed: number): () => number {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

/** A seeded random source with the few helpers the round builder needs. */
export interface Rng {
	/** A float in [0, 1). */
	next(): number;
	/** An integer in [0, n). */
	int(n: number): number;
	/** A uniformly chosen element; throws on an empty array. */
	pick<T>(items: readonly T[]): T;
	/** A shuffled copy (Fisher–Yates). */
	shuffle<T>(items: readonly T[]): T[];
	/**
	 * An index chosen with probability proportional to its weight; -1 when no weight is positive.
	 */
	weightedIndex(weights: readonly number[]): number;
}

/** A seeded random source: the same seed always gives the same sequence. */
export function createRng(seed: string): Rng {
	const next = mulberry32(hashString(seed));
	const int = (n: number) => Math.floor(next() * n);
	return {
		next,
		int,
		pick<T>(items: readonly T[]): T {
			if (items.length === 0) throw new Error('Cannot pick from an empty list');
			return items[int(items.length)];
		},
		shuffle<T>(items: readonly T[]): T[] {
			const copy = items.slice();
			for (let i = copy.length - 1; i > 0; i--) {
				const j = int(i + 1);
				[copy[i], copy[j]] = [copy[j], copy[i]];
			}
			return copy;
		},
		weightedIndex(weights: readonly number[]): number {
			let total = 0;
			for (const w of weights) if (w > 0) total += w;
			if (total <= 0) return -1;
			let r = next() * total;
			let last = -1;
			for (let i = 0; i < weights.length; i++) {
				if (!(weights[i] > 0)) continue;
				last = i;
				r -= weights[i];
				if (r < 0) return i;
			}
			return last;
		}
	};
}
