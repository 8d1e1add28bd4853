import { redirect } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { orErrorPageNow, orFailure } from '$lib/server/refusal';
import { seatActions } from '$lib/server/solo/formActions';
import { createPracticeGame, getSoloView, loadLeaderboard } from '$lib/server/solo/soloGame';
import { setSoloCookie, soloToken } from '../cookie';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

/** Only what the player may see now: the public question while answering, never the key. */
export const load: PageServerLoad = ({ params, cookies }) =>
	orErrorPageNow(() => {
		const db = getDb();
		const view = getSoloView(db, params.id, soloToken(cookies));
		return { view, leaderboard: view.summary ? loadLeaderboard(db, 10) : [] };
	});

export const actions: Actions = {
	...seatActions(getDb, ({ params, cookies }: RequestEvent) => ({
		gameId: params.id,
		token: soloToken(cookies)
	})),
	practice: ({ params, cookies, url }) =>
		orFailure(
			async () => {
				const created = await createPracticeGame(getDb(), params.id, soloToken(cookies));
				setSoloCookie(cookies, url, created.token);
				redirect(303, `/play/${created.gameId}`);
			},
			({ message }) => ({ message })
		)
};
