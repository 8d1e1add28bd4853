import { fail, redirect } from '@sveltejs/kit';
import { env } from '$env/dynamic/private';
import { AccountError, PASSWORD_MIN, signUp, signupMode } from '$lib/server/accounts/accounts';
import { safeNext, startSession } from '$lib/server/accounts/http';
import { getDb } from '$lib/server/db';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals, url }) => {
	const next = safeNext(url.searchParams.get('next'));
	if (locals.teacher) redirect(303, next);
	return {
		next,
		invite: url.searchParams.get('invite') ?? '',
		mode: signupMode(env.SIGNUP),
		minLength: PASSWORD_MIN
	};
};

export const actions: Actions = {
	default: async (event) => {
		const form = await event.request.formData();
		const email = String(form.get('email') ?? '');
		const db = getDb();
		try {
			const teacher = await signUp(
				db,
				{ email, password: form.get('password'), invite: form.get('invite') ?? undefined },
				{ mode: signupMode(env.SIGNUP) }
			);
			startSession(db, event, teacher);
		} catch (e) {
			if (e instanceof AccountError) return fail(e.status, { message: e.message, email });
			throw e;
		}
		redirect(303, safeNext(String(form.get('next') ?? '')));
	}
};
