import { endSession } from '$lib/server/accounts/accounts';
import { SESSION_COOKIE, clearSessionCookie } from '$lib/server/accounts/http';
import { getDb } from '$lib/server/db';
import type { RequestHandler } from './$types';

/** Ends this browser's session: 204. */
export const POST: RequestHandler = ({ cookies }) => {
	endSession(getDb(), cookies.get(SESSION_COOKIE));
	clearSessionCookie(cookies);
	return new Response(null, { status: 204 });
};
