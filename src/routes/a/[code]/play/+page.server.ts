import { redirect } from '@sveltejs/kit';
import { resolve } from '$app/paths';
import { assignmentInfo, seatByToken } from '$lib/server/assignments/assignments';
import { getDb } from '$lib/server/db';
import { orErrorPageNow } from '$lib/server/refusal';
import { seatActions } from '$lib/server/solo/formActions';
import { getSoloView } from '$lib/server/solo/soloGame';
import { ensureResumeCode } from '$lib/server/assignments/resume';
import { assignmentToken, rememberedResumeCode, setResumeCookie } from '../../cookie';
import { findAssignment } from '../../findAssignment';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

/** The student's own round, through the solo service: only what they may see now. */
export const load: PageServerLoad = ({ params, cookies, url }) => {
	const db = getDb();
	const game = findAssignment(params.code);
	const token = assignmentToken(cookies, game.id);
	const seat = seatByToken(db, game.id, token);
	if (!seat) redirect(303, resolve('/a/[code]', { code: params.code }));
	return orErrorPageNow(() => {
		const view = getSoloView(db, game.id, token);
		// The code that moves this seat to another device, shown on the student's screen.
		const resumeCode = ensureResumeCode(db, seat.id, rememberedResumeCode(cookies, game.id));
		setResumeCookie(cookies, url, game.id, resumeCode, game.deadline?.getTime() ?? 0);
		return { info: assignmentInfo(game), view, resumeCode };
	});
};

/** The solo round's actions on this student's seat (see seatActions). */
export const actions: Actions = seatActions(getDb, ({ params, cookies }: RequestEvent) => {
	const game = findAssignment(params.code);
	return { gameId: game.id, token: assignmentToken(cookies, game.id) };
});
