import { json } from '@sveltejs/kit';
import * as v from 'valibot';
import { liveGames } from '$lib/server/live';
import { readJson, withLiveErrors } from '$lib/server/live/http';
import { LiveError } from '$lib/server/live/errors';
import { roundConfigSchema } from '$lib/server/live/schemas';
import type { RoundConfig } from '$lib/game/types';
import type { RequestHandler } from './$types';

/** Create a live game, owned by the signed-in teacher, from a round configuration. */
export const POST: RequestHandler = ({ locals }) => {
	return withLiveErrors(async () => {
		if (!locals.teacher) {
			throw new LiveError(401, 'not_signed_in', 'Sign in as a teacher to host a game.');
		}
		const parsed = v.safeParse(roundConfigSchema, readJson({ locals }));
		if (!parsed.success) {
			throw new LiveError(
				400,
				'bad_config',
				`The round configuration is not valid: ${parsed.issues[0].message}.`
			);
		}
		const created = await liveGames().createFromConfig(parsed.output as RoundConfig, {
			ownerId: locals.teacher.id
		});
		return json({ gameId: created.gameId, code: created.joinCode }, { status: 201 });
	});
};
