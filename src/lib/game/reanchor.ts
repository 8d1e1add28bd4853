/**
 * Re-anchoring labels when an article's text is edited. A label is a code-point range; after an
 * edit it either sits on exactly the same words in the new text (its offsets moved by the edits
 * before it) or goes back to the teacher for review with a reason. It never shifts silently.
 *
 * The two texts are compared line by line, then word by word inside the changed lines (Myers
 * diffs from the `diff` package, over word, space and punctuation tokens). A label keeps its place only when it lies inside one stretch
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
/** Lines, each with its line break. */
const LINE = /[^\n]*\n|[^\n]+$/gu;

/**
 * Token edits (about half as many words) a block of changed lines may need before it counts as
 * rewritten. The word diff's cost grows with the square of the edits (measured on a 2-core
 * machine over a 16,000-token article: 500 edits about 0.3 s, 1,000 about 0.85 s, 4,000 about
 * 12 s; a whole new text without this bound, over 3 minutes), so this bounds the worst case.
 */
const MAX_EDIT_TOKENS = 500;
/** The same bound for the line diff that finds the changed blocks first (lines are cheap). */
const MAX_EDIT_LINES = 5_000;

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

/** How the old text maps onto the new one, in code points. */
interface Alignment {
	/** Stretches left unchanged, maximal and in order. */
	runs: Run[];
	removals: Removal[];
	/** Old-text offsets where new words were inserted. */
	insertions: number[];
	/** Old-text ranges too changed to follow word by word. */
	rewritten: { oldStart: number; oldEnd: number }[];
}

const cpLengthOf = (parts: readonly string[]) =>
	parts.reduce((sum, t) => sum + codePointLength(t), 0);

/**
 * Aligns the two texts: lines first (so an edit in one paragraph costs only that paragraph), then
 * word by word inside each block of changed lines. A block whose word diff would pass
 * MAX_EDIT_TOKENS edits is marked rewritten instead.
 */
function align(oldText: string, newText: string): Alignment {
	const out: Alignment = { runs: [], removals: [], insertions: [], rewritten: [] };
	let o = 0;
	let n = 0;
	const keep = (length: number) => {
		const last = out.runs[out.runs.length - 1];
		// Adjacent unchanged stretches (a line, then a block's first words) are one stretch.
		if (last && last.oldEnd === o && last.newStart + (last.oldEnd - last.oldStart) === n) {
			last.oldEnd += length;
		} else out.runs.push({ oldStart: o, oldEnd: o + length, newStart: n });
		o += length;
		n += length;
	};
	const block = (oldPart: string, newPart: string) => {
		const changes = diffArrays(oldPart.match(TOKEN) ?? [], newPart.match(TOKEN) ?? [], {
			maxEditLength: MAX_EDIT_TOKENS
		});
		if (!changes) {
			const oldLength = codePointLength(oldPart);
			out.rewritten.push({ oldStart: o, oldEnd: o + oldLength });
			out.removals.push({ oldStart: o, oldEnd: o + oldLength, newAt: n });
			out.insertions.push(o);
			o += oldLength;
			n += codePointLength(newPart);
			return;
		}
		for (const change of changes) {
			const length = cpLengthOf(change.value);
			if (change.added) {
				out.insertions.push(o);
				n += length;
			} else if (change.removed) {
				out.removals.push({ oldStart: o, oldEnd: o + length, newAt: n });
				o += length;
			} else keep(length);
		}
	};
	const oldLines = oldText.match(LINE) ?? [];
	const newLines = newText.match(LINE) ?? [];
	// Lines match whatever their line break (CRLF or LF), so a text pasted again with other line
	// breaks keeps its lines in step; the breaks themselves are then compared word by word.
	const lines = diffArrays(oldLines, newLines, {
		maxEditLength: MAX_EDIT_LINES,
		comparator: (a, b) => a === b || a.replace(/\r?\n$/u, '') === b.replace(/\r?\n$/u, '')
	});
	if (!lines) {
		block(oldText, newText);
		return out;
	}
	let removed = '';
	let added = '';
	const flush = () => {
		if (removed !== '' || added !== '') block(removed, added);
		removed = '';
		added = '';
	};
	let oi = 0;
	let ni = 0;
	for (const change of lines) {
		if (change.added) {
			added += newLines.slice(ni, ni + change.count).join('');
			ni += change.count;
		} else if (change.removed) {
			removed += oldLines.slice(oi, oi + change.count).join('');
			oi += change.count;
		} else {
			flush();
			for (let k = 0; k < change.count; k++) {
				const a = oldLines[oi + k];
				const b = newLines[ni + k];
				if (a === b) keep(codePointLength(a));
				else block(a, b);
			}
			oi += change.count;
			ni += change.count;
		}
	}
	flush();
	return out;
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

	const { runs, removals, insertions, rewritten } =
		oldText === newText
			? {
					runs: [{ oldStart: 0, oldEnd: oldChars.length, newStart: 0 }],
					removals: [],
					insertions: [],
					rewritten: []
				}
			: align(oldText, newText);

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
		if (rewritten.some((r) => r.oldStart < span.end && span.start < r.oldEnd)) {
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
