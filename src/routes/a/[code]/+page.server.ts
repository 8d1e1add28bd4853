import { fail, redirect } from '@sveltejs/kit';
import { resolve } from '$app/paths';
import {
	AssignmentError,
	assignmentInfo,
	joinAssignment,
	seatByToken
} from '$lib/server/assignments/assignments';
import { getDb } from '$lib/server/db';
import { resumeSeat } from '$lib/server/assignments/resume';
import { assignmentToken, setAssignmentCookie, setResumeCookie } from '../cookie';
import { findAssignment } from '../findAssignment';
import type { Actions, PageServerLoad } from './$types';

/** The join form; a browser that already holds a seat goes straight back to it. */
export const load: PageServerLoad = ({ params, cookies }) => {
	const game = findAssignment(params.code);
	const seat = seatByToken(getDb(), game.id, assignmentToken(cookies, game.id));
	if (seat && !seat.removed) redirect(303, resolve('/a/[code]/play', { code: params.code }));
	return { info: assignmentInfo(game) };
};

export const actions: Actions = {
	/** Moves a seat started on another device here, with the resume code shown there. */
	resume: async ({ params, request, cookies, url }) => {
		const form = await request.formData();
		const typed = String(form.get('resumeCode') ?? '');
		const game = findAssignment(params.code);
		try {
			const moved = resumeSeat(getDb(), game.id, typed);
			const deadline = game.deadline?.getTime() ?? 0;
			setAssignmentCookie(cookies, url, game.id, moved.token, deadline);
			setResumeCookie(cookies, url, game.id, moved.code, deadline);
		} catch (e) {
			if (e instanceof AssignmentError) {
				return fail(e.status, { resumeMessage: e.message, resumeCode: typed });
			}
			throw e;
		}
		redirect(303, resolve('/a/[code]/play', { code: params.code }));
	},
	default: async ({ params, request, cookies, url }) => {
		const form = await request.formData();
		const nickname = String(form.get('nickname') ?? '');
		const game = findAssignment(params.code);
		try {
			const joined = joinAssignment(
				getDb(),
				params.code,
				nickname,
				assignmentToken(cookies, game.id)
			);
			setAssignmentCookie(cookies, url, joined.gameId, joined.token, game.deadline?.getTime() ?? 0);
		} catch (e) {
			if (e instanceof AssignmentError) return fail(e.status, { message: e.message, nickname });
			throw e;
		}
		redirect(303, resolve('/a/[code]/play', { code: params.code }));
	}
};
