/**
 * Read queries shared by the pages and the game servers.
 */
import { isDeepStrictEqual } from 'node:util';
import { count, eq, inArray, sql } from 'drizzle-orm';
import type { ContentArticle, ContentSpan } from '../../game/types';
import type { ConfusionCounts, ItemStats } from '../../game/round';
import { applyReviews } from '../../game/review';
import { isTechniqueId } from '../../game/techniques';
import { loadItemReviews } from '../review/loadReviews';
import type { Db } from './open';
import {
	anonymousAnswers,
	answers,
	articles,
	cleanPassages,
	games,
	players,
	spans
} from './schema';

/**
 * The articles, spans and clean passages the round builder works from, optionally for one
 * article only. Spans of unknown techniques (none, while the taxonomy is fixed) are left out.
 *
 * The result is cached per database and reused while the content is unchanged (an import, even
 * by another process, changes the signature below); after a change, each article that reads the
 * same as before keeps its object. Reusing the same objects also lets the round
 * builder keep its per-article preparation, which is most of the cost of building a round from a
 * large corpus. A teacher's review decision changes one article: only the articles whose reviews
 * changed are read again, the others keep their objects (and their preparation). Callers must not
 * modify what they get.
 */
export function loadRoundContent(db: Db, articleId: string | null = null): ContentArticle[] {
	const signature = contentSignature(db);
	let cached = contentCache.get(db);
	if (!cached || cached.signature.content !== signature.content) {
		const fresh = readRoundArticles(db);
		cached = {
			signature,
			articles: cached ? keepUnchanged(cached.articles, fresh) : fresh,
			reviewMarks: reviewMarks(db)
		};
		contentCache.set(db, cached);
	} else if (cached.signature.reviews !== signature.reviews) {
		cached = withReviewsReread(db, cached, signature);
		contentCache.set(db, cached);
	}
	return articleId === null ? cached.articles : cached.articles.filter((a) => a.id === articleId);
}

interface CachedContent {
	signature: { content: string; reviews: string };
	articles: ContentArticle[];
	/** Per article with reviews: how many and the sum of their versions (see reviewMarks). */
	reviewMarks: Map<string, string>;
}

const contentCache = new WeakMap<Db, CachedContent>();

/**
 * `content` changes whenever articles, spans or clean passages are added, removed or replaced,
 * and when a teacher edits an article in place (articles.updated_at, bumped by every such edit);
 * `reviews` whenever a teacher decides on an item (every decision raises its row's version).
 */
function contentSignature(db: Db): { content: string; reviews: string } {
	return db.$client
		.prepare(
			`select (select count(*) from articles) || ':' || ifnull((select max(rowid) from articles), 0)
				|| ':' || (select count(*) from spans) || ':' || ifnull((select max(id) from spans), 0)
				|| ':' || (select count(*) from clean_passages) || ':' || ifnull((select max(id) from clean_passages), 0)
				|| ':' || ifnull((select max(updated_at) from articles), 0) as content,
				(select count(*) || '.' || total(version) from item_reviews) as reviews`
		)
		.get() as { content: string; reviews: string };
}

/** Each article's reviews as `count.sum of versions`: a decision changes its article's mark. */
function reviewMarks(db: Db): Map<string, string> {
	const rows = db.$client
		.prepare(
			`select article_id as id, count(*) || '.' || total(version) as mark
			from item_reviews group by article_id`
		)
		.all() as { id: string; mark: string }[];
	return new Map(rows.map((r) => [r.id, r.mark]));
}

/**
 * The articles read again after a change to the content, each article that reads the same as
 * before (same id, text, spans, clean passages and reviews) kept as its earlier object: importing
 * one collection leaves the others' objects, and so the round builder's preparation of them.
 */
function keepUnchanged(previous: ContentArticle[], fresh: ContentArticle[]): ContentArticle[] {
	const before = new Map(previous.map((a) => [a.id, a]));
	return fresh.map((a) => {
		const old = before.get(a.id);
		return old && isDeepStrictEqual(old, a) ? old : a;
	});
}

/** The cached content with the articles whose reviews changed read again; the others kept. */
function withReviewsReread(
	db: Db,
	cached: CachedContent,
	signature: CachedContent['signature']
): CachedContent {
	const marks = reviewMarks(db);
	const changed = new Set<string>();
	for (const [id, mark] of marks) if (cached.reviewMarks.get(id) !== mark) changed.add(id);
	for (const id of cached.reviewMarks.keys()) if (!marks.has(id)) changed.add(id);
	const reread = new Map(readRoundArticles(db, [...changed]).map((a) => [a.id, a]));
	return {
		signature,
		articles: cached.articles.map((a) => reread.get(a.id) ?? a),
		reviewMarks: marks
	};
}

/**
 * The round builder's content read from the tables, with the teachers' reviews applied: every
 * article, or those of `ids` (the review page reads one article this way, without the cache).
 */
export function readRoundArticles(db: Db, ids?: readonly string[]): ContentArticle[] {
	if (ids?.length === 0) return [];
	const rows = db
		.select()
		.from(articles)
		.where(ids && inArray(articles.id, [...ids]))
		.all();
	const spanRows = db
		.select()
		.from(spans)
		.where(ids && inArray(spans.articleId, [...ids]))
		.all();
	const cleanRows = db
		.select()
		.from(cleanPassages)
		.where(ids && inArray(cleanPassages.articleId, [...ids]))
		.all();
	const spansByArticle = new Map<string, ContentSpan[]>();
	for (const s of spanRows) {
		if (!isTechniqueId(s.techniqueId)) continue;
		const list = spansByArticle.get(s.articleId) ?? [];
		list.push({
			id: s.id,
			techniqueId: s.techniqueId,
			start: s.start,
			end: s.end,
			explanation: s.explanation
		});
		spansByArticle.set(s.articleId, list);
	}
	const cleanByArticle = new Map<string, { start: number; end: number; note: string | null }[]>();
	for (const c of cleanRows) {
		const list = cleanByArticle.get(c.articleId) ?? [];
		list.push({ start: c.start, end: c.end, note: c.note });
		cleanByArticle.set(c.articleId, list);
	}
	const content = rows.map((a) => ({
		id: a.id,
		title: a.title,
		outlet: a.outlet,
		// The source a round opts into: the collection, or the origin for rows without one.
		collection: a.collection ?? a.origin,
		exhaustive: a.exhaustive,
		body: a.body,
		spans: (spansByArticle.get(a.id) ?? []).sort((x, y) => x.start - y.start || x.end - y.end),
		clean: (cleanByArticle.get(a.id) ?? []).sort((x, y) => x.start - y.start),
		origin: a.origin
	}));
	// Imported collections: teachers' reviews decide which items may be asked (review.ts).
	const reviews = ids ? ids.flatMap((id) => loadItemReviews(db, id)) : loadItemReviews(db);
	return applyReviews(content, reviews);
}

/**
 * How often each item was answered and answered right, across every game, deleted games included
 * (their answers stay, without names, in anonymous_answers).
 */
export function loadItemStats(db: Db): Map<string, ItemStats> {
	const stats = new Map<string, ItemStats>();
	for (const table of [answers, anonymousAnswers]) {
		const rows = db
			.select({
				itemKey: table.itemKey,
				answered: count(),
				correct: sql<number>`sum(case when ${table.correct} then 1 else 0 end)`
			})
			.from(table)
			.groupBy(table.itemKey)
			.all();
		for (const r of rows) {
			const seen = stats.get(r.itemKey) ?? { answered: 0, correct: 0 };
			stats.set(r.itemKey, {
				answered: seen.answered + r.answered,
				correct: seen.correct + Number(r.correct)
			});
		}
	}
	return stats;
}

/**
 * Wrong name answers across every game: for each right technique, how often each other
 * technique was chosen instead. The round builder picks distractors from these once there are
 * enough.
 */
export function loadConfusion(db: Db): ConfusionCounts {
	const rows = db.$client
		.prepare(
			`select technique_id as answer, json_extract(response, '$.techniqueId') as chosen, count(*) as n
			from answers
			where kind = 'name' and correct = 0 and technique_id is not null and response is not null
			group by 1, 2`
		)
		.all() as { answer: string; chosen: unknown; n: number }[];
	const out: ConfusionCounts = {};
	for (const r of rows) {
		if (!isTechniqueId(r.answer) || typeof r.chosen !== 'string' || !isTechniqueId(r.chosen)) {
			continue;
		}
		(out[r.answer] ??= {})[r.chosen] = r.n;
	}
	return out;
}

/** Rounds looked back over when avoiding excerpts a solo player has already met. */
export const SEEN_ROUNDS = 20;

/**
 * The excerpts (article and code-point range) of the last SEEN_ROUNDS solo games of the browser
 * with this token hash, so its next rounds avoid them while unseen ones remain.
 */
export function loadSeenExcerpts(
	db: Db,
	tokenHash: string
): { articleId: string; start: number; end: number }[] {
	const rows = db
		.select({ questions: games.questions })
		.from(games)
		.innerJoin(players, eq(players.gameId, games.id))
		.where(sql`${players.tokenHash} = ${tokenHash} and ${games.mode} = 'solo'`)
		.orderBy(sql`${games.createdAt} desc`)
		.limit(SEEN_ROUNDS)
		.all();
	const out: { articleId: string; start: number; end: number }[] = [];
	for (const row of rows) {
		const questions = Array.isArray(row.questions) ? row.questions : [];
		for (const q of questions as {
			excerpt?: { articleId?: unknown; start?: unknown; end?: unknown };
		}[]) {
			const e = q.excerpt;
			if (
				e &&
				typeof e.articleId === 'string' &&
				typeof e.start === 'number' &&
				typeof e.end === 'number'
			) {
				out.push({ articleId: e.articleId, start: e.start, end: e.end });
			}
		}
	}
	return out;
}

/** One line per article for listings: id, title, outlet, origin and span count. */
export function listArticles(db: Db) {
	return db
		.select({
			id: articles.id,
			title: articles.title,
			outlet: articles.outlet,
			author: articles.author,
			origin: articles.origin,
			collection: articles.collection,
			ownerId: articles.ownerId,
			sharing: articles.sharing,
			spanCount: sql<number>`(select count(*) from spans s where s.article_id = articles.id)`,
			cleanCount: sql<number>`(select count(*) from clean_passages c where c.article_id = articles.id)`
		})
		.from(articles)
		.orderBy(articles.origin, articles.title)
		.all();
}

/** Number of labelled spans per technique id. */
export function techniqueCounts(db: Db): Map<string, number> {
	const rows = db
		.select({ techniqueId: spans.techniqueId, n: count() })
		.from(spans)
		.groupBy(spans.techniqueId)
		.all();
	return new Map(rows.map((r) => [r.techniqueId, r.n]));
}
