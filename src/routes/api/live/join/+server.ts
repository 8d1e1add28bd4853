import { json } from '@sveltejs/kit';
import { liveGames } from '$lib/server/live';
import { playerToken, readJson, setPlayerCookie, withLiveErrors } from '$lib/server/live/http';
import type { RequestHandler } from './$types';

/**
 * Join a live game: `{ code, nickname }`. A device that already holds a seat gets it back (see
 * LiveGames.joinFromJson). scripts/serve.js takes JSON joins here on node:http first.
 */
export const POST: RequestHandler = ({ locals, cookies, url }) =>
	withLiveErrors(async () => {
		const joined = liveGames().joinFromJson(readJson({ locals }), (gameId) =>
			playerToken(cookies, gameId)
		);
		setPlayerCookie(cookies, url, joined.gameId, joined.token);
		return json(joined.reply);
	});
