/**
 * The excerpt rules of src/lib/game/excerptBounds.ts as a measure over served questions: how
 * many excerpts open on a dangling word, join lines, cut a quotation or show page debris, and how
 * many reveal a span that cuts a quotation. `npm run bench:excerpts` prints it for the PTC train
 * set; `npm run bench:items` can call `excerptRuleCounts` on the questions it builds.
 */
import {
	EXCERPT_RULES,
	excerptBreaks,
	spanCutsQuotation,
	type ExcerptRule
} from '../src/lib/game/excerptBounds';
import { CodePointIndex } from '../src/lib/game/text';
import type { ContentArticle, Question } from '../src/lib/game/types';

/** Counts of distinct excerpts breaking each rule (an excerpt may break several). */
export interface ExcerptRuleCounts {
	/** Distinct excerpts (article and range) among the questions. */
	excerpts: number;
	breaking: Record<ExcerptRule, number>;
	/** Excerpts breaking at least one rule. */
	any: number;
	/** Distinct excerpts whose revealed spans include one that cuts a quotation. */
	spanCutsQuotation: number;
}

/**
 * Checks every distinct excerpt of `questions` against the excerpt rules, reading each excerpt
 * in its article (from `content`, by id) so line breaks and debris lines around it count.
 */
export function excerptRuleCounts(
	questions: readonly Question[],
	content: readonly ContentArticle[]
): ExcerptRuleCounts {
	const byId = new Map(content.map((a) => [a.id, a]));
	const indexes = new Map<string, CodePointIndex>();
	const seen = new Set<string>();
	const counts: ExcerptRuleCounts = {
		excerpts: 0,
		breaking: Object.fromEntries(EXCERPT_RULES.map((r) => [r, 0])) as Record<ExcerptRule, number>,
		any: 0,
		spanCutsQuotation: 0
	};
	for (const q of questions) {
		const { articleId, start, end, tokens } = q.excerpt;
		const key = `${articleId}:${start}-${end}`;
		if (seen.has(key)) continue;
		seen.add(key);
		const article = byId.get(articleId);
		if (!article) continue;
		let cpi = indexes.get(articleId);
		if (!cpi) indexes.set(articleId, (cpi = new CodePointIndex(article.body)));
		counts.excerpts++;
		const broken = excerptBreaks(article.body, cpi.toUtf16(start), cpi.toUtf16(end));
		for (const rule of broken) counts.breaking[rule]++;
		if (broken.length > 0) counts.any++;
		const text = tokens.map((t) => t.text).join('');
		const offsets = [0];
		for (const t of tokens) offsets.push(offsets[offsets.length - 1] + t.text.length);
		if (q.spans.some((s) => spanCutsQuotation(text, offsets[s.range[0]], offsets[s.range[1]])))
			counts.spanCutsQuotation++;
	}
	return counts;
}

/** The counts as lines of text, shares of the distinct excerpts. */
export function formatExcerptRuleCounts(c: ExcerptRuleCounts): string[] {
	const pct = (n: number) => `${n} (${((100 * n) / Math.max(1, c.excerpts)).toFixed(1)}%)`;
	return [
		`distinct excerpts           ${c.excerpts}`,
		...EXCERPT_RULES.map((r) => `${r.padEnd(28)}${pct(c.breaking[r])}`),
		`${'any of these'.padEnd(28)}${pct(c.any)}`,
		`${'revealed span cuts a quote'.padEnd(28)}${pct(c.spanCutsQuotation)}`
	];
}
