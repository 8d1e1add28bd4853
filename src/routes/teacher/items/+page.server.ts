import { requireTeacherPage } from '$lib/server/accounts/http';
import { getDb } from '$lib/server/db';
import { ITEM_SORTS, loadItemAnalysis, type ItemSort } from '$lib/server/results/items';
import type { PageServerLoad } from './$types';

/** Item analysis across all play, for teachers only (it shows every item's answer key). */
export const load: PageServerLoad = (event) => {
	requireTeacherPage(event);
	const { url } = event;
	const db = getDb();
	const asked = url.searchParams.get('sort') ?? 'discrimination';
	const sort: ItemSort = (ITEM_SORTS as readonly string[]).includes(asked)
		? (asked as ItemSort)
		: 'discrimination';
	const descending = url.searchParams.get('dir') === 'desc';
	const flaggedOnly = url.searchParams.get('flagged') === '1';
	const items = loadItemAnalysis(db, sort, descending);
	return {
		sort,
		descending,
		flaggedOnly,
		total: items.length,
		flagged: items.filter((i) => i.possiblyMislabelled).length,
		items: flaggedOnly ? items.filter((i) => i.possiblyMislabelled) : items
	};
};
