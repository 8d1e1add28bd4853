import { redirect } from '@sveltejs/kit';
import { endSession } from '$lib/server/accounts/accounts';
import { SESSION_COOKIE, clearSessionCookie } from '$lib/server/accounts/http';
import { getDb } from '$lib/server/db';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals }) => {
	if (!locals.teacher) redirect(303, '/');
	return {};
};

export const actions: Actions = {
	default: ({ cookies, locals }) => {
		endSession(getDb(), cookies.get(SESSION_COOKIE));
		clearSessionCookie(cookies);
		locals.teacher = null;
		redirect(303, '/');
	}
};
