import { redirect } from '@sveltejs/kit';
import { resolve } from '$app/paths';
import { assignmentInfo } from '$lib/server/assignments/assignments';
import { resumeSeat } from '$lib/server/assignments/resume';
import { getDb } from '$lib/server/db';
import { orFailure } from '$lib/server/refusal';
import { setAssignmentCookie, setResumeCookie } from '../../cookie';
import { findAssignment } from '../../findAssignment';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ params }) => ({
	info: assignmentInfo(findAssignment(params.code))
});

export const actions: Actions = {
	/** Moves a seat started on another device here, with the resume code shown there. */
	default: async ({ params, request, cookies, url }) => {
		const form = await request.formData();
		const typed = String(form.get('resumeCode') ?? '');
		const game = findAssignment(params.code);
		return orFailure(
			() => {
				const moved = resumeSeat(getDb(), game.id, typed);
				const deadline = game.deadline?.getTime() ?? 0;
				setAssignmentCookie(cookies, url, game.id, moved.token, deadline);
				setResumeCookie(cookies, url, game.id, moved.code, deadline);
				redirect(303, resolve('/a/[code]/play', { code: params.code }));
			},
			({ message }) => ({ message, code: typed })
		);
	}
};
