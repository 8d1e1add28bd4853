import { requireTeacherPage } from '$lib/server/accounts/http';
import { listOwnArticles, listSharedArticles } from '$lib/server/articles/articles';
import { getDb } from '$lib/server/db';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => {
	const teacher = requireTeacherPage(event);
	return {
		own: listOwnArticles(getDb(), teacher.id),
		shared: listSharedArticles(getDb(), teacher.id)
	};
};
