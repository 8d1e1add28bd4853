import { getDb } from '$lib/server/db';
import { listArticles, techniqueCounts } from '$lib/server/db/queries';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = () => {
	const db = getDb();
	return {
		articles: listArticles(db),
		techniqueCounts: Object.fromEntries(techniqueCounts(db))
	};
};
