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

/**
 * Runs a service call, turning a refusal into a form failure with its message. The game's new
 * view comes back with the result, so the enhanced page shows it (the feedback of an answer
 * included) without reloading the page's data.
 */
function attempt(id: string, token: string | undefined, run: () => void) {
	try {
		run();
		return { ok: true, view: getSoloView(getDb(), id, token) };
	} catch (e) {
		if (e instanceof SoloError) return fail(e.status, { message: e.message });
		throw e;
	}
}

async function body(request: Request) {
	return Object.fromEntries(await request.formData());
}

export const actions: Actions = {
	start: ({ params, cookies }) => {
		const token = soloToken(cookies);
		return attempt(params.id, token, () => startSoloGame(getDb(), params.id, token));
	},
	answer: async ({ params, cookies, request }) => {
		const input = await body(request);
		const token = soloToken(cookies);
		return attempt(params.id, token, () => answerSoloQuestion(getDb(), params.id, token, input));
	},
	timeout: async ({ params, cookies, request }) => {
		const input = await body(request);
		const token = soloToken(cookies);
		return attempt(params.id, token, () => timeoutSoloQuestion(getDb(), params.id, token, input));
	},
	next: async ({ params, cookies, request }) => {
		const input = await body(request);
		const token = soloToken(cookies);
		return attempt(params.id, token, () => nextSoloQuestion(getDb(), params.id, token, input));
	},
	quit: ({ params, cookies }) => {
		const token = soloToken(cookies);
		return attempt(params.id, token, () => quitSoloGame(getDb(), params.id, token));
	},
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
