import { getDb } from '$lib/server/db';
import { techniqueCounts } from '$lib/server/db/queries';
import type { PageServerLoad } from './$types';

// The guide shows only invented examples (techniques.ts), never quiz items: it is one tap away
// during a live game, and real labelled passages would give answers away.
export const load: PageServerLoad = () => ({
	counts: Object.fromEntries(techniqueCounts(getDb()))
});
