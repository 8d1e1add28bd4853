/**
 * Teachers' reviews of imported items (issue 21), as pure rules: the stable key of a reviewable
 * item, how reviews change the content a round is built from, and moving a span's boundary by a
 * word. An imported corpus is raw material: its labels reach students only once a teacher has
 * approved or fixed them (or when a teacher ticks "include unreviewed items" for their own game).
 *
 * Reviewable items are a collection's labelled spans (each gives a name, a find and a loaded
 * judge question) and its straight passages (judge questions). A span's review is keyed by the
 * label as imported, so re-importing the same corpus finds its reviews again; a fix is stored
 * beside the key, not written over the annotators' label.
 */
import { isTechniqueId, type TechniqueId } from './techniques';
import { CodePointIndex } from './text';
import type { ContentArticle, ContentSpan } from './types';

/** Where an item stands: no decision yet, approved as it is, fixed by a teacher, or hidden. */
export type ReviewStatus = 'unreviewed' | 'approved' | 'changed' | 'hidden';

/** A decision as stored (one row of item_reviews). */
export interface ItemReview {
	reviewKey: string;
	articleId: string;
	kind: 'span' | 'straight';
	status: 'approved' | 'changed' | 'hidden';
	/** A fixed span's technique and code-point range. */
	techniqueId: string | null;
	start: number | null;
	end: number | null;
	/** The teacher's explanation, if they wrote one. */
	explanation: string | null;
	reason: string | null;
}

/** Origins whose items need a teacher's review before they reach students. */
export const REVIEWED_ORIGINS: readonly string[] = ['pack', 'ptc-import'];

/** Whether articles of this origin need reviewing: imported ones do, bundled packs count as reviewed. */
export function needsReview(origin: string | null | undefined): boolean {
	return origin !== null && origin !== undefined && REVIEWED_ORIGINS.includes(origin);
}

/** The review key of a labelled span, from its label as imported (code points). */
export function spanReviewKey(
	articleId: string,
	start: number,
	end: number,
	techniqueId: string
): string {
	return `span:${articleId}:${start}-${end}:${techniqueId}`;
}

/** The review key of a straight passage (code points). */
export function straightReviewKey(articleId: string, start: number, end: number): string {
	return `straight:${articleId}:${start}-${end}`;
}

/**
 * The content with the reviews applied, for the round builder. Articles of collections that need
 * review (`article.origin`, see needsReview) get `reviewGated`; each of their spans gets its
 * status (a span with no review is 'unreviewed'), a fixed span the teacher's technique, range and
 * explanation, and the article the approved and hidden straight ranges. A teacher's explanation
 * replaces the generated or imported one and is marked as the teacher's. Other articles pass
 * unchanged. Reviews whose fix is out of range or names no technique are ignored (the item stays
 * as imported and counts as unreviewed), so a bad row can never break a round.
 */
export function applyReviews(
	content: readonly ContentArticle[],
	reviews: readonly ItemReview[]
): ContentArticle[] {
	const byKey = new Map(reviews.map((r) => [r.reviewKey, r]));
	const straightByArticle = new Map<string, ItemReview[]>();
	for (const r of reviews) {
		if (r.kind !== 'straight') continue;
		const list = straightByArticle.get(r.articleId) ?? [];
		list.push(r);
		straightByArticle.set(r.articleId, list);
	}
	return content.map((article) => {
		if (!needsReview(article.origin)) return article;
		const length = new CodePointIndex(article.body).length;
		const spans = article.spans.map((s): ContentSpan => {
			const reviewKey = spanReviewKey(article.id, s.start, s.end, s.techniqueId);
			const r = byKey.get(reviewKey);
			const base = { ...s, reviewKey, review: 'unreviewed' as ReviewStatus };
			if (!r || r.kind !== 'span') return base;
			const teacher = r.explanation !== null && r.explanation.trim() !== '';
			const explained = teacher
				? { explanation: r.explanation, explanationBy: 'teacher' as const }
				: {};
			if (r.status !== 'changed') return { ...base, ...explained, review: r.status };
			const techniqueId = r.techniqueId ?? s.techniqueId;
			const start = r.start ?? s.start;
			const end = r.end ?? s.end;
			if (!isTechniqueId(techniqueId) || start < 0 || end > length || start >= end) return base;
			return { ...base, ...explained, techniqueId, start, end, review: 'changed' };
		});
		const straightReviews = (straightByArticle.get(article.id) ?? []).flatMap((r) => {
			const range = parseStraightKey(r.reviewKey);
			if (!range || r.status === 'changed') return [];
			return [{ start: range.start, end: range.end, status: r.status }];
		});
		return { ...article, spans, reviewGated: true, straightReviews };
	});
}

/** The article and range of a straight review key, or null for another kind of key. */
export function parseStraightKey(
	key: string
): { articleId: string; start: number; end: number } | null {
	const m = /^straight:(.+):(\d+)-(\d+)$/u.exec(key);
	return m ? { articleId: m[1], start: Number(m[2]), end: Number(m[3]) } : null;
}

/** The parts of a span review key, or null for another kind of key. */
export function parseSpanKey(
	key: string
): { articleId: string; start: number; end: number; techniqueId: TechniqueId } | null {
	const m = /^span:(.+):(\d+)-(\d+):([a-z-]+)$/u.exec(key);
	if (!m || !isTechniqueId(m[4])) return null;
	return { articleId: m[1], start: Number(m[2]), end: Number(m[3]), techniqueId: m[4] };
}

const WORD = /[\p{L}\p{N}\p{M}]+(?:['’.-][\p{L}\p{N}\p{M}]+)*/gu;

/**
 * A span's code-point range with each boundary moved by whole words: `startBy` -1 takes in the
 * word before the span, +1 lets go of its first word; `endBy` +1 takes in the next word, -1 lets
 * go of its last word (0 leaves a boundary where it is). Boundaries land on word edges, so the
 * punctuation between words stays outside. Returns null when the move would leave no word or go
 * past the text.
 */
export function shiftSpan(
	body: string,
	start: number,
	end: number,
	startBy: -1 | 0 | 1,
	endBy: -1 | 0 | 1
): { start: number; end: number } | null {
	const cpi = new CodePointIndex(body);
	if (start < 0 || end > cpi.length || start >= end) return null;
	const words = [...body.matchAll(WORD)].map((m) => ({
		start: cpi.toCodePoint(m.index),
		end: cpi.toCodePoint(m.index + m[0].length)
	}));
	// Words the span touches now.
	const first = words.findIndex((w) => w.end > start);
	let last = -1;
	for (let i = words.length - 1; i >= 0; i--) {
		if (words[i].start < end) {
			last = i;
			break;
		}
	}
	if (first === -1 || last === -1 || first > last) return null;
	let newStart = start;
	let newEnd = end;
	if (startBy !== 0) {
		const i = first + (startBy === -1 ? -1 : 1);
		if (i < 0 || i >= words.length) return null;
		newStart = words[i].start;
	}
	if (endBy !== 0) {
		const i = last + (endBy === 1 ? 1 : -1);
		if (i < 0 || i >= words.length) return null;
		newEnd = words[i].end;
	}
	return newStart < newEnd ? { start: newStart, end: newEnd } : null;
}
