import { signIn } from '$lib/server/accounts/accounts';
import { accountFormAction, clientOf, nextUnlessSignedIn } from '$lib/server/accounts/http';
import { getDb } from '$lib/server/db';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => ({ next: nextUnlessSignedIn(event) });

export const actions: Actions = {
	default: (event) => {
		const db = getDb();
		return accountFormAction(db, event, (form, email) =>
			signIn(db, { email, password: form.get('password') }, { client: clientOf(event) })
		);
	}
};
