import { error } from '@sveltejs/kit';
import QRCode from 'qrcode';
import { env } from '$env/dynamic/private';
import { getDb } from '$lib/server/db';
import { loadGameName } from '$lib/server/gameNames';
import { liveGames } from '$lib/server/live';
import { LiveError } from '$lib/server/live/errors';
import { joinUrl } from '$lib/server/live/http';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ params, locals, url }) => {
	const live = liveGames();
	try {
		const game = live.get(params.gameId);
		live.authorizeHost(game, locals.teacher?.id);
		const link = joinUrl(env.ORIGIN, url, game.code);
		const qr = await QRCode.toDataURL(link, { margin: 1, width: 320, errorCorrectionLevel: 'M' });
		return { view: live.hostView(game), joinUrl: link, qr, name: loadGameName(getDb(), game.id) };
	} catch (e) {
		if (e instanceof LiveError) error(e.status, e.message);
		throw e;
	}
};
