import { json } from '@sveltejs/kit';
import { signIn } from '$lib/server/accounts/accounts';
import { clientOf, readBody, startSession, withAccountErrors } from '$lib/server/accounts/http';
import { getDb } from '$lib/server/db';
import type { RequestHandler } from './$types';

/** `{ email, password }` → 200 `{ teacher, claimed }` and the session cookie. */
export const POST: RequestHandler = (event) =>
	withAccountErrors(async () => {
		const body = readBody(event);
		const db = getDb();
		const teacher = await signIn(db, body, { client: clientOf(event) });
		const claimed = startSession(db, event, teacher);
		return json({ teacher, claimed });
	});
