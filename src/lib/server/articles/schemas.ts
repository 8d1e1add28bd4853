/**
 * One valibot schema per request shape of the article editor, shared by its form actions and
 * JSON calls. Form posts arrive as strings; empty optional fields become null.
 */
import * as v from 'valibot';
import { TECHNIQUE_IDS } from '../../game/techniques';
import { wholeNumber } from '../requestSchemas';

/** Longest article text, in code points: a long feature, far below the request size limit. */
export const MAX_ARTICLE_CODE_POINTS = 50_000;

/** An optional one-line field: trimmed, empty becomes null, at most `max` characters. */
const optionalLine = (label: string, max: number) =>
	v.pipe(
		v.optional(v.nullable(v.string()), null),
		v.transform((s) => (s === null ? null : s.trim() === '' ? null : s.trim())),
		v.nullable(v.pipe(v.string(), v.maxLength(max, `${label} must be at most ${max} characters.`)))
	);

/** Title, outlet, author, date, source URL and licence or attribution note. */
export const ArticleMetaSchema = v.object({
	title: v.pipe(
		v.string('Give the article a title.'),
		v.trim(),
		v.nonEmpty('Give the article a title.'),
		v.maxLength(200, 'The title must be at most 200 characters.')
	),
	outlet: optionalLine('The outlet', 200),
	author: optionalLine('The author', 200),
	publishedDate: v.pipe(
		optionalLine('The date', 10),
		v.check(
			(d) => d === null || (/^\d{4}-\d{2}-\d{2}$/.test(d) && !Number.isNaN(Date.parse(d))),
			'The date must be a day like 2026-03-02.'
		)
	),
	url: v.pipe(
		optionalLine('The source URL', 2000),
		v.check(
			(u) => u === null || /^https?:\/\/[^\s]+$/i.test(u),
			'The source URL must start with http:// or https://.'
		)
	),
	licenseNote: optionalLine('The licence or attribution note', 1000)
});
export type ArticleMeta = v.InferOutput<typeof ArticleMetaSchema>;

/** An article text: kept exactly as given (never trimmed), not blank, bounded. */
export const ArticleBodySchema = v.pipe(
	v.string('Paste the article text.'),
	v.check((s) => s.trim() !== '', 'Paste the article text: it is empty.'),
	v.check(
		(s) =>
			s.length <= MAX_ARTICLE_CODE_POINTS * 2 && Array.from(s).length <= MAX_ARTICLE_CODE_POINTS,
		`The article text must be at most ${MAX_ARTICLE_CODE_POINTS} characters.`
	)
);

/** Who may use the article besides its owner. */
export const SharingSchema = v.picklist(
	['private', 'teachers', 'solo'],
	'Choose private, shared with teachers, or shared for solo play too.'
);

/** An explanation as posted: trimmed, empty becomes null. */
const explanation = v.pipe(
	v.optional(v.nullable(v.string()), null),
	v.transform((s) => (s === null || s.trim() === '' ? null : s.trim())),
	v.nullable(
		v.pipe(v.string(), v.maxLength(1000, 'The explanation must be at most 1000 characters.'))
	)
);

const offset = (label: string) => wholeNumber(label, 0, MAX_ARTICLE_CODE_POINTS);

/** A new label: technique, code-point range and explanation. */
export const SpanInputSchema = v.object({
	techniqueId: v.picklist(TECHNIQUE_IDS, 'Choose one of the 14 techniques.'),
	start: offset('The start of the words'),
	end: offset('The end of the words'),
	explanation
});
export type SpanInput = v.InferOutput<typeof SpanInputSchema>;

/** Changing a label: technique and explanation. */
export const SpanEditSchema = v.object({
	spanId: wholeNumber('The label', 1, Number.MAX_SAFE_INTEGER),
	techniqueId: v.picklist(TECHNIQUE_IDS, 'Choose one of the 14 techniques.'),
	explanation
});

/** Moving one boundary of a label by one word. */
export const SpanMoveSchema = v.object({
	spanId: wholeNumber('The label', 1, Number.MAX_SAFE_INTEGER),
	edge: v.picklist(['start', 'end'], 'Say which end of the label to move.'),
	direction: v.picklist(['earlier', 'later'], 'Say which way to move it.')
});

/** A label, a straight sentence or a flagged label, by id. */
export const IdSchema = v.object({ id: wholeNumber('The item', 1, Number.MAX_SAFE_INTEGER) });

/** A sentence marked straight: its code-point range. */
export const RangeSchema = v.object({
	start: offset('The start of the sentence'),
	end: offset('The end of the sentence')
});

/** A new text for an article: its labels are re-anchored (articles/textEdit.ts). */
export const TextEditSchema = v.object({ body: ArticleBodySchema });
