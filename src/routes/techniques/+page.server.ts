import { getDb } from '$lib/server/db';
import { techniqueCounts, techniqueExamples } from '$lib/server/db/queries';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = () => {
	const db = getDb();
	return {
		examples: Object.fromEntries(techniqueExamples(db, 3)),
		counts: Object.fromEntries(techniqueCounts(db))
	};
};
