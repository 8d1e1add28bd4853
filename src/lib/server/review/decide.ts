/**
 * A teacher's decision on one item of an imported collection, checked at the edge and stored:
 * approve it (optionally with their explanation), fix it (technique, each boundary by a word,
 * explanation), or hide it with a reason. Bad input gets a ReviewError with a message a person can
 * act on, and nothing is written.
 *
 * Held-back excerpts (slurs, obscenities, the sensitive-content screen) cannot be approved or
 * fixed into a round: reviews are kept per collection, not per class, so a release would reach
 * every class and every solo player of the collection. A teacher can hide such an item.
 */
import * as v from 'valibot';
import { parseSpanKey, parseStraightKey, shiftSpan } from '../../game/review';
import { TECHNIQUE_IDS } from '../../game/techniques';
import type { Db } from '../db/open';
import { Refusal } from '../refusal';
import { articleReview, recordDecision } from './reviews';

/** Why a decision was refused, with the HTTP status to answer. */
export class ReviewError extends Refusal {}

const shift = v.optional(v.picklist(['-1', '0', '1'], 'Move a boundary by one word at most.'), '0');
const explanation = v.optional(
	v.pipe(v.string(), v.trim(), v.maxLength(1000, 'Keep the explanation under 1,000 characters.')),
	''
);

/** The review form as posted: the item's key, and the fields of the chosen action. */
export const DecisionFormSchema = v.object({
	key: v.pipe(
		v.string('Say which item you decided on.'),
		v.minLength(1, 'Say which item you decided on.'),
		v.maxLength(300, 'That is not an item of this collection.')
	),
	technique: v.optional(v.picklist(TECHNIQUE_IDS, 'Choose a technique from the list.')),
	startBy: shift,
	endBy: shift,
	explanation,
	reason: v.optional(
		v.pipe(v.string(), v.trim(), v.maxLength(300, 'Keep the reason under 300 characters.')),
		''
	)
});

export type DecisionAction = 'approve' | 'fix' | 'hide';

/**
 * Checks and stores a decision on an item of `collection` by `teacherId`. Throws ReviewError
 * (400 or 404) without writing anything when the item is not in the collection, the fix leaves
 * no words, a hidden item has no reason, or a held-back excerpt would be released.
 */
export function decide(
	db: Db,
	collection: string,
	action: DecisionAction,
	form: Record<string, unknown>,
	teacherId: string,
	now: number
): void {
	const parsed = v.safeParse(DecisionFormSchema, form);
	if (!parsed.success) throw new ReviewError(400, parsed.issues[0].message);
	const input = parsed.output;
	const spanKey = parseSpanKey(input.key);
	const straightKey = parseStraightKey(input.key);
	const articleId = spanKey?.articleId ?? straightKey?.articleId;
	const items = articleId ? articleReview(db, collection, articleId) : null;
	const item = items?.find((i) => i.reviewKey === input.key);
	if (!articleId || !item) {
		throw new ReviewError(404, 'That item is not in this collection (it may have been removed).');
	}
	if (action === 'hide') {
		if (input.reason === '') {
			throw new ReviewError(400, 'Say why you hide this item, so other teachers know.');
		}
		recordDecision(db, {
			collection,
			articleId,
			reviewKey: input.key,
			kind: item.kind,
			status: 'hidden',
			techniqueId: null,
			start: null,
			end: null,
			explanation: null,
			reason: input.reason,
			teacherId,
			now
		});
		return;
	}
	if (item.heldBackReason) {
		throw new ReviewError(
			400,
			`This excerpt is held back from students (${item.heldBackReason}) and a review cannot release it. You can hide it.`
		);
	}
	const written = input.explanation === '' ? null : input.explanation;
	if (action === 'approve' || item.kind === 'straight') {
		if (action === 'fix') {
			throw new ReviewError(400, 'A straight passage has no label to fix: approve or hide it.');
		}
		recordDecision(db, {
			collection,
			articleId,
			reviewKey: input.key,
			kind: item.kind,
			status: 'approved',
			techniqueId: null,
			start: null,
			end: null,
			explanation: item.kind === 'span' ? written : null,
			reason: null,
			teacherId,
			now
		});
		return;
	}
	// A fix moves the boundaries from where the item stands now (an earlier fix included).
	const [article] = db.$client.prepare('select body from articles where id = ?').all(articleId) as {
		body: string;
	}[];
	const range = shiftSpan(
		article.body,
		item.start,
		item.end,
		Number(input.startBy) as -1 | 0 | 1,
		Number(input.endBy) as -1 | 0 | 1
	);
	if (!range) {
		throw new ReviewError(400, 'That move would leave no words highlighted, or run past the text.');
	}
	recordDecision(db, {
		collection,
		articleId,
		reviewKey: input.key,
		kind: 'span',
		status: 'changed',
		techniqueId: input.technique ?? item.techniqueId,
		start: range.start,
		end: range.end,
		explanation: written,
		reason: null,
		teacherId,
		now
	});
}
