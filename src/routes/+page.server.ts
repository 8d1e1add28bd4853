import { getDb } from '$lib/server/db';
import { listArticles, techniqueCounts } from '$lib/server/db/queries';
import { articleVisible } from '$lib/server/articles/visibility';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = () => {
	const db = getDb();
	return {
		// Teachers' articles are listed here only when shared for solo play.
		articles: listArticles(db).filter((a) => articleVisible(a, 'solo', null)),
		techniqueCounts: Object.fromEntries(techniqueCounts(db))
	};
};
