import { redirect } from '@sveltejs/kit';
import { resolve } from '$app/paths';
import { assignmentInfo, heldSeat, joinAssignment } from '$lib/server/assignments/assignments';
import { heldCheckSeat, linkCheckSeat, type CheckLink } from '$lib/server/assignments/checkSeats';
import { getDb } from '$lib/server/db';
import { limits } from '$lib/server/limits/limits';
import { orFailure } from '$lib/server/refusal';
import { assignmentToken, setAssignmentCookie, setResumeCookie } from '../cookie';
import { findAssignment } from '../findAssignment';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

/**
 * The join form; a browser that already holds a seat goes straight back to it. A later check
 * (after teaching, delayed) is entered with the seat this browser holds in an earlier one, or
 * with the resume code shown there; never by nickname.
 */
export const load: PageServerLoad = ({ params, cookies }) => {
	const game = findAssignment(params.code);
	if (heldSeat(getDb(), game.id, assignmentToken(cookies, game.id)))
		redirect(303, resolve('/a/[code]/play', { code: params.code }));
	return {
		info: assignmentInfo(game),
		held: heldCheckSeat(getDb(), game, (id) => assignmentToken(cookies, id))
	};
};

/** A seat as the assignment services hand it over (with its resume code, for a later check). */
type Taken = { gameId: string; token: string; resumeCode?: string | null };

/**
 * Seats the student with `take` (given this browser's token for the assignment and the seat
 * limit), keeps the seat (and any resume code) in this browser and sends them to play it; a
 * refusal is a form failure that gives back what they typed (`typed`).
 */
function seatAndPlay<Typed extends Record<string, string>>(
	{ params, cookies, url }: RequestEvent,
	take: (token: string | undefined, maxPlayers: number) => Taken,
	typed: Typed
) {
	const game = findAssignment(params.code);
	return orFailure(
		() => {
			const joined = take(assignmentToken(cookies, game.id), limits().playersPerGame);
			const deadline = game.deadline?.getTime() ?? 0;
			setAssignmentCookie(cookies, url, joined.gameId, joined.token, deadline);
			if (joined.resumeCode) setResumeCookie(cookies, url, game.id, joined.resumeCode, deadline);
			redirect(303, resolve('/a/[code]/play', { code: params.code }));
		},
		({ message }) => ({ message, ...typed })
	);
}

/** Seats the student in a later check by `link`, and sends them to play it. */
function linked(event: RequestEvent, link: CheckLink, typed: string) {
	return seatAndPlay(
		event,
		(token, maxPlayers) =>
			linkCheckSeat(getDb(), event.params.code, link, token, Date.now(), maxPlayers),
		{ resumeCode: typed }
	);
}

export const actions: Actions = {
	/**
	 * Joins with a nickname; on a later check, `via=seat` enters with the seat this browser holds
	 * in an earlier check, and a `resumeCode` with the code shown there.
	 */
	default: async (event) => {
		const { params, request, cookies } = event;
		const form = await request.formData();
		if (form.get('via') === 'seat') {
			return linked(event, { by: 'seat', tokenOf: (id) => assignmentToken(cookies, id) }, '');
		}
		if (form.has('resumeCode')) {
			const typed = String(form.get('resumeCode') ?? '');
			return linked(event, { by: 'code', resumeCode: typed }, typed);
		}
		const nickname = String(form.get('nickname') ?? '');
		return seatAndPlay(
			event,
			(token, maxPlayers) =>
				joinAssignment(getDb(), params.code, nickname, token, Date.now(), maxPlayers),
			{ nickname }
		);
	}
};
