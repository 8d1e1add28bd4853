import { redirect } from '@sveltejs/kit';
import { resolve } from '$app/paths';
import { assignmentInfo, joinAssignment, seatByToken } from '$lib/server/assignments/assignments';
import { getDb } from '$lib/server/db';
import { limits } from '$lib/server/limits/limits';
import { orFailure } from '$lib/server/refusal';
import { assignmentToken, setAssignmentCookie } from '../cookie';
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
	default: async ({ params, request, cookies, url }) => {
		const form = await request.formData();
		const nickname = String(form.get('nickname') ?? '');
		const game = findAssignment(params.code);
		return orFailure(
			() => {
				const joined = joinAssignment(
					getDb(),
					params.code,
					nickname,
					assignmentToken(cookies, game.id),
					Date.now(),
					limits().playersPerGame
				);
				const deadline = game.deadline?.getTime() ?? 0;
				setAssignmentCookie(cookies, url, joined.gameId, joined.token, deadline);
				redirect(303, resolve('/a/[code]/play', { code: params.code }));
			},
			({ message }) => ({ message, nickname })
		);
	}
};
