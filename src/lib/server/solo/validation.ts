/**
 * Request bodies of solo play, validated at the edge with valibot. Form posts arrive as strings;
 * these schemas turn them into typed values or give a message a person can act on.
 */
import * as v from 'valibot';
import { FAMILY_IDS } from '../../game/techniques';
import type { FamilyId } from '../../game/techniques';
import { checkNickname } from '../../game/nickname';
import type { RoundConfig } from '../../game/types';
import {
	AnswerFormSchema,
	RoundConfigSchema,
	contentScope,
	questionIndex,
	wholeNumber
} from '../requestSchemas';

/** Seconds per question in timed mode. */
export const SECONDS_PER_QUESTION = 30;
export const MIN_QUESTIONS = 3;
export const MAX_QUESTIONS = 30;
export const DEFAULT_QUESTIONS = 10;

const optionalNickname = v.pipe(
	v.optional(v.nullable(v.string('The nickname must be text.')), null),
	v.rawTransform(({ dataset, addIssue, NEVER }) => {
		const raw = dataset.value;
		if (raw === null || raw.trim() === '') return null;
		const checked = checkNickname(raw);
		if (!checked.ok) {
			addIssue({ message: checked.message });
			return NEVER;
		}
		return checked.nickname;
	})
);

/** A new solo round as chosen on /play. */
export const CreateSoloSchema = v.pipe(
	v.object({
		scope: contentScope,
		articleId: v.optional(v.nullable(v.pipe(v.string(), v.trim())), null),
		families: v.optional(
			v.array(v.picklist(FAMILY_IDS as FamilyId[], 'That is not a technique family.')),
			[]
		),
		count: v.optional(
			wholeNumber('The number of questions', MIN_QUESTIONS, MAX_QUESTIONS),
			DEFAULT_QUESTIONS
		),
		timing: v.optional(v.picklist(['timed', 'untimed'], 'Choose timed or untimed play.'), 'timed'),
		scoring: v.optional(
			v.picklist(['speed', 'accuracy'], 'Choose speed and streak, or accuracy only.'),
			'speed'
		),
		/** Collections to draw from; empty: the defaults for solo play. */
		sources: v.optional(
			v.pipe(
				v.array(v.pipe(v.string('A source must be named.'), v.maxLength(200))),
				v.maxLength(100, 'Choose fewer sources.')
			),
			[]
		),
		nickname: optionalNickname
	}),
	v.check(
		(input) => input.scope !== 'article' || (input.articleId ?? '') !== '',
		'Choose an article to play.'
	),
	v.check(
		(input) => input.scope !== 'families' || input.families.length > 0,
		'Choose at least one technique family.'
	)
);

export type CreateSoloInput = v.InferInput<typeof CreateSoloSchema>;

/** The round configuration and nickname for a validated create request. */
export function toRoundConfig(input: v.InferOutput<typeof CreateSoloSchema>): RoundConfig {
	return {
		articleId: input.scope === 'article' ? input.articleId : null,
		families: input.scope === 'families' ? [...new Set(input.families)] : [],
		count: input.count,
		secondsPerQuestion: input.timing === 'timed' ? SECONDS_PER_QUESTION : null,
		scoring: input.scoring,
		streaks: input.scoring === 'speed',
		focusTechniques: [],
		sources: [...new Set(input.sources)]
	};
}

/** The stored config of a game, checked when read back (it is JSON in the database). */
export { RoundConfigSchema };

/** The question a body is about (answer, timeout, next): required, a whole number. */
export const IndexSchema = v.object({ index: questionIndex }, 'The question number is missing.');

/** An answer's fields as the page posts them, read into a game Response. */
export { AnswerFormSchema };

const ConfidenceSchema = v.object({ confidence: v.picklist(['sure', 'unsure']) });

/** The confidence rating sent with an answer ('sure' / 'unsure'), or null without a valid one. */
export function confidenceOf(body: unknown): 'sure' | 'unsure' | null {
	const parsed = v.safeParse(ConfidenceSchema, body);
	return parsed.success ? parsed.output.confidence : null;
}

/** The raw `confidence` field of a posted answer, whatever it holds. */
export function confidenceField(body: unknown): unknown {
	return typeof body === 'object' && body !== null && 'confidence' in body
		? (body as { confidence: unknown }).confidence
		: undefined;
}

/** The first issue's message, for a 400 response. */
export function firstMessage(issues: v.BaseIssue<unknown>[]): string {
	return issues[0]?.message ?? 'That request was not understood.';
}

/** Form data as a plain object; `families` and `sources` may repeat and are always lists. */
export function formToObject(form: FormData): Record<string, unknown> {
	const out: Record<string, unknown> = {};
	const families: string[] = [];
	const sources: string[] = [];
	for (const [key, value] of form) {
		if (typeof value !== 'string') continue;
		if (key === 'families') families.push(value);
		else if (key === 'sources') sources.push(value);
		else out[key] = value;
	}
	out.families = families;
	out.sources = sources;
	return out;
}
