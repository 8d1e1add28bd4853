import { error, fail, redirect, type Cookies } from '@sveltejs/kit';
import { resolve } from '$app/paths';
import { assignmentInfo, seatByToken } from '$lib/server/assignments/assignments';
import { getDb } from '$lib/server/db';
import {
	SoloError,
	answerSoloQuestion,
	getSoloView,
	nextSoloQuestion,
	quitSoloGame,
	startSoloGame,
	timeoutSoloQuestion
} from '$lib/server/solo/soloGame';
import { ensureResumeCode } from '$lib/server/assignments/resume';
import { assignmentToken, rememberedResumeCode, setResumeCookie } from '../../cookie';
import { findAssignment } from '../../findAssignment';
import type { Actions, PageServerLoad } from './$types';

/** The student's own round, through the solo service: only what they may see now. */
export const load: PageServerLoad = ({ params, cookies, url }) => {
	const db = getDb();
	const game = findAssignment(params.code);
	const token = assignmentToken(cookies, game.id);
	const seat = seatByToken(db, game.id, token);
	if (!seat) redirect(303, resolve('/a/[code]', { code: params.code }));
	try {
		const view = getSoloView(db, game.id, token);
		// The code that moves this seat to another device, shown on the student's screen.
		const resumeCode = ensureResumeCode(db, seat.id, rememberedResumeCode(cookies, game.id));
		setResumeCookie(cookies, url, game.id, resumeCode, game.deadline?.getTime() ?? 0);
		return { info: assignmentInfo(game), view, resumeCode };
	} catch (e) {
		if (e instanceof SoloError) error(e.status, e.message);
		throw e;
	}
};

/**
 * Runs a solo-service call on this student's seat, turning a refusal into a form failure. The
 * seat's new view comes back with the result, so the enhanced page shows it without reloading.
 */
async function attempt(
	{ params, cookies, request }: { params: { code: string }; cookies: Cookies; request: Request },
	run: (gameId: string, token: string | undefined, body: Record<string, FormDataEntryValue>) => void
) {
	const body = Object.fromEntries(await request.formData());
	const game = findAssignment(params.code);
	try {
		const token = assignmentToken(cookies, game.id);
		run(game.id, token, body);
		return { ok: true, view: getSoloView(getDb(), game.id, token) };
	} catch (e) {
		if (e instanceof SoloError) return fail(e.status, { message: e.message });
		throw e;
	}
}

export const actions: Actions = {
	start: (event) => attempt(event, (id, token) => startSoloGame(getDb(), id, token)),
	answer: (event) =>
		attempt(event, (id, token, body) => answerSoloQuestion(getDb(), id, token, body)),
	timeout: (event) =>
		attempt(event, (id, token, body) => timeoutSoloQuestion(getDb(), id, token, body)),
	next: (event) => attempt(event, (id, token, body) => nextSoloQuestion(getDb(), id, token, body)),
	quit: (event) => attempt(event, (id, token) => quitSoloGame(getDb(), id, token))
};
