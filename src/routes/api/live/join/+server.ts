import { json } from '@sveltejs/kit';
import { normaliseJoinCode } from '$lib/game/answering';
import { liveGames } from '$lib/server/live';
import { playerToken, readJson, setPlayerCookie, withLiveErrors } from '$lib/server/live/http';
import { LiveError } from '$lib/server/live/errors';
import type { RequestHandler } from './$types';

/** Join a live game: `{ code, nickname }`. A device that already holds a seat gets it back. */
export const POST: RequestHandler = ({ locals, cookies, url }) => {
	return withLiveErrors(async () => {
		const body = readJson({ locals });
		const { code, nickname } = (body ?? {}) as { code?: unknown; nickname?: unknown };
		if (typeof code !== 'string') throw new LiveError(400, 'bad_code', 'A join code is 6 digits.');
		const live = liveGames();
		const game = live.byCode(normaliseJoinCode(code) ?? '');
		const joined = live.join(game.code, nickname, playerToken(cookies, game.id));
		setPlayerCookie(cookies, url, game.id, joined.token);
		return json({
			gameId: game.id,
			code: game.code,
			playerId: joined.player.id,
			nickname: joined.player.nickname,
			rejoined: joined.rejoined
		});
	});
};
