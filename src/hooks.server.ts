import type { ServerInit } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { migrateDatabase } from '$lib/server/db/open';
import { syncTechniques } from '$lib/server/content/techniques';
import { ensureBundledContent } from '$lib/server/content/bundled';
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
