import { requireTeacherPage } from '$lib/server/accounts/http';
import { getDb } from '$lib/server/db';
import { filterTeacherGames, listTeacherGames } from '$lib/server/teacher/home';
import type { PageServerLoad } from './$types';

/** The signed-in teacher's games and assignments, filtered by ?q= (title) and ?from=/?to= dates. */
export const load: PageServerLoad = (event) => {
	const teacher = requireTeacherPage(event);
	const params = event.url.searchParams;
	const filter = {
		q: params.get('q') ?? '',
		from: params.get('from') ?? '',
		to: params.get('to') ?? ''
	};
	const all = listTeacherGames(getDb(), teacher.id);
	return {
		email: teacher.email,
		filter,
		total: all.length,
		games: filterTeacherGames(all, filter),
		deleted: params.has('deleted')
	};
};
