import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FAMILY_IDS, TECHNIQUE_IDS, technique } from '../../game/techniques';
import { CodePointIndex } from '../../game/text';
import { loadContentPacks } from './bundled';

const packs = loadContentPacks();
const seed = packs.find((p) => p.id === 'seed');
const practice = packs.find((p) => p.id === 'practice');

type BundledArticle = (typeof packs)[number]['articles'][number];

/**
 * The passages `pick` takes from every bundled article (its labels, or its clean passages), each
 * with its article, the article's text and its own words.
 */
function passagesOf<P extends { start: number; end: number }>(
	pick: (article: BundledArticle) => readonly P[]
) {
	return packs
		.flatMap((p) => p.articles)
		.flatMap((article) => {
			const text = new CodePointIndex(article.body);
			return pick(article).map((passage) => ({
				article,
				passage,
				text,
				words: text.slice(passage.start, passage.end)
			}));
		});
}
const labels = () => passagesOf((a) => a.spans);

/** Every passage between double quotes (straight or curly) in an explanation. */
function quotedSegments(explanation: string): string[] {
	return [...explanation.matchAll(/“([^”]+)”|"([^"]+)"/g)].map((m) => m[1] ?? m[2]);
}

describe('the bundled seed article', () => {
	it('is kept byte for byte as the project received it', () => {
		const article = seed!.articles[0];
		const file = readFileSync(resolve(process.cwd(), 'content/seed/article.txt'));
		expect(Buffer.from(article.body, 'utf8').equals(file)).toBe(true);
		// The non-breaking spaces and curly quotes are what make offsets fragile: they must survive.
		expect(article.body).toContain('\u00a0');
		expect(article.body).toMatch(/[“”’]/);
		expect(article.outlet).toBe('Global Research');
		expect(article.author).toBe('Federico Pieraccini');
	});

	it('has at least 20 labelled spans over at least 7 techniques, and clean sentences', () => {
		const article = seed!.articles[0];
		expect(article.spans.length).toBeGreaterThanOrEqual(20);
		expect(new Set(article.spans.map((s) => s.techniqueId)).size).toBeGreaterThanOrEqual(7);
		expect(article.clean.length).toBeGreaterThan(0);
	});
});

describe('every bundled label', () => {
	it('has an explanation that quotes words of its own span', () => {
		for (const { article, passage: span, words } of labels()) {
			const quotes = quotedSegments(span.explanation ?? '');
			expect(quotes.length, `${article.id} ${span.start}-${span.end}: no quote`).toBeGreaterThan(0);
			for (const q of quotes) {
				// Quotes may trim the span's own quotation marks; they must be its words.
				expect(words, `${article.id} ${span.start}-${span.end}`).toContain(
					q.replace(/^[‘']|[’']$/g, '')
				);
			}
		}
	});

	it('has an explanation that names its own technique, so label and explanation agree', () => {
		for (const { article, passage: span } of labels()) {
			// "Appeal to fear or prejudice" may be named as "fear" or "prejudice", and so on.
			const names = technique(span.techniqueId)
				.name.toLowerCase()
				.split(/, | or /)
				.map((n) => n.replace(/^(casting|appeal to) /, ''));
			const prose = (span.explanation ?? '').replace(/“[^”]*”|"[^"]*"/g, '').toLowerCase();
			expect(
				names.some((n) => prose.includes(n)),
				`${article.id} ${span.techniqueId}: ${span.explanation}`
			).toBe(true);
		}
	});

	it('has an explanation of one or two sentences', () => {
		for (const { passage: span } of labels()) {
			const prose = (span.explanation ?? '').replace(/“[^”]*”|"[^"]*"/g, 'Q');
			const sentences = prose.split(/[.!?](?:\s|$)/).filter((s) => s.trim().length > 0);
			expect(sentences.length, span.explanation ?? '').toBeGreaterThanOrEqual(1);
			expect(sentences.length, span.explanation ?? '').toBeLessThanOrEqual(2);
		}
	});

	it('covers its words exactly, with no space at either end', () => {
		for (const { article, passage: span, words } of labels()) {
			expect(words, `${article.id} ${span.start}-${span.end}`).toBe(words.trim());
		}
	});

	it('never overlaps a passage marked clean', () => {
		for (const { article, passage: c } of passagesOf((a) => a.clean)) {
			for (const s of article.spans) {
				expect(
					s.end <= c.start || s.start >= c.end,
					`${article.id} clean ${c.start}-${c.end}`
				).toBe(true);
			}
		}
	});
});

describe('the practice pack', () => {
	it('has at least 24 invented articles and labels every technique at least 8 times', () => {
		expect(practice!.articles.length).toBeGreaterThanOrEqual(24);
		const counts = new Map<string, number>();
		for (const a of practice!.articles)
			for (const s of a.spans) counts.set(s.techniqueId, (counts.get(s.techniqueId) ?? 0) + 1);
		for (const id of TECHNIQUE_IDS) expect(counts.get(id) ?? 0, id).toBeGreaterThanOrEqual(8);
	});

	it('declares its labelling exhaustive, so its unlabelled sentences can be straight passages', () => {
		const raw = JSON.parse(
			readFileSync(resolve(process.cwd(), 'content/practice/practice.pack.json'), 'utf8')
		) as { exhaustive?: unknown };
		expect(raw.exhaustive).toBe(true);
	});

	it('gives every family something to play, and every article clean passages', () => {
		const families = new Set(
			practice!.articles.flatMap((a) => a.spans.map((s) => technique(s.techniqueId).family))
		);
		expect([...families].sort()).toEqual([...FAMILY_IDS].sort());
		for (const a of practice!.articles) expect(a.clean.length, a.id).toBeGreaterThan(0);
	});

	it('exercises code-point offsets with characters outside the BMP before labelled spans', () => {
		const withAstral = practice!.articles.filter((a) => {
			const firstSpan = Math.min(...a.spans.map((s) => s.start));
			const before = Array.from(a.body).slice(0, firstSpan).join('');
			return /[\u{10000}-\u{10FFFF}]/u.test(before);
		});
		expect(withAstral.length).toBeGreaterThan(0);
	});
});

/** True when `text` ends a sentence: a full stop, question or exclamation mark, maybe closing a quote. */
function endsSentence(text: string): boolean {
	return /[.!?][”’"]?$/u.test(text);
}

describe('every bundled clean passage', () => {
	it('is whole sentences of at least 8 words from one paragraph', () => {
		for (const { article, passage: c, text, words: passage } of passagesOf((a) => a.clean)) {
			const before = text.slice(0, c.start).trimEnd();
			const where = `${article.id} clean ${c.start}-${c.end}: ${passage}`;
			expect(passage.split(/\s+/).length, where).toBeGreaterThanOrEqual(8);
			expect(passage, where).not.toContain('\n\n');
			expect(endsSentence(passage), where).toBe(true);
			// It starts where a paragraph or a sentence starts, never mid-sentence.
			expect(
				before === '' || text.slice(c.start - 1, c.start) === '\n' || endsSentence(before),
				where
			).toBe(true);
		}
	});
});
