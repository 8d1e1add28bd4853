/**
 * Request bodies of the live game: the shared request schemas under the names the live routes
 * use, plus the host's commands.
 */
import * as v from 'valibot';
import { LiveAnswerSchema, RoundConfigSchema } from '../requestSchemas';

export { issuesMessage } from '../requestSchemas';

/** One player's answer to the open question. */
export const answerBodySchema = LiveAnswerSchema;

/** The round a host asks for. */
export const roundConfigSchema = RoundConfigSchema;

/** A host command: `start`, `next`, `skip`, `end`, or removing one player. */
export const commandSchema = v.variant('command', [
	v.object({ command: v.picklist(['start', 'next', 'skip', 'end']) }),
	v.object({ command: v.literal('remove'), playerId: v.pipe(v.string(), v.minLength(1)) })
]);
