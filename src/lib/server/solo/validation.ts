/**
 * Request bodies of solo play, validated at the edge with valibot. Form posts arrive as strings;
 * these schemas turn them into typed values or give a message a person can act on.
 */
import * as v from 'valibot';
import { ROUND_DIFFICULTIES } from '../../game/difficulty';
import { FAMILY_IDS, TECHNIQUE_IDS } from '../../game/techniques';
import type { FamilyId } from '../../game/techniques';
import { checkNickname } from '../../game/nickname';
import type { Response, RoundConfig } from '../../game/types';

/** Seconds per question in timed mode. */
export const SECONDS_PER_QUESTION = 30;
export const MIN_QUESTIONS = 3;
export const MAX_QUESTIONS = 30;
export const DEFAULT_QUESTIONS = 10;

const integerString = (label: string, min: number, max: number) =>
	v.pipe(
		v.union([v.string(), v.number()], `${label} must be a number.`),
		v.transform((value) => (typeof value === 'number' ? value : Number(String(value).trim()))),
		v.number(`${label} must be a number.`),
		v.integer(`${label} must be a whole number.`),
		v.minValue(min, `${label} must be at least ${min}.`),
		v.maxValue(max, `${label} must be at most ${max}.`)
	);

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
		scope: v.optional(
			v.picklist(
				['all', 'article', 'families'],
				'Choose all content, one article or some families.'
			),
			'all'
		),
		articleId: v.optional(v.nullable(v.pipe(v.string(), v.trim())), null),
		families: v.optional(
			v.array(v.picklist(FAMILY_IDS as FamilyId[], 'That is not a technique family.')),
			[]
		),
		count: v.optional(
			integerString('The number of questions', MIN_QUESTIONS, MAX_QUESTIONS),
			DEFAULT_QUESTIONS
		),
		timing: v.optional(v.picklist(['timed', 'untimed'], 'Choose timed or untimed play.'), 'timed'),
		scoring: v.optional(
			v.picklist(['speed', 'accuracy'], 'Choose speed and streak, or accuracy only.'),
			'speed'
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
		focusTechniques: []
	};
}

/** The stored config of a game, checked when read back (it is JSON in the database). */
export const RoundConfigSchema = v.object({
	articleId: v.nullable(v.string()),
	families: v.array(v.picklist(FAMILY_IDS as FamilyId[])),
	count: v.pipe(v.number(), v.integer(), v.minValue(1)),
	secondsPerQuestion: v.nullable(v.pipe(v.number(), v.minValue(1))),
	scoring: v.picklist(['speed', 'accuracy']),
	streaks: v.boolean(),
	focusTechniques: v.array(v.picklist(TECHNIQUE_IDS)),
	difficulty: v.optional(v.picklist(ROUND_DIFFICULTIES)),
	askConfidence: v.optional(v.boolean())
});

/** An answer as posted by the page: the question index it answers plus the kind's fields. */
export const AnswerSchema = v.variant(
	'kind',
	[
		v.object({
			kind: v.literal('name'),
			index: integerString('The question number', 0, 10_000),
			technique: v.picklist(TECHNIQUE_IDS, 'Choose one of the techniques shown.')
		}),
		v.object({
			kind: v.literal('find'),
			index: integerString('The question number', 0, 10_000),
			start: integerString('The start of the selection', 0, 100_000),
			end: integerString('The end of the selection', 0, 100_000)
		}),
		v.object({
			kind: v.literal('judge'),
			index: integerString('The question number', 0, 10_000),
			verdict: v.picklist(['loaded', 'straight'], 'Choose loaded or straight.')
		})
	],
	'Say which kind of question this answer is for.'
);

/** The posted answer as a game Response, plus the question index it is meant for. */
export function toResponse(input: v.InferOutput<typeof AnswerSchema>): {
	index: number;
	response: Response;
} {
	switch (input.kind) {
		case 'name':
			return { index: input.index, response: { kind: 'name', techniqueId: input.technique } };
		case 'find':
			return { index: input.index, response: { kind: 'find', range: [input.start, input.end] } };
		case 'judge':
			return {
				index: input.index,
				response: { kind: 'judge', loaded: input.verdict === 'loaded' }
			};
	}
}

const ConfidenceSchema = v.object({ confidence: v.picklist(['sure', 'unsure']) });

/** The confidence rating sent with an answer ('sure' / 'unsure'), or null without a valid one. */
export function confidenceOf(body: unknown): 'sure' | 'unsure' | null {
	const parsed = v.safeParse(ConfidenceSchema, body);
	return parsed.success ? parsed.output.confidence : null;
}

/** A body that only names the question it is about (timeout, next). */
export const IndexSchema = v.object({ index: integerString('The question number', 0, 10_000) });

/** The first issue's message, for a 400 response. */
export function firstMessage(issues: v.BaseIssue<unknown>[]): string {
	return issues[0]?.message ?? 'That request was not understood.';
}

/** Form data as a plain object; `families` may repeat and is always a list. */
export function formToObject(form: FormData): Record<string, unknown> {
	const out: Record<string, unknown> = {};
	const families: string[] = [];
	for (const [key, value] of form) {
		if (typeof value !== 'string') continue;
		if (key === 'families') families.push(value);
		else out[key] = value;
	}
	out.families = families;
	return out;
}
