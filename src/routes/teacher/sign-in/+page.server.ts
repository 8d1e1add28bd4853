import { fail, redirect } from '@sveltejs/kit';
import { AccountError, signIn } from '$lib/server/accounts/accounts';
import { clientOf, safeNext, startSession } from '$lib/server/accounts/http';
import { getDb } from '$lib/server/db';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals, url }) => {
	const next = safeNext(url.searchParams.get('next'));
	if (locals.teacher) redirect(303, next);
	return { next };
};

export const actions: Actions = {
	default: async (event) => {
		const form = await event.request.formData();
		const email = String(form.get('email') ?? '');
		const db = getDb();
		try {
			const teacher = await signIn(
				db,
				{ email, password: form.get('password') },
				{ client: clientOf(event) }
			);
			startSession(db, event, teacher);
		} catch (e) {
			if (e instanceof AccountError) return fail(e.status, { message: e.message, email });
			throw e;
		}
		redirect(303, safeNext(String(form.get('next') ?? '')));
	}
};
