import { requireTeacherPage } from '$lib/server/accounts/http';
import { getDb } from '$lib/server/db';
import { loadItemAnalysis } from '$lib/server/results/items';
import type { PageServerLoad } from './$types';

/** Item analysis across all play, for signed-in teachers only (it shows every item's key). */
export const load: PageServerLoad = (event) => {
	requireTeacherPage(event);
	const flaggedOnly = event.url.searchParams.get('flagged') === '1';
	const items = loadItemAnalysis(getDb());
	return {
		flaggedOnly,
		total: items.length,
		flagged: items.filter((i) => i.possiblyMislabelled).length,
		items: flaggedOnly ? items.filter((i) => i.possiblyMislabelled) : items
	};
};
