import { json } from '@sveltejs/kit';
import * as v from 'valibot';
import { liveGames } from '$lib/server/live';
import { readJson, withLiveErrors } from '$lib/server/live/http';
import { LiveError } from '$lib/server/live/errors';
import { roundConfigSchema } from '$lib/server/live/schemas';
import type { RoundConfig } from '$lib/game/types';
import { buildRoundOffThread } from '$lib/server/content/roundBuilder';
import { settleSources } from '$lib/server/content/roundSources';
import { getDb } from '$lib/server/db';
import { newSeed } from '$lib/server/tokens';
import type { RequestHandler } from './$types';

/** Create a live game, owned by the signed-in teacher, from a round configuration. */
export const POST: RequestHandler = ({ locals }) => {
	return withLiveErrors(async () => {
		if (!locals.teacher) {
			throw new LiveError(401, 'not_signed_in', 'Sign in as a teacher to host a game.');
		}
		const body = readJson({ locals });
		const parsed = v.safeParse(roundConfigSchema, body);
		if (!parsed.success) {
			throw new LiveError(
				400,
				'bad_config',
				`The round configuration is not valid: ${parsed.issues[0].message}.`
			);
		}
		// Imported corpora only when the teacher chose them; bundled content otherwise.
		const settled = settleSources(
			getDb(),
			parsed.output as RoundConfig,
			'class',
			locals.teacher.id
		);
		if (!settled.ok) throw new LiveError(400, 'bad_sources', settled.message);
		const config = settled.config;
		// Built off the event loop (a round from a large corpus takes tens of milliseconds or more).
		const seed = newSeed();
		const questions = await buildRoundOffThread(getDb(), config, seed).catch((e: Error) => {
			throw new LiveError(
				400,
				'no_questions',
				`No round could be built from this choice of content: ${e.message}`
			);
		});
		const created = liveGames().create(config, { questions, seed, ownerId: locals.teacher.id });
		return json({ gameId: created.gameId, code: created.joinCode }, { status: 201 });
	});
};
