import { requireTeacherPage } from '$lib/server/accounts/http';
import { listSources } from '$lib/server/content/roundSources';
import { getDb } from '$lib/server/db';
import { reviewProgress } from '$lib/server/review/reviews';
import type { PageServerLoad } from './$types';

/** The imported collections and how far their review has got (signed-in teachers only). */
export const load: PageServerLoad = (event) => {
	requireTeacherPage(event);
	const db = getDb();
	const progress = reviewProgress(db);
	return {
		collections: listSources(db)
			.filter((s) => progress.has(s.id))
			.map((s) => ({ id: s.id, articles: s.articles, public: s.public, ...progress.get(s.id)! }))
	};
};
