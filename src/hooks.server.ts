import type { Handle, ServerInit } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { migrateDatabase } from '$lib/server/db/open';
import { syncTechniques } from '$lib/server/content/techniques';
import { ensureBundledContent } from '$lib/server/content/bundled';
import { guardRequest } from '$lib/server/http/guard';
import { restoreLiveGames } from '$lib/server/live';

/** Runs once at start-up: migrate, write the taxonomy, load bundled content into an empty DB. */
export const init: ServerInit = async () => {
	const db = getDb();
	migrateDatabase(db);
	syncTechniques(db);
	ensureBundledContent(db);
	// Resume live games where they were; question deadlines are re-armed from their timestamps.
	restoreLiveGames();
};

/** Headers on every response (the Content-Security-Policy comes from `kit.csp`). */
const SECURITY_HEADERS = {
	'x-content-type-options': 'nosniff',
	'referrer-policy': 'strict-origin-when-cross-origin',
	'x-frame-options': 'DENY',
	'cross-origin-opener-policy': 'same-origin'
};

/** Refuses unreadable bodies and requests over a limit; adds the security headers. */
export const handle: Handle = async ({ event, resolve }) => {
	const response = (await guardRequest(event)) ?? (await resolve(event));
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
