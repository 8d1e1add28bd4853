/**
 * Teachers' reviews of imported collections (issue 21): stored decisions, review progress per
 * collection, the items of one article as the reviewing teacher sees them, and the items the item
 * analysis sends back to the queue. The rules (keys, how a review changes a round) are pure, in
 * game/review.ts; this module reads and writes them.
 */
import { and, eq, sql } from 'drizzle-orm';
import { sensitiveFindings } from '../../game/contentFilter';
import { generatedExplanation } from '../../game/feedback';
import {
	needsReview,
	parseSpanKey,
	spanReviewKey,
	straightReviewKey,
	type ItemReview,
	type ReviewStatus
} from '../../game/review';
import { reviewItemsOf, type ReviewItem } from '../../game/round';
import { itemFigures } from '../../game/stats/itemAnalysis';
import { describeFindings } from '../../game/sensitiveContent';
import type { TechniqueId } from '../../game/techniques';
import type { ContentArticle } from '../../game/types';
import type { Db } from '../db/open';
import { articles, itemReviews, spans } from '../db/schema';
import { readRoundArticles } from '../db/queries';
import { loadItemTallies } from '../results/items';

/** How far a collection's review has got: labelled items decided, of all, and straight passages. */
export interface ReviewProgress {
	/** Labelled spans in the collection. */
	labelled: number;
	/** Of them, approved, fixed or hidden. */
	reviewed: number;
	approved: number;
	changed: number;
	hidden: number;
	/** Straight passages a teacher approved (each covers its shorter windows too). */
	straightApproved: number;
}

/** Review progress of every imported collection (bundled packs count as reviewed and are absent). */
export function reviewProgress(db: Db): Map<string, ReviewProgress> {
	const rows = db.$client
		.prepare(
			`select a.collection as collection, a.origin as origin, count(s.id) as labelled,
				count(r.review_key) as reviewed,
				count(case when r.status = 'approved' then 1 end) as approved,
				count(case when r.status = 'changed' then 1 end) as changed,
				count(case when r.status = 'hidden' then 1 end) as hidden
			from spans s join articles a on a.id = s.article_id
			left join item_reviews r on r.collection = a.collection
				and r.review_key = 'span:' || s.article_id || ':' || s.start || '-' || s."end" || ':' || s.technique_id
			where a.collection is not null
			group by a.collection, a.origin`
		)
		.all() as (Omit<ReviewProgress, 'straightApproved'> & { collection: string; origin: string })[];
	const straight = new Map(
		(
			db.$client
				.prepare(
					`select collection, count(*) as n from item_reviews
					where kind = 'straight' and status = 'approved' group by collection`
				)
				.all() as { collection: string; n: number }[]
		).map((r) => [r.collection, r.n])
	);
	const out = new Map<string, ReviewProgress>();
	for (const { collection, origin, ...counts } of rows) {
		if (!needsReview(origin)) continue;
		const seen = out.get(collection);
		out.set(collection, {
			labelled: (seen?.labelled ?? 0) + counts.labelled,
			reviewed: (seen?.reviewed ?? 0) + counts.reviewed,
			approved: (seen?.approved ?? 0) + counts.approved,
			changed: (seen?.changed ?? 0) + counts.changed,
			hidden: (seen?.hidden ?? 0) + counts.hidden,
			straightApproved: straight.get(collection) ?? 0
		});
	}
	return out;
}

/** One article of a collection with how many of its labelled items are decided. */
export interface ReviewArticle {
	id: string;
	title: string;
	labelled: number;
	reviewed: number;
}

/** The articles of an imported collection, those with the most undecided items first. */
export function collectionArticles(db: Db, collection: string): ReviewArticle[] {
	const rows = db.$client
		.prepare(
			`select a.id as id, a.title as title, a.origin as origin, count(s.id) as labelled,
				count(r.review_key) as reviewed
			from articles a left join spans s on s.article_id = a.id
			left join item_reviews r on r.collection = a.collection
				and r.review_key = 'span:' || s.article_id || ':' || s.start || '-' || s."end" || ':' || s.technique_id
			where a.collection = ?
			group by a.id order by (count(s.id) - count(r.review_key)) = 0, a.id`
		)
		.all(collection) as (ReviewArticle & { origin: string })[];
	return rows
		.filter((r) => needsReview(r.origin))
		.map((r) => ({ id: r.id, title: r.title, labelled: r.labelled, reviewed: r.reviewed }));
}

/** Whether `collection` is an imported collection (one whose items need review). */
export function isReviewedCollection(db: Db, collection: string): boolean {
	const row = db
		.select({ origin: articles.origin })
		.from(articles)
		.where(eq(articles.collection, collection))
		.limit(1)
		.get();
	return !!row && needsReview(row.origin);
}

/** A reviewable item as the review page shows it. */
export interface ReviewView extends Omit<ReviewItem, 'span'> {
	reviewKey: string;
	status: ReviewStatus;
	/** The key in words' terms: the technique (span items), null for a straight passage. */
	techniqueId: TechniqueId | null;
	/** The label as imported, when a teacher fixed it. */
	original: { techniqueId: TechniqueId; text: string } | null;
	/** The explanation students read, and who wrote it. */
	explanation: string | null;
	explanationBy: 'editor' | 'teacher' | 'slant' | null;
	/** The teacher's own explanation, to edit. */
	teacherExplanation: string;
	reason: string | null;
	/** Why the excerpt is held back from students, or null. */
	heldBackReason: string | null;
}

/**
 * The reviewable items of one article of an imported collection, with their decisions, the
 * explanation students would read, and why an excerpt is held back. Null when the article is
 * not in the collection or the collection needs no review.
 */
export function articleReview(db: Db, collection: string, articleId: string): ReviewView[] | null {
	// Read on its own, so the review page does not reload a whole corpus on the server's event
	// loop after every decision.
	const [article] = readRoundArticles(db, [articleId]);
	if (!article || article.collection !== collection || !article.reviewGated) return null;
	const reviews = new Map(
		db
			.select()
			.from(itemReviews)
			.where(and(eq(itemReviews.collection, collection), eq(itemReviews.articleId, articleId)))
			.all()
			.map((r) => [r.reviewKey, r])
	);
	const originals = new Map(
		db
			.select()
			.from(spans)
			.where(eq(spans.articleId, articleId))
			.all()
			.map((s) => [spanReviewKey(articleId, s.start, s.end, s.techniqueId), s])
	);
	return reviewItemsOf(article).map((item) => viewOf(article, item, reviews, originals));
}

function viewOf(
	article: ContentArticle,
	item: ReviewItem,
	reviews: Map<string, typeof itemReviews.$inferSelect>,
	originals: Map<string, typeof spans.$inferSelect>
): ReviewView {
	const { span, ...rest } = item;
	const reviewKey = span?.reviewKey ?? straightReviewKey(article.id, item.start, item.end);
	const review = reviews.get(reviewKey);
	const excerptText = item.excerpt ? item.excerpt.tokens.map((t) => t.text).join('') : '';
	const findings = item.heldBack ? sensitiveFindings(excerptText) : [];
	const parsed = span ? parseSpanKey(reviewKey) : null;
	const fixed =
		span &&
		parsed &&
		(parsed.techniqueId !== span.techniqueId ||
			parsed.start !== span.start ||
			parsed.end !== span.end);
	const original =
		fixed && parsed
			? { techniqueId: parsed.techniqueId, text: originalText(article, originals, reviewKey) }
			: null;
	const written = span?.explanation && span.explanation.trim() !== '' ? span.explanation : null;
	return {
		...rest,
		reviewKey,
		status: span ? (span.review ?? 'unreviewed') : (review?.status ?? 'unreviewed'),
		techniqueId: span?.techniqueId ?? null,
		original,
		explanation: span ? (written ?? generatedExplanation(span.techniqueId, item.text)) : null,
		explanationBy: span ? (written ? (span.explanationBy ?? 'editor') : 'slant') : null,
		teacherExplanation: review?.explanation ?? '',
		reason: review?.reason ?? null,
		heldBackReason: item.heldBack
			? findings.length > 0
				? describeFindings(findings)
				: 'a word on the held-back list'
			: null
	};
}

function originalText(
	article: ContentArticle,
	originals: Map<string, typeof spans.$inferSelect>,
	key: string
): string {
	const s = originals.get(key);
	return s ? Array.from(article.body).slice(s.start, s.end).join('') : '';
}

/** A decision as the review page posts it, checked (see review/decide.ts): the review to store. */
export interface Decision extends ItemReview {
	collection: string;
	/** Null only in tests' helpers. */
	teacherId: string | null;
	now: number;
}

/** Stores a decision, replacing any earlier one for the item (its version goes up). */
export function recordDecision(db: Db, d: Decision): void {
	const values = {
		collection: d.collection,
		reviewKey: d.reviewKey,
		articleId: d.articleId,
		kind: d.kind,
		status: d.status,
		techniqueId: d.techniqueId,
		start: d.start,
		end: d.end,
		explanation: d.explanation,
		reason: d.reason,
		reviewedBy: d.teacherId,
		reviewedAt: new Date(d.now)
	};
	db.insert(itemReviews)
		.values(values)
		.onConflictDoUpdate({
			target: [itemReviews.collection, itemReviews.reviewKey],
			set: { ...values, version: sql`${itemReviews.version} + 1` }
		})
		.run();
}

/** An item the item analysis flags as possibly mislabelled, back in the review queue. */
export interface FlaggedItem {
	reviewKey: string;
	articleId: string;
	/** The flagged question's kind. */
	kind: string;
	status: ReviewStatus;
	discrimination: number | null;
	timesAsked: number;
}

const ITEM_KEY = /^(.+?):(\d+)-(\d+):(name|find|judge):(.*)$/u;

/**
 * Items of the collection that the item analysis flags as possibly mislabelled (strong players
 * miss them more than weak ones), mapped to what a teacher reviews: the span a name question
 * asked about, the spans of the technique a find question asked for, every span of a loaded
 * passage, or the straight passage. They are back in the queue whatever their decision was, until
 * a teacher decides on them again after the answers that flagged them.
 */
export function flaggedItems(db: Db, collection: string): FlaggedItem[] {
	const flagged = loadItemTallies(db)
		.map(itemFigures)
		.filter((f) => f.possiblyMislabelled);
	if (flagged.length === 0) return [];
	const reviews = new Map(
		db
			.select()
			.from(itemReviews)
			.where(eq(itemReviews.collection, collection))
			.all()
			.map((r) => [r.reviewKey, r])
	);
	const lastAnswer = db.$client.prepare(
		`select max(t) as t from (
			select max(created_at) as t from answers where item_key = @key
			union all select max(answered_at) from anonymous_answers where item_key = @key)`
	);
	const out = new Map<string, FlaggedItem>();
	for (const f of flagged) {
		const m = ITEM_KEY.exec(f.itemKey);
		if (!m) continue;
		const [, articleId, ws, we, kind, detail] = m;
		// Read on its own, so the review page does not reload a whole corpus on the server's event
		// loop after every decision.
		const [article] = readRoundArticles(db, [articleId]);
		if (!article || article.collection !== collection || !article.reviewGated) continue;
		const start = Number(ws);
		const end = Number(we);
		const inWindow = article.spans.filter((s) => s.start >= start && s.end <= end);
		let keys: string[];
		if (kind === 'name') {
			keys = inWindow
				.filter((s) => `${s.start}-${s.end}:${s.techniqueId}` === detail)
				.map((s) => s.reviewKey ?? '');
		} else if (kind === 'find') {
			keys = inWindow.filter((s) => s.techniqueId === detail).map((s) => s.reviewKey ?? '');
		} else if (detail === 'loaded') {
			keys = inWindow.map((s) => s.reviewKey ?? '');
		} else {
			const approved = (article.straightReviews ?? []).find(
				(r) => r.start <= start && end <= r.end
			);
			keys = [straightReviewKey(articleId, approved?.start ?? start, approved?.end ?? end)];
		}
		const last = (lastAnswer.get({ key: f.itemKey }) as { t: number | null }).t ?? 0;
		for (const key of keys) {
			if (!key) continue;
			const review = reviews.get(key);
			// Decided again after the answers that flagged it: out of the queue.
			if (review && review.reviewedAt.getTime() > last) continue;
			out.set(key, {
				reviewKey: key,
				articleId,
				kind,
				status: review?.status ?? 'unreviewed',
				discrimination: f.discrimination,
				timesAsked: f.timesAsked
			});
		}
	}
	return [...out.values()];
}
