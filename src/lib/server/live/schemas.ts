/**
 * Request bodies of the live game, validated at the edge with valibot.
 */
import * as v from 'valibot';
import { ROUND_DIFFICULTIES } from '../../game/difficulty';
import { FAMILY_IDS, TECHNIQUE_IDS } from '../../game/techniques';

const responseSchema = v.variant('kind', [
	v.object({ kind: v.literal('name'), techniqueId: v.picklist(TECHNIQUE_IDS) }),
	v.object({
		kind: v.literal('find'),
		range: v.tuple([
			v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(100_000)),
			v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(100_000))
		])
	}),
	v.object({ kind: v.literal('judge'), loaded: v.boolean() })
]);

/** One player's answer to the open question. */
export const answerBodySchema = v.object({
	questionIndex: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(10_000)),
	requestId: v.pipe(v.string(), v.minLength(1), v.maxLength(100)),
	response: responseSchema,
	/** Optional confidence rating, kept only when the host asked for ratings. */
	confidence: v.optional(v.nullable(v.picklist(['sure', 'unsure'])), null)
});

/** The round a host asks for. */
export const roundConfigSchema = v.object({
	articleId: v.nullable(v.pipe(v.string(), v.minLength(1), v.maxLength(200))),
	families: v.pipe(v.array(v.picklist(FAMILY_IDS)), v.maxLength(FAMILY_IDS.length)),
	count: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(50)),
	secondsPerQuestion: v.nullable(v.pipe(v.number(), v.integer(), v.minValue(5), v.maxValue(600))),
	scoring: v.picklist(['speed', 'accuracy']),
	streaks: v.boolean(),
	focusTechniques: v.optional(v.array(v.picklist(TECHNIQUE_IDS)), []),
	difficulty: v.optional(v.picklist(ROUND_DIFFICULTIES), 'mixed'),
	askConfidence: v.optional(v.boolean(), false)
});

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
