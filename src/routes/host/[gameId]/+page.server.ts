import QRCode from 'qrcode';
import { env } from '$env/dynamic/private';
import { getDb } from '$lib/server/db';
import { loadGameName } from '$lib/server/gameNames';
import { liveGames } from '$lib/server/live';
import { joinUrl } from '$lib/server/live/http';
import { orErrorPage } from '$lib/server/refusal';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = ({ params, locals, url }) =>
	orErrorPage(async () => {
		const live = liveGames();
		const game = live.get(params.gameId);
		live.authorizeHost(game, locals.teacher?.id);
		const link = joinUrl(env.ORIGIN, url, game.code);
		const qr = await QRCode.toDataURL(link, { margin: 1, width: 320, errorCorrectionLevel: 'M' });
		return { view: live.hostView(game), joinUrl: link, qr, name: loadGameName(getDb(), game.id) };
	});
