/**
 * Reading teachers' review decisions for the round builder's content (db/queries.ts), kept apart
 * from review/reviews.ts so the content loader does not import the review pages' queries.
 */
import { eq } from 'drizzle-orm';
import type { ItemReview } from '../../game/review';
import type { Db } from '../db/open';
import { itemReviews } from '../db/schema';

/** Every stored decision, or those on one article's items. */
export function loadItemReviews(db: Db, articleId?: string): ItemReview[] {
	const query = db
		.select({
			reviewKey: itemReviews.reviewKey,
			articleId: itemReviews.articleId,
			kind: itemReviews.kind,
			status: itemReviews.status,
			techniqueId: itemReviews.techniqueId,
			start: itemReviews.start,
			end: itemReviews.end,
			explanation: itemReviews.explanation,
			reason: itemReviews.reason
		})
		.from(itemReviews);
	return (
		articleId === undefined ? query : query.where(eq(itemReviews.articleId, articleId))
	).all();
}
