import { redirect } from '@sveltejs/kit';
import { resolve } from '$app/paths';
import { isOpenAssignmentCode } from '$lib/server/assignments/assignments';
import { getDb } from '$lib/server/db';
import { existingSeat, joinFromForm } from '$lib/server/live/joinForm';
import type { Actions, PageServerLoad } from './$types';

/**
 * What the QR code opens: the join form with the code filled in, or the game if seated. An
 * assignment's code goes to the assignment.
 */
export const load: PageServerLoad = ({ params, cookies }) => {
	if (existingSeat(params.code, cookies))
		redirect(303, resolve('/game/[code]', { code: params.code }));
	if (isOpenAssignmentCode(getDb(), params.code))
		redirect(303, resolve('/a/[code]', { code: params.code }));
	return { code: params.code };
};

export const actions: Actions = {
	default: ({ request, cookies, url }) => joinFromForm(request, cookies, url)
};
