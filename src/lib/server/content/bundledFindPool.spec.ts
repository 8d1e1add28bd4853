import { describe, expect, it } from 'vitest';
import { findPlayers } from '../../game/adversaries';
import { buildRound, defaultRoundConfig, listItems } from '../../game/round';
import { spanCredit } from '../../game/scoring';
import type { FindQuestion } from '../../game/types';
import { openTestDatabase } from '../db/open';
import { loadRoundContent } from '../db/queries';
import { ensureBundledContent } from './bundled';
import { syncTechniques } from './techniques';

/** The bundled packs as the round builder reads them. */
function bundledContent() {
	const db = openTestDatabase();
	syncTechniques(db);
	ensureBundledContent(db);
	return loadRoundContent(db);
}

/** The line every positional find player must stay within (issue 22). */
const FIND_LINE = 0.15;

describe('find items of the bundled packs across rounds', () => {
	const content = bundledContent();
	const finds: FindQuestion[] = [];
	for (let r = 0; r < 80; r++) {
		for (const q of buildRound(content, defaultRoundConfig(), `pool-${r}`)) {
			if (q.kind === 'find') finds.push(q);
		}
	}

	it('draw from many of the find items, not the same few', () => {
		const listed = listItems(content, defaultRoundConfig(), 'pool').filter(
			(q) => q.kind === 'find'
		).length;
		const distinct = new Set(finds.map((q) => q.itemKey)).size;
		expect(listed).toBeGreaterThan(100);
		// The position preferences kept 26 of the 138 bundled find items, and rounds drew only those.
		expect(distinct).toBeGreaterThanOrEqual(50);
	});

	it(`still give no positional player more than ${FIND_LINE} mean credit`, () => {
		const over = Object.entries(findPlayers())
			.map(([name, player]) => {
				let credit = 0;
				finds.forEach((q, turn) => {
					const range = player(q.excerpt.tokens, turn);
					if (range) credit += spanCredit(range, q.targets, q.excerpt.tokens);
				});
				return [name, Math.round((credit / finds.length) * 1000) / 1000] as const;
			})
			.filter(([, credit]) => credit > FIND_LINE);
		expect(over).toEqual([]);
	});
});
