import { fail, redirect } from '@sveltejs/kit';
import * as v from 'valibot';
import { resolve } from '$app/paths';
import { AnswerFormSchema, issuesMessage, questionIndex } from '$lib/server/requestSchemas';
import { getDb } from '$lib/server/db';
import { loadGameName } from '$lib/server/gameNames';
import { liveGames } from '$lib/server/live';
import { playerToken } from '$lib/server/live/http';
import { orErrorPage, orFailure } from '$lib/server/refusal';
import type { Actions, PageServerLoad } from './$types';

/** The player's screen. Without a seat on this device, the join form (code filled in). */
export const load: PageServerLoad = async ({ params, cookies }) => {
	const live = liveGames();
	const { view, name } = await orErrorPage(() => {
		const game = live.byCode(params.code);
		const seat = live.playerByToken(game, playerToken(cookies, game.id));
		return {
			view: seat ? live.playerView(game, seat.id) : null,
			name: loadGameName(getDb(), game.id)
		};
	});
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
		const tokenOf = (gameId: string) => playerToken(cookies, gameId);
		return orFailure(
			async () => ({ receipt: await liveGames().submitAnswer(params.code, tokenOf, body) }),
			({ message, code }) => ({ message, code })
		);
	}
};
