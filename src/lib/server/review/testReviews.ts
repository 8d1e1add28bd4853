/**
 * Test helper: approve every labelled span of a collection, as a teacher would on the review
 * page, for tests about something else that play an imported collection.
 */
import { spanReviewKey } from '../../game/review';
import type { Db } from '../db/open';
import { recordDecision } from './reviews';

/** Approves every span of `collection` (no teacher recorded, explanations left generated). */
export function approveAllSpans(db: Db, collection: string): void {
	const rows = db.$client
		.prepare(
			`select s.article_id as articleId, s.start as start, s."end" as "end", s.technique_id as techniqueId
			from spans s join articles a on a.id = s.article_id where a.collection = ?`
		)
		.all(collection) as { articleId: string; start: number; end: number; techniqueId: string }[];
	for (const s of rows) {
		recordDecision(db, {
			collection,
			articleId: s.articleId,
			reviewKey: spanReviewKey(s.articleId, s.start, s.end, s.techniqueId),
			kind: 'span',
			status: 'approved',
			techniqueId: null,
			start: null,
			end: null,
			explanation: null,
			reason: null,
			teacherId: null,
			now: Date.now()
		});
	}
}
