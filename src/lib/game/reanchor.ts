/**
 * Re-anchoring labels when an article's text is edited. A label is a code-point range; after an
 * edit it either sits on exactly the same words in the new text (its offsets moved by the edits
 * before it) or goes back to the teacher for review with a reason. It never shifts silently.
 *
 * The two texts are compared word by word (a Myers diff from the `diff` package over word,
 * space and punctuation tokens). A label keeps its place only when it lies inside one stretch
 * the diff left unchanged. When the labelled words occur more than once, the diff's alignment is
 * trusted only if that unchanged stretch is itself unique in both texts; otherwise the label
 * could belong to either copy, and the teacher chooses.
 */
import { diffArrays } from 'diff';
import { codePointLength } from './text';

/** Why a label needs a person to look at it again. */
export type ReviewReason = 'changed' | 'deleted' | 'ambiguous' | 'rewritten' | 'invalid';

/** A code-point range, end exclusive. */
export interface CodePointRange {
	start: number;
	end: number;
}

/** What happened to one label. `span` keeps every other field of the input (technique, …). */
export type ReanchorOutcome<T extends CodePointRange> =
	| { status: 'kept'; span: T; previous: CodePointRange }
	| {
			status: 'review';
			/** The label as it was, with its old offsets. */
			span: T;
			reason: ReviewReason;
			/** A sentence a teacher can act on. */
			message: string;
			/** The old words. */
			words: string;
			/** Where those words' place is in the new text, to show the teacher; null when gone. */
			near: CodePointRange | null;
	  };

/** Word tokens, or any other single code point (space, punctuation, emoji, \r, \n). */
const TOKEN = /[\p{L}\p{M}\p{N}]+|[^]/gu;

/** Beyond this many token edits the texts are treated as rewritten rather than edited. */
const MAX_EDIT_TOKENS = 20_000;

interface Run {
	oldStart: number;
	oldEnd: number;
	newStart: number;
}

interface Removal {
	oldStart: number;
	oldEnd: number;
	/** The new-text offset where the removed words were. */
	newAt: number;
}

function tokens(text: string): string[] {
	return text.match(TOKEN) ?? [];
}

/** Code-point slice (the texts here are small enough to expand once). */
function cpSlice(chars: readonly string[], start: number, end: number): string {
	return chars.slice(start, end).join('');
}

/** 0, 1 or 2 (meaning: more than one) occurrences of `needle` in `haystack`, overlaps counted. */
function occurrences(haystack: string, needle: string): number {
	const first = haystack.indexOf(needle);
	if (first === -1) return 0;
	return haystack.indexOf(needle, first + 1) === -1 ? 1 : 2;
}

function quote(words: string): string {
	const flat = words.replace(/\s+/gu, ' ').trim();
	const chars = Array.from(flat);
	return `“${chars.length > 60 ? `${chars.slice(0, 57).join('')}…` : flat}”`;
}

/**
 * Re-anchors labels after `oldText` was edited into `newText`. Each label comes back either
 * `kept`, with offsets that select exactly its old words in the new text, or `review`, with the
 * reason: its words were `changed` or `deleted`, they became `ambiguous` (they occur more than
 * once and the edit leaves no unique unchanged context to tell which), the text was `rewritten`
 * beyond following, or the label's range was `invalid` in the old text. Offsets are code points.
 * Labels come back in the order given.
 */
export function reanchorSpans<T extends CodePointRange>(
	oldText: string,
	newText: string,
	spans: readonly T[]
): ReanchorOutcome<T>[] {
	const oldChars = Array.from(oldText);
	const newChars = Array.from(newText);
	const invalid = (s: T) =>
		!Number.isInteger(s.start) ||
		!Number.isInteger(s.end) ||
		s.start < 0 ||
		s.end > oldChars.length ||
		s.start >= s.end;

	const runs: Run[] = [];
	const removals: Removal[] = [];
	/** Old-text offsets where new words were inserted. */
	const insertions: number[] = [];
	let rewritten = false;
	if (oldText === newText) {
		runs.push({ oldStart: 0, oldEnd: oldChars.length, newStart: 0 });
	} else {
		const changes = diffArrays(tokens(oldText), tokens(newText), {
			maxEditLength: MAX_EDIT_TOKENS
		});
		if (!changes) rewritten = true;
		let o = 0;
		let n = 0;
		for (const change of changes ?? []) {
			const length = change.value.reduce((sum, t) => sum + codePointLength(t), 0);
			if (change.added) {
				insertions.push(o);
				n += length;
			} else if (change.removed) {
				removals.push({ oldStart: o, oldEnd: o + length, newAt: n });
				o += length;
			} else {
				runs.push({ oldStart: o, oldEnd: o + length, newStart: n });
				o += length;
				n += length;
			}
		}
	}

	/** Where old offset `p` lands in the new text (inside a removal: where it was). */
	const mapOffset = (p: number): number => {
		for (const r of runs) if (r.oldStart <= p && p <= r.oldEnd) return r.newStart + p - r.oldStart;
		for (const r of removals) if (r.oldStart <= p && p <= r.oldEnd) return r.newAt;
		return Math.min(p, newChars.length);
	};

	return spans.map((span): ReanchorOutcome<T> => {
		const review = (reason: ReviewReason, message: string, near: CodePointRange | null) => ({
			status: 'review' as const,
			span,
			reason,
			message,
			words: invalid(span) ? '' : cpSlice(oldChars, span.start, span.end),
			near
		});
		if (invalid(span)) {
			return review(
				'invalid',
				`This label's range ${span.start}-${span.end} does not fit the old text (${oldChars.length} characters); mark its words again.`,
				null
			);
		}
		const words = cpSlice(oldChars, span.start, span.end);
		if (rewritten) {
			return review(
				'rewritten',
				`The text changed too much to follow the label on ${quote(words)}; mark its words again.`,
				null
			);
		}
		const run = runs.find((r) => r.oldStart <= span.start && span.end <= r.oldEnd);
		if (!run) {
			const touchesRun = runs.some((r) => r.oldStart < span.end && span.start < r.oldEnd);
			const replaced = insertions.some((p) => span.start <= p && p <= span.end);
			if (!touchesRun && !replaced) {
				return review(
					'deleted',
					`The words ${quote(words)} were deleted from the text; delete this label or mark new words.`,
					null
				);
			}
			const start = mapOffset(span.start);
			const end = mapOffset(span.end);
			return review(
				'changed',
				`The words ${quote(words)} were edited; check that the label still fits and move its boundaries if needed.`,
				start < end ? { start, end } : null
			);
		}
		const start = run.newStart + span.start - run.oldStart;
		const end = start + span.end - span.start;
		if (occurrences(oldText, words) > 1 || occurrences(newText, words) > 1) {
			const stretchOld = cpSlice(oldChars, run.oldStart, run.oldEnd);
			const unique =
				oldText === newText ||
				(occurrences(oldText, stretchOld) === 1 && occurrences(newText, stretchOld) === 1);
			if (!unique) {
				return review(
					'ambiguous',
					`The words ${quote(words)} occur more than once near the edit; choose which of them this label belongs to.`,
					{ start, end }
				);
			}
		}
		return {
			status: 'kept',
			span: { ...span, start, end },
			previous: { start: span.start, end: span.end }
		};
	});
}
