/**
 * Reading teachers' review decisions for the round builder's content (db/queries.ts), kept apart
 * from review/reviews.ts so the content loader does not import the review pages' queries.
 */
import type { ItemReview } from '../../game/review';
import type { Db } from '../db/open';
import { itemReviews } from '../db/schema';

/** Every stored decision. */
export function loadItemReviews(db: Db): ItemReview[] {
	return db
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
		.from(itemReviews)
		.all();
}
