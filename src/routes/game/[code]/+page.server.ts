import { error, fail, redirect } from '@sveltejs/kit';
import * as v from 'valibot';
import { resolve } from '$app/paths';
import { AnswerFormSchema, issuesMessage, questionIndex } from '$lib/server/requestSchemas';
import { getDb } from '$lib/server/db';
import { loadGameName } from '$lib/server/gameNames';
import { liveGames } from '$lib/server/live';
import { LiveError } from '$lib/server/live/errors';
import { playerToken } from '$lib/server/live/http';
import type { Actions, PageServerLoad } from './$types';

/** The player's screen. Without a seat on this device, the join form (code filled in). */
export const load: PageServerLoad = ({ params, cookies }) => {
	const live = liveGames();
	let view;
	let name;
	try {
		const game = live.byCode(params.code);
		const seat = live.playerByToken(game, playerToken(cookies, game.id));
		if (seat) view = live.playerView(game, seat.id);
		name = loadGameName(getDb(), game.id);
	} catch (e) {
		if (e instanceof LiveError) error(e.status, e.message);
		throw e;
	}
	if (!view) redirect(303, resolve('/join/[code]', { code: params.code }));
	return { view, name };
};

export const actions: Actions = {
	/** Answering without JavaScript: the same rules as the JSON endpoint. */
	answer: async ({ params, cookies, request }) => {
		const form = Object.fromEntries(await request.formData());
		const index = v.safeParse(questionIndex, form.questionIndex);
		const response = v.safeParse(AnswerFormSchema, form);
		if (!index.success || !response.success) {
			const issues = !index.success ? index.issues : !response.success ? response.issues : [];
			return fail(400, { message: issuesMessage(issues), code: 'bad_request' });
		}
		const body = {
			questionIndex: index.output,
			requestId: form.requestId,
			response: response.output,
			confidence: form.confidence || null
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
