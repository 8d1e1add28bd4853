import { requireTeacherPage } from '$lib/server/accounts/http';
import { itemAnalysisFor } from '$lib/server/articles/quality';
import { getDb } from '$lib/server/db';
import type { PageServerLoad } from './$types';

/**
 * Item analysis across all play, for signed-in teachers only (it shows every item's key); items
 * of another teacher's unshared article are left out, and items of teachers' articles link to
 * their label in the editor.
 */
export const load: PageServerLoad = (event) => {
	const teacher = requireTeacherPage(event);
	const flaggedOnly = event.url.searchParams.get('flagged') === '1';
	const items = itemAnalysisFor(getDb(), teacher.id);
	return {
		flaggedOnly,
		total: items.length,
		flagged: items.filter((i) => i.possiblyMislabelled).length,
		items: flaggedOnly ? items.filter((i) => i.possiblyMislabelled) : items
	};
};
