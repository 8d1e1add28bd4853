import { json } from '@sveltejs/kit';
import * as v from 'valibot';
import { liveGames } from '$lib/server/live';
import { readJson, withLiveErrors } from '$lib/server/live/http';
import { LiveError } from '$lib/server/live/errors';
import { commandSchema } from '$lib/server/live/schemas';
import type { RequestHandler } from './$types';

/** Host commands: `{ command: 'start' | 'next' | 'skip' | 'end' }` or `{ command: 'remove', playerId }`. */
export const POST: RequestHandler = ({ params, locals }) => {
	return withLiveErrors(async () => {
		const body = readJson({ locals });
		const live = liveGames();
		const game = live.get(params.gameId);
		live.authorizeHost(game, locals.teacher?.id);
		const parsed = v.safeParse(commandSchema, body);
		if (!parsed.success) {
			throw new LiveError(
				400,
				'bad_command',
				'Send { "command": "start" | "next" | "skip" | "end" } or { "command": "remove", "playerId": "…" }.'
			);
		}
		const cmd = parsed.output;
		if (cmd.command === 'remove') live.remove(game, cmd.playerId);
		else live.command(game, cmd.command);
		return json(live.hostView(game));
	});
};
