/**
 * Teachers' review decisions for tests that need one without going through the review page.
 * Test support only.
 */
import { spanReviewKey, type ItemReview } from './review';

/** A teacher's approval of a labelled span as imported, with any field `over` replaces. */
export function spanApproval(
	articleId: string,
	start: number,
	end: number,
	techniqueId: string,
	over: Partial<ItemReview> = {}
): ItemReview {
	return {
		reviewKey: spanReviewKey(articleId, start, end, techniqueId),
		articleId,
		kind: 'span',
		status: 'approved',
		techniqueId: null,
		start: null,
		end: null,
		explanation: null,
		reason: null,
		...over
	};
}
