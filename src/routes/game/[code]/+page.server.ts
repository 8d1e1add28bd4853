import { error, fail, redirect } from '@sveltejs/kit';
import { resolve } from '$app/paths';
import { liveGames } from '$lib/server/live';
import { LiveError } from '$lib/server/live/errors';
import { playerToken } from '$lib/server/live/http';
import type { Actions, PageServerLoad } from './$types';

/** The player's screen. Without a seat on this device, the join form (code filled in). */
export const load: PageServerLoad = ({ params, cookies }) => {
	const live = liveGames();
	let view;
	try {
		const game = live.byCode(params.code);
		const seat = live.playerByToken(game, playerToken(cookies, game.id));
		if (seat) view = live.playerView(game, seat.id);
	} catch (e) {
		if (e instanceof LiveError) error(e.status, e.message);
		throw e;
	}
	if (!view) redirect(303, resolve('/join/[code]', { code: params.code }));
	return { view };
};

export const actions: Actions = {
	/** Answering without JavaScript: the same rules as the JSON endpoint. */
	answer: async ({ params, cookies, request }) => {
		const form = await request.formData();
		const kind = String(form.get('kind') ?? '');
		const response =
			kind === 'name'
				? { kind, techniqueId: String(form.get('technique') ?? '') }
				: kind === 'judge'
					? { kind, loaded: form.get('verdict') === 'loaded' }
					: { kind, range: [Number(form.get('start')), Number(form.get('end'))] };
		const body = {
			questionIndex: Number(form.get('questionIndex')),
			requestId: String(form.get('requestId') ?? ''),
			response,
			confidence: form.get('confidence') || null
		};
		try {
			const live = liveGames();
			const game = live.byCode(params.code);
			return { receipt: live.answer(game, playerToken(cookies, game.id), body) };
		} catch (e) {
			if (e instanceof LiveError) return fail(e.status, { message: e.message, code: e.code });
			throw e;
		}
	}
};
