/**
 * Labels (spans) and straight sentences (clean_passages) of a teacher's article: add, change,
 * move by a word, delete, and resolve labels flagged after a text edit. Owner only; each write is
 * one transaction that also marks the article edited. A label never overlaps a sentence marked
 * straight: a straight sentence is one the teacher found free of every technique.
 */
import { and, eq } from 'drizzle-orm';
import { moveEdge, overlaps, wordRanges, type TextRange } from '../../game/articleText';
import { CodePointIndex, sliceCodePoints } from '../../game/text';
import type { TechniqueId } from '../../game/techniques';
import type { Db } from '../db/open';
import { cleanPassages, flaggedLabels, spans } from '../db/schema';
import { ownedArticle, touchArticle, type Tx } from './articles';
import { explanationSource } from './drafting';
import { ArticleError } from './errors';

/** The words of `range` in `body`; 400 when the range is not inside the text or holds no word. */
function checkedWords(body: string, range: TextRange): string {
	const cpi = new CodePointIndex(body);
	if (range.start >= range.end) {
		throw new ArticleError(
			400,
			range.start === range.end
				? 'The selection is empty: choose a last word at or after the first.'
				: `The selection ends (character ${range.end}) before it starts (character ${range.start}): choose a last word at or after the first.`
		);
	}
	if (range.end > cpi.length) {
		throw new ArticleError(
			400,
			`The selection ${range.start}–${range.end} is not inside the article (it has ${cpi.length} characters). Select the words again.`
		);
	}
	const words = cpi.slice(range.start, range.end);
	if (!/[\p{L}\p{N}]/u.test(words)) {
		throw new ArticleError(400, 'The selection holds no word. Select at least one word.');
	}
	return words;
}

/**
 * The words of a new label: `checkedWords`, and the range starts on the first character of a word
 * and ends on the last character of one (code points, as the labeller and its no-JavaScript
 * drop-downs post them), so a hand-made offset never cuts a word.
 */
function labelWords(body: string, range: TextRange): string {
	const words = checkedWords(body, range);
	const ranges = wordRanges(body);
	/** Where `at` falls, in words: inside which word, or between words. */
	const place = (at: number) => {
		const word = ranges.find((w) => w.start < at && at < w.end);
		return word
			? `inside “${sliceCodePoints(body, word.start, word.end)}”`
			: 'between words (on a space or punctuation)';
	};
	if (!ranges.some((w) => w.start === range.start)) {
		throw new ArticleError(
			400,
			`A label starts at the first letter of a word, but character ${range.start} is ${place(range.start)}. Select the words again.`
		);
	}
	if (!ranges.some((w) => w.end === range.end)) {
		throw new ArticleError(
			400,
			`A label ends after the last letter of a word, but character ${range.end} is ${place(range.end)}. Select the words again.`
		);
	}
	return words;
}

function straightRows(tx: Tx, articleId: string) {
	return tx
		.select({ start: cleanPassages.start, end: cleanPassages.end })
		.from(cleanPassages)
		.where(eq(cleanPassages.articleId, articleId))
		.all();
}

function refuseStraightOverlap(tx: Tx, articleId: string, range: TextRange): void {
	if (straightRows(tx, articleId).some((c) => overlaps(c, range))) {
		throw new ArticleError(
			409,
			'These words are in a sentence marked straight. Unmark the sentence first if it uses a technique.'
		);
	}
}

function insertSpan(
	tx: Tx,
	articleId: string,
	body: string,
	input: { techniqueId: TechniqueId; start: number; end: number; explanation: string | null }
): number {
	const words = labelWords(body, input);
	refuseStraightOverlap(tx, articleId, input);
	const result = tx
		.insert(spans)
		.values({
			articleId,
			techniqueId: input.techniqueId,
			start: input.start,
			end: input.end,
			explanation: input.explanation,
			labelledBy: 'teacher',
			explanationSource: explanationSource(input.explanation, input.techniqueId, words)
		})
		.onConflictDoNothing()
		.returning({ id: spans.id })
		.get();
	if (!result) {
		throw new ArticleError(409, 'These words already carry this technique.');
	}
	return result.id;
}

/** Adds a label; returns its id. */
export function addSpan(
	db: Db,
	articleId: string,
	teacherId: string,
	input: { techniqueId: TechniqueId; start: number; end: number; explanation: string | null }
): number {
	return db.transaction((tx) => {
		const { body } = ownedArticle(tx, articleId, teacherId);
		const id = insertSpan(tx, articleId, body, input);
		touchArticle(tx, articleId);
		return id;
	});
}

function spanOf(tx: Tx, articleId: string, spanId: number) {
	const row = tx
		.select()
		.from(spans)
		.where(and(eq(spans.id, spanId), eq(spans.articleId, articleId)))
		.get();
	if (!row)
		throw new ArticleError(404, 'This label is not in the article (it may have been deleted).');
	return row;
}

/** The id of the article's label of `techniqueId` on exactly `range`, if there is one. */
function labelOn(
	tx: Tx,
	articleId: string,
	techniqueId: string,
	range: TextRange
): number | undefined {
	return tx
		.select({ id: spans.id })
		.from(spans)
		.where(
			and(
				eq(spans.articleId, articleId),
				eq(spans.techniqueId, techniqueId),
				eq(spans.start, range.start),
				eq(spans.end, range.end)
			)
		)
		.get()?.id;
}

/** Changes a label's technique and explanation. */
export function updateSpan(
	db: Db,
	articleId: string,
	teacherId: string,
	input: { spanId: number; techniqueId: TechniqueId; explanation: string | null }
): void {
	db.transaction((tx) => {
		const { body } = ownedArticle(tx, articleId, teacherId);
		const row = spanOf(tx, articleId, input.spanId);
		const words = new CodePointIndex(body).slice(row.start, row.end);
		const clash = labelOn(tx, articleId, input.techniqueId, row);
		if (clash !== undefined && clash !== row.id) {
			throw new ArticleError(409, 'These words already carry that technique.');
		}
		tx.update(spans)
			.set({
				techniqueId: input.techniqueId,
				explanation: input.explanation,
				explanationSource: explanationSource(input.explanation, input.techniqueId, words)
			})
			.where(eq(spans.id, row.id))
			.run();
		touchArticle(tx, articleId);
	});
}

/** Moves one edge of a label by one word; 400 when that would leave no word. */
export function moveSpan(
	db: Db,
	articleId: string,
	teacherId: string,
	input: { spanId: number; edge: 'start' | 'end'; direction: 'earlier' | 'later' }
): void {
	db.transaction((tx) => {
		const { body } = ownedArticle(tx, articleId, teacherId);
		const row = spanOf(tx, articleId, input.spanId);
		const moved = moveEdge(wordRanges(body), row, input.edge, input.direction);
		if (!moved) {
			throw new ArticleError(
				400,
				'The label cannot move that way: it would hold no word, or go past the text.'
			);
		}
		refuseStraightOverlap(tx, articleId, moved);
		const clash = labelOn(tx, articleId, row.techniqueId, moved);
		if (clash !== undefined)
			throw new ArticleError(409, 'These words already carry this technique.');
		tx.update(spans).set(moved).where(eq(spans.id, row.id)).run();
		touchArticle(tx, articleId);
	});
}

/** Deletes a label. */
export function deleteSpan(db: Db, articleId: string, teacherId: string, spanId: number): void {
	db.transaction((tx) => {
		ownedArticle(tx, articleId, teacherId);
		spanOf(tx, articleId, spanId);
		tx.delete(spans).where(eq(spans.id, spanId)).run();
		touchArticle(tx, articleId);
	});
}

/** Marks a sentence straight (free of every technique); 409 when a label lies in it. */
export function markStraight(db: Db, articleId: string, teacherId: string, range: TextRange): void {
	db.transaction((tx) => {
		const { body } = ownedArticle(tx, articleId, teacherId);
		checkedWords(body, range);
		const labelled = tx
			.select({ start: spans.start, end: spans.end })
			.from(spans)
			.where(eq(spans.articleId, articleId))
			.all();
		if (labelled.some((s) => overlaps(s, range))) {
			throw new ArticleError(
				409,
				'This sentence holds a label, so it is not straight. Delete the label first if it is wrong.'
			);
		}
		if (straightRows(tx, articleId).some((c) => overlaps(c, range))) {
			throw new ArticleError(409, 'This sentence is already marked straight.');
		}
		tx.insert(cleanPassages).values({ articleId, start: range.start, end: range.end }).run();
		touchArticle(tx, articleId);
	});
}

/** Deletes row `id` of the article's straight marks or flagged labels; 404 saying `gone` if none. */
function deleteRowOf(
	tx: Tx,
	table: typeof cleanPassages | typeof flaggedLabels,
	articleId: string,
	id: number,
	gone: string
): void {
	const result = tx
		.delete(table)
		.where(and(eq(table.id, id), eq(table.articleId, articleId)))
		.run();
	if (result.changes === 0) throw new ArticleError(404, gone);
}

/** Removes a straight mark. */
export function unmarkStraight(db: Db, articleId: string, teacherId: string, id: number): void {
	db.transaction((tx) => {
		ownedArticle(tx, articleId, teacherId);
		deleteRowOf(
			tx,
			cleanPassages,
			articleId,
			id,
			'This sentence is not marked straight (any more).'
		);
		touchArticle(tx, articleId);
	});
}

/** Discards a label flagged for review after a text edit. */
export function discardFlagged(db: Db, articleId: string, teacherId: string, id: number): void {
	db.transaction((tx) => {
		ownedArticle(tx, articleId, teacherId);
		deleteRowOf(tx, flaggedLabels, articleId, id, 'This flagged label is already gone.');
	});
}
