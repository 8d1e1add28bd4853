/**
 * Rounds are the same whichever articles the round builder prepares: technique rarity is counted
 * over all the content given (from each article's valid spans only), while only the articles a
 * round can use are prepared. The digests below were taken from the round builder before it
 * stopped preparing every article (commit 287747a), over the bundled packs, an imported
 * (review-gated) copy of them with fewer techniques, and an article with characters outside the
 * BMP and invalid spans; any change to a round, an item's prior difficulty or the item pool of
 * any config changes a digest.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildRound, defaultRoundConfig, itemPriors, listItems, type ItemStats } from './round';
import type { TechniqueId } from './techniques';
import { CodePointIndex } from './text';
import type { ContentArticle, ContentSpan, RoundConfig } from './types';

interface PackJson {
	id: string;
	exhaustive?: boolean;
	articles: {
		id: string;
		title: string;
		outlet?: string | null;
		text?: string;
		textFile?: string;
		spans: { technique: string; start: number; end: number; explanation?: string | null }[];
		clean?: { start: number; end: number; note?: string | null }[];
	}[];
}

const contentDir = new URL('../../../content/', import.meta.url);

/** The bundled packs as the round builder gets them (ids and explanations as in the packs). */
function bundledArticles(): ContentArticle[] {
	return ['seed', 'practice'].flatMap((name) => {
		const dir = new URL(`${name}/`, contentDir);
		const pack = JSON.parse(readFileSync(new URL(`${name}.pack.json`, dir), 'utf8')) as PackJson;
		return pack.articles.map((a) => ({
			id: a.id,
			title: a.title,
			outlet: a.outlet ?? null,
			body: a.text ?? readFileSync(new URL(a.textFile ?? '', dir), 'utf8'),
			spans: a.spans.map((s, i) => ({
				id: i + 1,
				techniqueId: s.technique as TechniqueId,
				start: s.start,
				end: s.end,
				explanation: s.explanation ?? null
			})),
			clean: a.clean ?? [],
			collection: pack.id,
			...(pack.exhaustive === undefined ? {} : { exhaustive: pack.exhaustive })
		}));
	});
}

/**
 * An imported, review-gated copy of every other bundled article: labels of a few techniques left
 * out (so the imported collection shifts how rare each technique is), the others approved, hidden
 * or left unreviewed in turn, and the first clean passage approved as straight.
 */
function importedCopies(bundled: ContentArticle[]): ContentArticle[] {
	const dropped = new Set<string>(['loaded-language', 'doubt', 'slogans']);
	const reviews = ['approved', 'hidden', 'unreviewed', 'changed'] as const;
	return bundled
		.filter((_, i) => i % 2 === 0)
		.map((a) => ({
			...a,
			id: `imported-${a.id}`,
			collection: 'imported',
			origin: 'ptc-import',
			exhaustive: true,
			reviewGated: true,
			spans: a.spans
				.filter((s) => !dropped.has(s.techniqueId))
				.map((s, i) => ({ ...s, review: reviews[i % reviews.length] })),
			straightReviews: a.clean
				.slice(0, 1)
				.map((c) => ({ start: c.start, end: c.end, status: 'approved' as const }))
		}));
}

/**
 * An article with characters outside the BMP before its labels and spans a round must not count:
 * an unknown technique, offsets that are not integers, out of range or reversed, a span of
 * whitespace only and a span of an opening quotation mark alone (both trim to nothing).
 */
function oddArticle(): ContentArticle {
	const body = [
		'🌊🚢 The mayor said the harbour plan would bring prosperity to every family in the town by next spring.',
		'Only a traitor would vote against the harbour plan, the mayor told the 🎺 crowd on Tuesday evening.',
		'Everyone in Marlow already supports the plan, so you should too, said a poster outside the hall.',
		'If the plan fails, our children will grow up in a ghost town 👻 with nothing left for them at all.',
		'She said: “We will never give up the harbour,” and the crowd cheered loudly for several minutes.'
	].join('\n');
	const cpi = new CodePointIndex(body);
	const at = (phrase: string) => {
		const u = body.indexOf(phrase);
		return { start: cpi.toCodePoint(u), end: cpi.toCodePoint(u + phrase.length) };
	};
	const span = (
		id: number,
		techniqueId: string,
		r: { start: number; end: number }
	): ContentSpan => ({
		id,
		techniqueId: techniqueId as TechniqueId,
		...r,
		explanation: null
	});
	const quote = body.indexOf('“');
	const space = body.indexOf(' crowd cheered');
	return {
		id: 'odd-article',
		title: 'Odd article',
		outlet: 'Test Gazette',
		body,
		spans: [
			span(1, 'name-calling', at('Only a traitor would vote against the harbour plan')),
			span(2, 'bandwagon', at('Everyone in Marlow already supports the plan, so you should too')),
			span(3, 'fear', at('our children will grow up in a ghost town 👻')),
			span(4, 'not-a-technique', at('the mayor told the 🎺 crowd')),
			span(5, 'fear', { start: 2.5, end: 10 }),
			span(6, 'fear', { start: -1, end: 10 }),
			span(7, 'fear', { start: 10, end: cpi.length + 1 }),
			span(8, 'fear', { start: 20, end: 20 }),
			span(9, 'fear', { start: 30, end: 25 }),
			span(10, 'fear', { start: cpi.toCodePoint(space), end: cpi.toCodePoint(space + 1) }),
			span(11, 'slogans', { start: cpi.toCodePoint(quote), end: cpi.toCodePoint(quote + 1) })
		],
		clean: [at(body.split('\n')[0])],
		collection: 'odd',
		exhaustive: true
	};
}

const bundled = bundledArticles();
const content = [...bundled, ...importedCopies(bundled), oddArticle()];

/** Plausible item statistics for some items, so observed difficulty blends with the prior. */
function someStats(): Map<string, ItemStats> {
	const stats = new Map<string, ItemStats>();
	[...itemPriors(content, defaultRoundConfig()).keys()].forEach((key, i) => {
		if (i % 3 === 0) stats.set(key, { answered: 5 + (i % 7), correct: i % 5 });
	});
	return stats;
}

const configs: [name: string, config: Partial<RoundConfig>][] = [
	['all content', {}],
	['all content, unreviewed included', { includeUnreviewed: true }],
	['bundled sources only', { sources: ['seed', 'practice'] }],
	['practice only, persuasion families', { sources: ['practice'], families: ['wording', 'call'] }],
	['imported only, unreviewed included', { sources: ['imported'], includeUnreviewed: true }],
	['imported only, reviewed items', { sources: ['imported'], count: 3 }],
	['the odd article', { articleId: 'odd-article', count: 3 }],
	['one bundled article', { articleId: bundled[1].id, count: 4 }],
	['one imported article', { articleId: `imported-${bundled[2].id}`, includeUnreviewed: true }],
	['one article, other source asked', { articleId: bundled[1].id, sources: ['seed'] }],
	['families subset', { families: ['attack', 'simplification'] }],
	['families subset, unreviewed', { families: ['justification'], includeUnreviewed: true }],
	['hard rounds from bundled', { sources: ['practice', 'seed'], difficulty: 'hard' }],
	['easy rounds, all content', { difficulty: 'easy', count: 15 }]
];

/** Digest of the rounds (20 seeds), the priors and the item pool of one config over `from`. */
function digest(from: ContentArticle[], config: RoundConfig, stats?: Map<string, ItemStats>) {
	const hash = createHash('sha256');
	for (let i = 0; i < 20; i++) {
		try {
			hash.update(JSON.stringify(buildRound(from, config, `rarity-${i}`, stats)));
		} catch (e) {
			hash.update(`error: ${(e as Error).message}`);
		}
	}
	hash.update(JSON.stringify([...itemPriors(from, config)]));
	hash.update(JSON.stringify(listItems(from, config, 'rarity-list')));
	return hash.digest('hex').slice(0, 16);
}

type Digests = { fresh: string; cached: string; stats: string };

const EXPECTED: Record<string, Digests> = {
	'all content': {
		fresh: '99ceed83f740d409',
		cached: '99ceed83f740d409',
		stats: '465eb6877b669965'
	},
	'all content, unreviewed included': {
		fresh: 'bfbd5984f3d37662',
		cached: 'bfbd5984f3d37662',
		stats: '1e11f7b9ad29bafd'
	},
	'bundled sources only': {
		fresh: '02a028461fccbb38',
		cached: '02a028461fccbb38',
		stats: '92557446b3e65ea1'
	},
	'practice only, persuasion families': {
		fresh: 'fcdc88186c3ed266',
		cached: 'fcdc88186c3ed266',
		stats: '3e7e1a6c42c48ff0'
	},
	'imported only, unreviewed included': {
		fresh: 'aed0256a93496d30',
		cached: 'aed0256a93496d30',
		stats: '4c7778fce9d0b3b2'
	},
	'imported only, reviewed items': {
		fresh: 'a657fa2b965a239c',
		cached: 'a657fa2b965a239c',
		stats: 'db25b7cbe3291a3d'
	},
	'the odd article': {
		fresh: '7de3f0bda2ed3a0a',
		cached: '7de3f0bda2ed3a0a',
		stats: 'c71f12ccfe654a3f'
	},
	'one bundled article': {
		fresh: '46a789ec763f4cef',
		cached: '46a789ec763f4cef',
		stats: '52af9bdb39bebb52'
	},
	'one imported article': {
		fresh: '81a1a4df9d6acee6',
		cached: '81a1a4df9d6acee6',
		stats: '81a1a4df9d6acee6'
	},
	'one article, other source asked': {
		fresh: 'b1922f62231a1fe0',
		cached: 'b1922f62231a1fe0',
		stats: 'b1922f62231a1fe0'
	},
	'families subset': {
		fresh: 'b2d7c602975d0d3d',
		cached: 'b2d7c602975d0d3d',
		stats: '36dae61e4d3570e2'
	},
	'families subset, unreviewed': {
		fresh: '4f16fb13e7b7671c',
		cached: '4f16fb13e7b7671c',
		stats: '6e449c08e6a7e8bf'
	},
	'hard rounds from bundled': {
		fresh: '7220bad96320b2ed',
		cached: '7220bad96320b2ed',
		stats: 'c2a31bacf3b83ff1'
	},
	'easy rounds, all content': {
		fresh: 'e79dd83bd7e6947b',
		cached: 'e79dd83bd7e6947b',
		stats: 'b4a6f4e4d1963081'
	}
};

describe('rounds, priors and items are the same as before preparing only what a round uses', () => {
	for (const [name, partial] of configs) {
		it(name, () => {
			const config = { ...defaultRoundConfig(), ...partial };
			// A new array of the same article objects: per-article caches are shared, the
			// per-content one is not.
			const got = {
				fresh: digest([...content], config),
				cached: digest(content, config),
				stats: digest(content, config, someStats())
			};
			expect(got).toEqual(EXPECTED[name]);
		});
	}
});
