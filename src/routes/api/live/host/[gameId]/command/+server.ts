import { json } from '@sveltejs/kit';
import { liveGames } from '$lib/server/live';
import { readJson, withLiveErrors } from '$lib/server/live/http';
import type { RequestHandler } from './$types';

/**
 * Host commands: `{ command: 'start' | 'next' | 'skip' | 'end' }` or `{ command: 'remove', playerId }`
 * (see LiveGames.hostCommand). scripts/serve.js takes JSON posts here on node:http first.
 */
export const POST: RequestHandler = ({ params, locals }) =>
	withLiveErrors(async () =>
		json(liveGames().hostCommand(params.gameId, locals.teacher?.id, readJson({ locals })))
	);
