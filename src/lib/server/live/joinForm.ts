/**
 * The join form (/join and /join/<code>): seat the player, set the token cookie, go to the game.
 * A code that belongs to an open assignment goes to the assignment's page instead. Works without
 * JavaScript.
 */
import { fail, redirect, type Cookies } from '@sveltejs/kit';
import { normaliseJoinCode } from '../../game/answering';
import { isOpenAssignmentCode } from '../assignments/assignments';
import { getDb } from '../db';
import { liveGames } from './index';
import { LiveError } from './errors';
import { playerToken, setPlayerCookie } from './http';

/** Refusals meaning no live game takes players with the code (it may be an assignment's). */
const NO_LIVE_GAME = new Set(['game_not_found', 'game_over']);

export async function joinFromForm(request: Request, cookies: Cookies, url: URL) {
	const form = await request.formData();
	const code = normaliseJoinCode(form.get('code')) ?? '';
	const nickname = String(form.get('nickname') ?? '');
	const values = { code, nickname };
	let target: string;
	try {
		const live = liveGames();
		const game = live.byCode(code);
		const joined = live.join(game.code, nickname, playerToken(cookies, game.id));
		setPlayerCookie(cookies, url, game.id, joined.token);
		target = `/game/${game.code}`;
	} catch (e) {
		if (!(e instanceof LiveError)) throw e;
		if (NO_LIVE_GAME.has(e.code) && isOpenAssignmentCode(getDb(), code)) {
			target = `/a/${code}`;
		} else {
			return fail(e.status, { message: e.message, field: fieldOf(e.code), values });
		}
	}
	redirect(303, target);
}

function fieldOf(code: string): 'code' | 'nickname' | null {
	if (code === 'bad_code' || code === 'game_not_found' || code === 'game_over') return 'code';
	if (code === 'bad_nickname' || code === 'nickname_taken') return 'nickname';
	return null;
}

/** If this device already holds a seat in the game with `code`, where to send it. */
export function existingSeat(code: string, cookies: Cookies): string | null {
	try {
		const live = liveGames();
		const game = live.byCode(code);
		const seat = live.playerByToken(game, playerToken(cookies, game.id));
		return seat && !seat.removed ? `/game/${game.code}` : null;
	} catch {
		return null;
	}
}
