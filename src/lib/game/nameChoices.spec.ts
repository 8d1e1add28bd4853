import { describe, expect, it } from 'vitest';
import { chooseChoiceSet, fitsSet, maskOf, weighSets } from './nameChoices';
import { createRng } from './random';
import { TECHNIQUE_IDS, type TechniqueId } from './techniques';

const even = weighSets(() => 1);

describe('drawing the set of four choices', () => {
	it('draws only sets in which every member has an excerpt labelling no other member', () => {
		// Every name-calling excerpt also labels loaded language: the two never share a set.
		const answerable = new Map<TechniqueId, number[]>(TECHNIQUE_IDS.map((t) => [t, [maskOf([t])]]));
		answerable.set('name-calling', [maskOf(['name-calling', 'loaded-language'])]);
		const rng = createRng('fits');
		for (let i = 0; i < 300; i++) {
			const set = chooseChoiceSet(rng, answerable, even);
			expect(set).toHaveLength(4);
			expect(new Set(set).size).toBe(4);
			const mask = maskOf(set ?? []);
			for (const t of set ?? []) {
				expect(answerable.get(t)?.some((m) => fitsSet(m, mask, t))).toBe(true);
			}
			expect(set?.includes('name-calling') && set.includes('loaded-language')).toBe(false);
		}
	});

	it('draws nothing when fewer than four techniques can be the answer', () => {
		const three = new Map<TechniqueId, number[]>(
			(['fear', 'doubt', 'slogans'] as const).map((t) => [t, [maskOf([t])]])
		);
		expect(chooseChoiceSet(createRng('few'), three, even)).toBeNull();
	});

	it('offers a technique with many excerpts more often, by the square root of its excerpts, not in proportion', () => {
		// Loaded language has 36 times the excerpts of every other technique.
		const answerable = new Map<TechniqueId, number[]>(
			TECHNIQUE_IDS.map((t) => [t, Array<number>(t === 'loaded-language' ? 36 : 1).fill(0)])
		);
		const rng = createRng('balance');
		let loaded = 0;
		let other = 0;
		const draws = 400;
		for (let i = 0; i < draws; i++) {
			const set = chooseChoiceSet(rng, answerable, even) ?? [];
			if (set.includes('loaded-language')) loaded++;
			if (set.includes('fear')) other++;
		}
		// Targets: 4 * 6 / (6 + 13) = 1 (every set), 4 * 1 / 19 = 0.21 for each other technique.
		expect(loaded / draws).toBeGreaterThan(0.95);
		expect(other / draws).toBeGreaterThan(0.15);
		expect(other / draws).toBeLessThan(0.3);
	});

	it('prefers sets whose members go together when the weights say so', () => {
		const answerable = new Map<TechniqueId, number[]>(TECHNIQUE_IDS.map((t) => [t, [0]]));
		const wording = new Set<TechniqueId>(['loaded-language', 'exaggeration', 'repetition']);
		const weights = weighSets((members) =>
			members.filter((t) => wording.has(t)).length === 3 ? 50 : 1
		);
		const rng = createRng('cohesion');
		let together = 0;
		for (let i = 0; i < 500; i++) {
			const set = chooseChoiceSet(rng, answerable, weights) ?? [];
			if (set.filter((t) => wording.has(t)).length === 3) together++;
		}
		// 11 of the 1001 sets hold all three: about 1% of draws by chance. The balancing of each
		// technique's share pulls against it, so the preference shows as a multiple of that.
		expect(together / 500).toBeGreaterThan(5 * (11 / 1001));
	});
});
