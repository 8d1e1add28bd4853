import { requireTeacherPage } from '$lib/server/accounts/http';
import { getDb } from '$lib/server/db';
import { ITEM_SORTS, loadItemAnalysis, type ItemSort } from '$lib/server/results/items';
import type { PageServerLoad } from './$types';

/** Item analysis across all play, for signed-in teachers only (it shows every item's key). */
export const load: PageServerLoad = (event) => {
	requireTeacherPage(event);
	const { searchParams } = event.url;
	const asked = searchParams.get('sort') ?? 'discrimination';
	const sort: ItemSort = (ITEM_SORTS as readonly string[]).includes(asked)
		? (asked as ItemSort)
		: 'discrimination';
	const descending = searchParams.get('dir') === 'desc';
	const flaggedOnly = searchParams.get('flagged') === '1';
	const items = loadItemAnalysis(getDb(), sort, descending);
	return {
		sort,
		descending,
		flaggedOnly,
		total: items.length,
		flagged: items.filter((i) => i.possiblyMislabelled).length,
		items: flaggedOnly ? items.filter((i) => i.possiblyMislabelled) : items
	};
};
