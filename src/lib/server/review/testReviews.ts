/**
 * Test helper: approve every labelled span of a collection, as a teacher would on the review
 * page, for tests about something else that play an imported collection.
 */
import { spanApproval } from '../../game/reviewFixtures';
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
	for (const s of rows) approveSpan(db, collection, s);
}

/** Approves one span of `collection` as imported (no teacher recorded, explanation left as it is). */
export function approveSpan(
	db: Db,
	collection: string,
	span: { articleId: string; start: number; end: number; techniqueId: string }
): void {
	recordDecision(db, {
		...spanApproval(span.articleId, span.start, span.end, span.techniqueId),
		collection,
		teacherId: null,
		now: Date.now()
	});
}
