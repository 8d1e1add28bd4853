import type { ServerInit } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { migrateDatabase } from '$lib/server/db/open';
import { syncTechniques } from '$lib/server/content/techniques';
import { ensureBundledContent } from '$lib/server/content/bundled';
import { warmRoundBuilder } from '$lib/server/content/roundBuilder';
import { registerAnswerEndpoint, restoreLiveGames } from '$lib/server/live';

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
	// scripts/serve.js answers live answers on node:http, ahead of SvelteKit's router.
	registerAnswerEndpoint();
};
