import { describe, expect, it } from 'vitest';
import { ALSO_FITS, alsoFits } from '../../game/alsoFits';
import { defaultRoundConfig, listItems } from '../../game/round';
import { nameDistractorsInExcerpt } from '../../game/itemChecks';
import { CodePointIndex } from '../../game/text';
import type { NameQuestion } from '../../game/types';
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

describe('name questions of the bundled packs (issue 21)', () => {
	const content = bundledContent();

	it('never offer a wrong choice that also fits the words, by the labels or by the second reading', () => {
		let names = 0;
		let checked = 0;
		for (const seed of ['a', 'b', 'c', 'd']) {
			for (const q of listItems(content, defaultRoundConfig(), seed)) {
				if (q.kind !== 'name') continue;
				names++;
				const article = content.find((a) => a.id === q.excerpt.articleId)!;
				const cpi = new CodePointIndex(article.body);
				const asked = q.spans.find(
					(x) =>
						x.techniqueId === q.answer &&
						x.range[0] === q.highlight[0] &&
						x.range[1] === q.highlight[1]
				)!;
				const span = article.spans.find(
					(s) =>
						s.techniqueId === q.answer &&
						s.start >= q.excerpt.start &&
						s.end <= q.excerpt.end &&
						cpi.slice(s.start, s.end).trim() === asked.text.trim()
				);
				const fits = span ? alsoFits(article.id, q.answer, cpi.slice(span.start, span.end)) : [];
				if (fits.length > 0) checked++;
				expect(nameDistractorsInExcerpt(q as NameQuestion)).toEqual([]);
				for (const t of fits) expect(q.choices).not.toContain(t);
			}
		}
		expect(names).toBeGreaterThan(100);
		expect(checked).toBeGreaterThan(0);
	}, 60_000);

	it('keeps every finding of the second reading attached to exactly one bundled label', () => {
		for (const entry of ALSO_FITS) {
			const matches = content
				.filter((a) => a.id === entry.article)
				.flatMap((a) => {
					const cpi = new CodePointIndex(a.body);
					return a.spans.filter(
						(s) =>
							s.techniqueId === entry.technique && cpi.slice(s.start, s.end).startsWith(entry.words)
					);
				});
			expect(matches.length, `${entry.article}: ${entry.words}`).toBe(1);
			expect(entry.alsoFits).not.toContain(entry.technique);
		}
	});
});
