import { env } from '$env/dynamic/private';
import { PASSWORD_MIN, signUp, signupMode } from '$lib/server/accounts/accounts';
import { accountFormAction, nextUnlessSignedIn } from '$lib/server/accounts/http';
import { getDb } from '$lib/server/db';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => ({
	next: nextUnlessSignedIn(event),
	invite: event.url.searchParams.get('invite') ?? '',
	mode: signupMode(env.SIGNUP),
	minLength: PASSWORD_MIN
});

export const actions: Actions = {
	default: (event) => {
		const db = getDb();
		return accountFormAction(db, event, (form, email) =>
			signUp(
				db,
				{ email, password: form.get('password'), invite: form.get('invite') ?? undefined },
				{ mode: signupMode(env.SIGNUP) }
			)
		);
	}
};
