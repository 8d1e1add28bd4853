/**
 * One valibot schema per request shape, shared by the JSON API, the HTML forms and solo play, so
 * that every path applies the same limits and gives the same messages. Types come from the
 * schemas (`v.InferOutput`). Form posts arrive as strings; the form schemas turn them into the
 * same values the JSON API takes.
 */
import * as v from 'valibot';
import { ROUND_DIFFICULTIES } from '../game/difficulty';
import { NEED_HELP_PERCENT } from '../game/stats/followUp';
import { FAMILY_IDS, TECHNIQUE_IDS } from '../game/techniques';

/** Highest question number a request may name (rounds are far shorter). */
const MAX_INDEX = 10_000;
/** Highest token offset a find-the-phrase answer may name. */
const MAX_OFFSET = 100_000;

/**
 * A whole number from JSON (a number) or a form (a string of digits). A missing or empty value,
 * `1.5`, `1e3`, `0x10` or ` ` are refused: `Number('')` would read them as 0 and answer question 1.
 */
export const wholeNumber = (label: string, min: number, max: number) =>
	v.pipe(
		v.union(
			[
				v.number(),
				v.pipe(
					v.string(),
					v.trim(),
					v.regex(/^\d{1,9}$/),
					v.transform((s) => Number(s))
				)
			],
			`${label} must be a whole number.`
		),
		v.number(),
		v.integer(`${label} must be a whole number.`),
		v.minValue(min, `${label} must be at least ${min}.`),
		v.maxValue(max, `${label} must be at most ${max}.`)
	);

/** The question an answer, a timeout or "next" is about. */
export const questionIndex = wholeNumber('The question number', 0, MAX_INDEX);

/** A player's response as the game core takes it (the JSON API's `response`). */
export const ResponseSchema = v.variant(
	'kind',
	[
		v.object({
			kind: v.literal('name'),
			techniqueId: v.picklist(TECHNIQUE_IDS, 'Choose one of the techniques shown.')
		}),
		v.object({
			kind: v.literal('find'),
			range: v.tuple([
				v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(MAX_OFFSET)),
				v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(MAX_OFFSET))
			])
		}),
		v.object({ kind: v.literal('judge'), loaded: v.boolean() })
	],
	'Say which kind of question this answer is for.'
);

/**
 * An answer as an HTML form posts it (solo, assignments, the live game without JavaScript):
 * the kind's fields as strings, read into the same `response` the JSON API takes.
 */
export const AnswerFormSchema = v.pipe(
	v.variant(
		'kind',
		[
			v.object({
				kind: v.literal('name'),
				technique: v.picklist(TECHNIQUE_IDS, 'Choose one of the techniques shown.')
			}),
			v.object({
				kind: v.literal('find'),
				start: wholeNumber('The start of the selection', 0, MAX_OFFSET),
				end: wholeNumber('The end of the selection', 0, MAX_OFFSET)
			}),
			v.object({
				kind: v.literal('judge'),
				verdict: v.picklist(['loaded', 'straight'], 'Choose loaded or straight.')
			})
		],
		'Say which kind of question this answer is for.'
	),
	v.transform((input): v.InferOutput<typeof ResponseSchema> => {
		switch (input.kind) {
			case 'name':
				return { kind: 'name', techniqueId: input.technique };
			case 'find':
				return { kind: 'find', range: [input.start, input.end] };
			case 'judge':
				return { kind: 'judge', loaded: input.verdict === 'loaded' };
		}
	})
);

/** A client-chosen id, so that a retried answer is stored once and answered the same way. */
export const requestId = v.pipe(
	v.string('The request id must be text.'),
	v.minLength(1, 'The request id is missing.'),
	v.maxLength(100, 'The request id is at most 100 characters.')
);

/** A live answer as the JSON API takes it. */
export const LiveAnswerSchema = v.object({
	questionIndex: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(MAX_INDEX)),
	requestId,
	response: ResponseSchema,
	/** Optional confidence rating, kept only when the host asked for ratings. */
	confidence: v.optional(v.nullable(v.picklist(['sure', 'unsure'])), null)
});

/** The round a host or a solo player asks for, and the configuration stored with a game. */
export const RoundConfigSchema = v.object({
	articleId: v.nullable(v.pipe(v.string(), v.minLength(1), v.maxLength(200))),
	families: v.pipe(v.array(v.picklist(FAMILY_IDS)), v.maxLength(FAMILY_IDS.length)),
	count: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(50)),
	secondsPerQuestion: v.nullable(v.pipe(v.number(), v.integer(), v.minValue(5), v.maxValue(600))),
	scoring: v.picklist(['speed', 'accuracy']),
	streaks: v.boolean(),
	focusTechniques: v.optional(v.array(v.picklist(TECHNIQUE_IDS)), []),
	/** Collections the teacher opted into; empty: the bundled content. */
	sources: v.optional(
		v.pipe(v.array(v.pipe(v.string(), v.minLength(1), v.maxLength(200))), v.maxLength(100)),
		[]
	),
	difficulty: v.optional(v.picklist(ROUND_DIFFICULTIES), 'mixed'),
	askConfidence: v.optional(v.boolean(), false),
	/** Unreviewed items of imported collections too (a teacher's game only; ignored for solo). */
	includeUnreviewed: v.optional(v.boolean())
});

/** What a round draws from, as the host form and solo play's form ask it: all, one article, families. */
export const contentScope = v.optional(
	v.picklist(['all', 'article', 'families'], 'Choose all content, one article or some families.'),
	'all'
);

/**
 * The host form's round settings as posted (strings; `families` and `sources` as lists), read
 * into a round configuration and checked by RoundConfigSchema, so the form refuses what the JSON
 * API refuses. Each refusal's message names the field in words.
 */
export const HostFormSchema = v.pipe(
	v.object({
		content: contentScope,
		articleId: v.optional(
			v.pipe(v.string(), v.trim(), v.maxLength(200, 'Choose an article from the list.')),
			''
		),
		families: v.optional(
			v.pipe(
				v.array(v.picklist(FAMILY_IDS, 'Choose at least one known family.')),
				v.maxLength(FAMILY_IDS.length, 'Choose each family once.')
			),
			[]
		),
		count: v.optional(wholeNumber('The number of questions', 1, 50), 10),
		seconds: v.optional(
			v.union(
				[v.literal('untimed'), wholeNumber('Seconds per question', 5, 600)],
				'Seconds per question must be a whole number, or untimed.'
			),
			20
		),
		scoring: v.optional(v.picklist(['speed', 'accuracy'], 'Choose a scoring.'), 'speed'),
		streaks: v.optional(v.string()),
		sources: v.optional(
			v.pipe(
				v.array(
					v.pipe(
						v.string('A source must be named.'),
						v.minLength(1, 'A source must be named.'),
						v.maxLength(200, 'Choose a source from the list.')
					)
				),
				v.maxLength(100, 'Choose fewer sources.')
			),
			[]
		),
		difficulty: v.optional(
			v.picklist(ROUND_DIFFICULTIES, 'Choose easy, mixed or hard questions.'),
			'mixed'
		),
		askConfidence: v.optional(v.string()),
		includeUnreviewed: v.optional(v.string())
	}),
	v.check((f) => f.content !== 'article' || f.articleId !== '', 'Choose an article.'),
	v.transform((f): v.InferInput<typeof RoundConfigSchema> => ({
		articleId: f.content === 'article' ? f.articleId : null,
		families: f.content === 'families' ? f.families : [],
		count: f.count,
		secondsPerQuestion: f.seconds === 'untimed' ? null : f.seconds,
		scoring: f.scoring,
		streaks: f.scoring === 'speed' && f.streaks === 'on',
		focusTechniques: [],
		sources: f.sources,
		difficulty: f.difficulty,
		askConfidence: f.askConfidence === 'on',
		...(f.includeUnreviewed === 'on' ? { includeUnreviewed: true } : {})
	})),
	RoundConfigSchema
);

/** The first few validation issues as one line a person can read ("path: message; …"). */
export function issuesMessage(issues: v.BaseIssue<unknown>[]): string {
	return issues
		.slice(0, 3)
		.map((i) => {
			const path = i.path?.map((p) => String(p.key)).join('.');
			return path ? `${path}: ${i.message}` : i.message;
		})
		.join('; ');
}

/** Longest title of a game or assignment, in characters. */
export const GAME_TITLE_MAX = 100;

/** A new title for a game or assignment (the report's rename form): one line, 1 to 100 characters. */
export const GameTitleSchema = v.object({
	title: v.pipe(
		v.string('Give the game a title.'),
		v.transform((s) => s.normalize('NFC').replace(/\s+/gu, ' ').trim()),
		v.minLength(1, 'Give the game a title.'),
		v.check(
			(s) => Array.from(s).length <= GAME_TITLE_MAX,
			`The title can be at most ${GAME_TITLE_MAX} characters long.`
		)
	)
});

const NEED_HELP_MESSAGE = `Give the need-help threshold as a whole percentage from ${NEED_HELP_PERCENT.min} to ${NEED_HELP_PERCENT.max}.`;

/**
 * The report's need-help threshold (its form): a whole percentage from 1 to 99, as a form sends
 * it ("30", optionally "30%"). Anything else (empty, "0", "100", "30.5", "1e1") is refused with
 * one message that says what to give.
 */
export const NeedHelpThresholdSchema = v.object({
	threshold: v.pipe(
		v.string(NEED_HELP_MESSAGE),
		v.trim(),
		v.regex(/^\d{1,2}%?$/, NEED_HELP_MESSAGE),
		v.transform((s) => Number(s.replace('%', ''))),
		v.minValue(NEED_HELP_PERCENT.min, NEED_HELP_MESSAGE),
		v.maxValue(NEED_HELP_PERCENT.max, NEED_HELP_MESSAGE)
	)
});
