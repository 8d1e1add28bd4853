import { error } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { hostedGameIds } from '$lib/server/results/access';
import { ITEM_SORTS, loadItemAnalysis, type ItemSort } from '$lib/server/results/items';
import type { PageServerLoad } from './$types';

/** Item analysis across all play, for teachers only (it shows every item's answer key). */
export const load: PageServerLoad = ({ url, cookies }) => {
	const db = getDb();
	if (hostedGameIds(db, cookies).length === 0) {
		error(403, 'Item analysis is for teachers: host a game or set an assignment first.');
	}
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
