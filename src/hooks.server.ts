import type { Handle, HandleServerError, ServerInit } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { migrateDatabase } from '$lib/server/db/open';
import { syncTechniques } from '$lib/server/content/techniques';
import { ensureBundledContent } from '$lib/server/content/bundled';
import { guardRequest } from '$lib/server/http/guard';
import { SECURITY_HEADERS } from '$lib/server/http/securityHeaders';
import { logServerError } from '$lib/server/http/serverErrors';
import { warmRoundBuilder } from '$lib/server/content/roundBuilder';
import { liveGames, restoreLiveGames } from '$lib/server/live';
import { registerNodeEndpoints } from '$lib/server/live/nodeEndpoints';
import { registerWarmUp, warmUp } from '$lib/server/live/warmUp';
import { sessionTeacher, settledSessionTeacher } from '$lib/server/accounts/accounts';
import { SESSION_COOKIE, clearSessionCookie, setSessionCookie } from '$lib/server/accounts/http';

/** Runs once at start-up: migrate, write the taxonomy, load bundled content into an empty DB. */
export const init: ServerInit = async () => {
	const db = getDb();
	migrateDatabase(db);
	syncTechniques(db);
	ensureBundledContent(db);
	// Reads and prepares the content in the round builder's thread before the first game.
	warmRoundBuilder(db);
	// Resume live games where they were; question deadlines are re-armed from their timestamps.
	restoreLiveGames();
	// scripts/serve.js serves players' answers and event streams and the host's commands on
	// node:http, ahead of SvelteKit.
	registerNodeEndpoints(liveGames, (token) => settledSessionTeacher(getDb(), token));
	// A rehearsal game on its own in-memory database, which scripts/serve.js plays before it
	// listens, so the first class runs optimised code (src/lib/server/live/warmUp.ts).
	registerWarmUp(() => warmUp(getDb()));
};

/**
 * Refuses unreadable bodies and requests over a limit; finds who is signed in (only requests that
 * carry a session cookie touch the sessions table); adds the security headers.
 */
export const handle: Handle = async ({ event, resolve }) => {
	event.locals.teacher = null;
	const refused = await guardRequest(event);
	let response: Response;
	if (refused) response = refused;
	else {
		const token = event.cookies.get(SESSION_COOKIE);
		if (token) {
			const session = sessionTeacher(getDb(), token);
			if (!session) clearSessionCookie(event.cookies);
			else {
				event.locals.teacher = session.teacher;
				if (session.extended) setSessionCookie(event.cookies, event.url, token, session.expiresAt);
			}
		}
		response = await resolve(event);
	}
	for (const [name, value] of Object.entries(SECURITY_HEADERS)) {
		if (!response.headers.has(name)) {
			try {
				response.headers.set(name, value);
			} catch {
				// A response with immutable headers (a fetched one) is passed on as it is.
			}
		}
	}
	return response;
};

/**
 * Unexpected errors: the server's own are logged, a client's (a 404, a path that is not valid
 * percent-encoding) are answered and not logged (src/lib/server/http/serverErrors.ts). The browser
 * gets SvelteKit's message either way, never a stack.
 */
export const handleError: HandleServerError = (input) => {
	logServerError(input);
};
