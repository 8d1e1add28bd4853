import { json } from '@sveltejs/kit';
import { env } from '$env/dynamic/private';
import { signUp, signupMode } from '$lib/server/accounts/accounts';
import { readBody, startSession, withAccountErrors } from '$lib/server/accounts/http';
import { getDb } from '$lib/server/db';
import type { RequestHandler } from './$types';

/** `{ email, password, invite? }` → 201 `{ teacher, claimed }` and the session cookie. */
export const POST: RequestHandler = (event) =>
	withAccountErrors(async () => {
		const body = readBody(event);
		const db = getDb();
		const teacher = await signUp(db, body, { mode: signupMode(env.SIGNUP) });
		const claimed = startSession(db, event, teacher);
		return json({ teacher, claimed }, { status: 201 });
	});
