import { json } from '@sveltejs/kit';
import { changePassword } from '$lib/server/accounts/accounts';
import {
	SESSION_COOKIE,
	readBody,
	requireTeacherApi,
	withAccountErrors
} from '$lib/server/accounts/http';
import { getDb } from '$lib/server/db';
import type { RequestHandler } from './$types';

/** `{ current, next }` → 200; every other session of the account is ended. */
export const POST: RequestHandler = ({ locals, cookies }) =>
	withAccountErrors(async () => {
		const teacher = requireTeacherApi(locals);
		const body = readBody({ locals });
		await changePassword(
			getDb(),
			teacher.id,
			{ current: body.current, next: body.next },
			cookies.get(SESSION_COOKIE)
		);
		return json({ changed: true });
	});
