/**
 * A collection's review progress as the source pickers say it (/host, /play), so both say it
 * alike. Bundled packs count as reviewed and have no progress.
 */
export interface SourceReview {
	labelled: number;
	reviewed: number;
	straightApproved: number;
}

/** E.g. "reviewed 12 of 40 labelled items, 3 straight passages approved". */
export function reviewProgressLine(review: SourceReview): string {
	const straight =
		review.straightApproved === 1
			? '1 straight passage approved'
			: `${review.straightApproved} straight passages approved`;
	return `reviewed ${review.reviewed} of ${review.labelled} labelled items, ${straight}`;
}
