import { error, fail, redirect } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import {
	SoloError,
	answerSoloQuestion,
	createPracticeGameOffThread,
	getSoloView,
	loadLeaderboard,
	nextSoloQuestion,
	quitSoloGame,
	startSoloGame,
	timeoutSoloQuestion
} from '$lib/server/solo/soloGame';
import { setSoloCookie, soloToken } from '../cookie';
import type { Actions, PageServerLoad } from './$types';

/** Only what the player may see now: the public question while answering, never the key. */
export const load: PageServerLoad = ({ params, cookies }) => {
	const db = getDb();
	try {
		const view = getSoloView(db, params.id, soloToken(cookies));
		return { view, leaderboard: view.summary ? loadLeaderboard(db, 10) : [] };
	} catch (e) {
		if (e instanceof SoloError) error(e.status, e.message);
		throw e;
	}
};

/** Runs a service call, turning a refusal into a form failure with its message. */
function attempt(run: () => void) {
	try {
		run();
		return { ok: true };
	} catch (e) {
		if (e instanceof SoloError) return fail(e.status, { message: e.message });
		throw e;
	}
}

async function body(request: Request) {
	return Object.fromEntries(await request.formData());
}

export const actions: Actions = {
	start: ({ params, cookies }) =>
		attempt(() => startSoloGame(getDb(), params.id, soloToken(cookies))),
	answer: async ({ params, cookies, request }) => {
		const input = await body(request);
		return attempt(() => answerSoloQuestion(getDb(), params.id, soloToken(cookies), input));
	},
	timeout: async ({ params, cookies, request }) => {
		const input = await body(request);
		return attempt(() => timeoutSoloQuestion(getDb(), params.id, soloToken(cookies), input));
	},
	next: async ({ params, cookies, request }) => {
		const input = await body(request);
		return attempt(() => nextSoloQuestion(getDb(), params.id, soloToken(cookies), input));
	},
	quit: ({ params, cookies }) =>
		attempt(() => quitSoloGame(getDb(), params.id, soloToken(cookies))),
	practice: async ({ params, cookies, url }) => {
		let created;
		try {
			created = await createPracticeGameOffThread(getDb(), params.id, soloToken(cookies));
		} catch (e) {
			if (e instanceof SoloError) return fail(e.status, { message: e.message });
			throw e;
		}
		setSoloCookie(cookies, url, created.token);
		redirect(303, `/play/${created.gameId}`);
	}
};
