/**
 * Teacher-owned articles: list, create, read, update, delete, share and copy. The text is stored
 * exactly as given (code points, NBSP, curly quotes, emoji, CRLF or LF). Every write checks that
 * the teacher owns the article (404 otherwise, as for an article that does not exist; 403 for a
 * teacher it is shared with, who may read and copy it) and bumps `updated_at`, so cached round
 * content sees the edit. Multi-row writes run in one transaction.
 */
import { randomBytes } from 'node:crypto';
import { and, desc, eq, ne, or, sql } from 'drizzle-orm';
import type { TechniqueId } from '../../game/techniques';
import type { Db } from '../db/open';
import { articles, cleanPassages, flaggedLabels, spans } from '../db/schema';
import { contentHash } from '../content/drafts';
import { articleNotFound, ArticleError } from './errors';
import type { ArticleMeta } from './schemas';
import { articleVisible, TEACHER_ORIGIN, type Sharing } from './visibility';

/** A database or a transaction on it. */
export type Tx = Pick<Db, 'select' | 'insert' | 'update' | 'delete'>;

/** One label of an article, as the editor shows it. */
export interface ArticleSpan {
	id: number;
	techniqueId: TechniqueId;
	start: number;
	end: number;
	explanation: string | null;
	explanationSource: 'teacher' | 'draft' | null;
}

/** A label or straight sentence set aside for review after the text was edited. */
export interface FlaggedLabel {
	id: number;
	techniqueId: TechniqueId | null;
	quote: string;
	explanation: string | null;
	reason: string;
}

/** An article with everything the editor, the preview and the exports need. */
export interface TeacherArticle extends ArticleMeta {
	id: string;
	body: string;
	ownerId: string;
	sharing: Sharing;
	/** The reader owns it (may edit); false for a teacher it is shared with. */
	mine: boolean;
	spans: ArticleSpan[];
	straight: { id: number; start: number; end: number }[];
	flagged: FlaggedLabel[];
}

/** What a new article holds: metadata, text, and labels when it comes from an upload. */
export interface NewArticle {
	meta: ArticleMeta;
	body: string;
	spans?: {
		techniqueId: TechniqueId;
		start: number;
		end: number;
		explanation: string | null;
	}[];
	straight?: { start: number; end: number }[];
}

/** A fresh article id: safe in PTC file names (article<ID>.txt) and unlike any bundled slug. */
function newArticleId(): string {
	return `t${randomBytes(8).toString('hex')}`;
}

/**
 * Marks the article edited: `updated_at` becomes larger than every other article's, so the
 * content signature (db/queries.ts) changes even when no row was added or removed.
 */
export function touchArticle(tx: Tx, id: string, now = Date.now()): void {
	tx.update(articles)
		.set({
			updatedAt: sql`max(${now}, ifnull((select max(a.updated_at) from articles a), 0) + 1)`
		})
		.where(eq(articles.id, id))
		.run();
}

/** The article's owner and sharing, or a 404 when `teacherId` may not see it. */
function visibleRow(tx: Tx, id: string, teacherId: string) {
	const row = tx
		.select({
			id: articles.id,
			origin: articles.origin,
			ownerId: articles.ownerId,
			sharing: articles.sharing,
			body: articles.body
		})
		.from(articles)
		.where(eq(articles.id, id))
		.get();
	if (!row || row.origin !== TEACHER_ORIGIN || !articleVisible(row, 'class', teacherId)) {
		throw articleNotFound();
	}
	return row;
}

/**
 * The article's row when `teacherId` owns it; 404 when they may not see it, 403 when it is only
 * shared with them.
 */
export function ownedArticle(tx: Tx, id: string, teacherId: string) {
	const row = visibleRow(tx, id, teacherId);
	if (row.ownerId !== teacherId) {
		throw new ArticleError(
			403,
			'Only the teacher who added this article can change it. Copy it to your articles to edit your own version.'
		);
	}
	return row;
}

/** The teacher's own articles, newest first, with their label and straight-sentence counts. */
export function listOwnArticles(db: Db, teacherId: string) {
	return listWhere(db, eq(articles.ownerId, teacherId));
}

/** Articles other teachers shared with every teacher (or for solo play too), newest first. */
export function listSharedArticles(db: Db, teacherId: string) {
	return listWhere(
		db,
		and(
			eq(articles.origin, TEACHER_ORIGIN),
			ne(articles.ownerId, teacherId),
			or(eq(articles.sharing, 'teachers'), eq(articles.sharing, 'solo'))
		)
	);
}

function listWhere(db: Db, where: ReturnType<typeof and>) {
	return db
		.select({
			id: articles.id,
			title: articles.title,
			outlet: articles.outlet,
			sharing: articles.sharing,
			createdAt: articles.createdAt,
			spanCount: sql<number>`(select count(*) from spans s where s.article_id = articles.id)`,
			straightCount: sql<number>`(select count(*) from clean_passages c where c.article_id = articles.id)`,
			flaggedCount: sql<number>`(select count(*) from flagged_labels f where f.article_id = articles.id)`
		})
		.from(articles)
		.where(where)
		.orderBy(desc(articles.createdAt), articles.id)
		.all();
}

/** Inserts an article owned by `ownerId` (private) with its labels, in one transaction. */
export function createArticle(db: Db, ownerId: string, input: NewArticle): string {
	return createArticles(db, ownerId, [input])[0];
}

/** Inserts several articles (one upload) in one transaction; returns their ids in order. */
export function createArticles(db: Db, ownerId: string, inputs: readonly NewArticle[]): string[] {
	return db.transaction((tx) => inputs.map((input) => insertArticle(tx, ownerId, input)));
}

function insertArticle(tx: Tx, ownerId: string, input: NewArticle): string {
	const id = newArticleId();
	tx.insert(articles)
		.values({
			id,
			title: input.meta.title,
			author: input.meta.author,
			outlet: input.meta.outlet,
			url: input.meta.url,
			publishedDate: input.meta.publishedDate,
			licenseNote: input.meta.licenseNote,
			body: input.body,
			contentHash: contentHash(input.body),
			origin: TEACHER_ORIGIN,
			// Its own round source, so sharing one article never shares another.
			collection: id,
			// Straight items come only from sentences the teacher marks.
			exhaustive: false,
			ownerId,
			sharing: 'private'
		})
		.run();
	for (const s of input.spans ?? []) {
		tx.insert(spans)
			.values({
				articleId: id,
				techniqueId: s.techniqueId,
				start: s.start,
				end: s.end,
				explanation: s.explanation,
				labelledBy: 'teacher',
				explanationSource: s.explanation === null ? null : 'teacher'
			})
			.onConflictDoNothing()
			.run();
	}
	for (const c of input.straight ?? []) {
		tx.insert(cleanPassages)
			.values({ articleId: id, start: c.start, end: c.end })
			.onConflictDoNothing()
			.run();
	}
	touchArticle(tx, id);
	return id;
}

/** The article with its labels, for its owner or a teacher it is shared with; 404 otherwise. */
export function readArticle(db: Db, id: string, teacherId: string): TeacherArticle {
	const row = visibleRow(db, id, teacherId);
	const a = db.select().from(articles).where(eq(articles.id, row.id)).get();
	if (!a || a.ownerId === null) throw articleNotFound();
	return {
		id: a.id,
		title: a.title,
		outlet: a.outlet,
		author: a.author,
		publishedDate: a.publishedDate,
		url: a.url,
		licenseNote: a.licenseNote,
		body: a.body,
		ownerId: a.ownerId,
		sharing: a.sharing ?? 'private',
		mine: a.ownerId === teacherId,
		spans: db
			.select({
				id: spans.id,
				techniqueId: spans.techniqueId,
				start: spans.start,
				end: spans.end,
				explanation: spans.explanation,
				explanationSource: spans.explanationSource
			})
			.from(spans)
			.where(eq(spans.articleId, id))
			.orderBy(spans.start, spans.end, spans.id)
			.all() as ArticleSpan[],
		straight: db
			.select({ id: cleanPassages.id, start: cleanPassages.start, end: cleanPassages.end })
			.from(cleanPassages)
			.where(eq(cleanPassages.articleId, id))
			.orderBy(cleanPassages.start)
			.all(),
		flagged: db
			.select({
				id: flaggedLabels.id,
				techniqueId: flaggedLabels.techniqueId,
				quote: flaggedLabels.quote,
				explanation: flaggedLabels.explanation,
				reason: flaggedLabels.reason
			})
			.from(flaggedLabels)
			.where(eq(flaggedLabels.articleId, id))
			.orderBy(flaggedLabels.id)
			.all() as FlaggedLabel[]
	};
}

/** Changes the title, outlet, author, date, source URL and licence note (owner only). */
export function updateArticleMeta(db: Db, id: string, teacherId: string, meta: ArticleMeta): void {
	db.transaction((tx) => {
		ownedArticle(tx, id, teacherId);
		tx.update(articles).set(meta).where(eq(articles.id, id)).run();
		touchArticle(tx, id);
	});
}

/** Shares the article (or stops sharing it) (owner only). */
export function setSharing(db: Db, id: string, teacherId: string, sharing: Sharing): void {
	db.transaction((tx) => {
		ownedArticle(tx, id, teacherId);
		tx.update(articles).set({ sharing }).where(eq(articles.id, id)).run();
		touchArticle(tx, id);
	});
}

/** Deletes the article with its labels (owner only). Games already built from it keep their questions. */
export function deleteArticle(db: Db, id: string, teacherId: string): void {
	db.transaction((tx) => {
		ownedArticle(tx, id, teacherId);
		tx.delete(articles).where(eq(articles.id, id)).run();
	});
}

/**
 * Copies an article shared with (or owned by) `teacherId` into their own articles, private, with
 * its labels and straight sentences. Returns the copy's id.
 */
export function copyArticle(db: Db, id: string, teacherId: string): string {
	const a = readArticle(db, id, teacherId);
	return createArticle(db, teacherId, {
		meta: {
			title: a.title,
			outlet: a.outlet,
			author: a.author,
			publishedDate: a.publishedDate,
			url: a.url,
			licenseNote: a.licenseNote
		},
		body: a.body,
		spans: a.spans,
		straight: a.straight
	});
}
