import { describe, expect, it } from 'vitest';
import { bandWeight, targetBand } from '../../game/difficulty';
import { buildRound, defaultRoundConfig, type ItemStats } from '../../game/round';
import { openTestDatabase } from '../db/open';
import { loadRoundContent } from '../db/queries';
import { insertTestContent } from './testContent';

describe('easy, mixed and hard rounds', () => {
	it('aim easy and hard rounds at one band and rotate a mixed round', () => {
		expect([0, 1, 2, 3].map((i) => targetBand('mixed', i))).toEqual([0, 1, 2, 0]);
		expect([0, 1, 2].map((i) => targetBand(undefined, i))).toEqual([0, 1, 2]);
		expect([0, 1, 2].map((i) => targetBand('easy', i))).toEqual([0, 0, 0]);
		expect([0, 1, 2].map((i) => targetBand('hard', i))).toEqual([2, 2, 2]);
		expect([0, 1, 2].map((band) => bandWeight('easy', band, 0))).toEqual([25, 5, 1]);
		expect([0, 1, 2].map((band) => bandWeight('mixed', band, 1))).toEqual([1, 3, 1]);
	});

	it('build an easy round from items players get right and a hard one from items they miss', () => {
		const db = openTestDatabase();
		insertTestContent(db);
		const content = loadRoundContent(db);
		const config = { ...defaultRoundConfig(), count: 30 };
		// Every item the content can make, half of them answered right by all, half by nobody.
		const keys = new Set<string>();
		for (const seed of ['a', 'b', 'c', 'd', 'e', 'f']) {
			for (const q of buildRound(content, config, seed)) keys.add(q.itemKey);
		}
		const stats = new Map<string, ItemStats>();
		[...keys].sort().forEach((key, i) => {
			stats.set(key, { answered: 40, correct: i % 2 === 0 ? 40 : 0 });
		});
		const easyShare = (difficulty: 'easy' | 'hard' | 'mixed') => {
			let easy = 0;
			let known = 0;
			for (let seed = 0; seed < 20; seed++) {
				for (const q of buildRound(
					content,
					{ ...config, count: 6, difficulty },
					`s${seed}`,
					stats
				)) {
					const s = stats.get(q.itemKey);
					if (!s) continue;
					known++;
					if (s.correct === s.answered) easy++;
				}
			}
			return easy / known;
		};
		const easy = easyShare('easy');
		const mixed = easyShare('mixed');
		const hard = easyShare('hard');
		expect(easy).toBeGreaterThan(0.85);
		expect(hard).toBeLessThan(0.15);
		expect(mixed).toBeGreaterThan(hard);
		expect(mixed).toBeLessThan(easy);
	});
});
