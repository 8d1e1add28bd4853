import { requireTeacherPage } from '$lib/server/accounts/http';
import { getDb } from '$lib/server/db';
import { loadProgress, ownedGameIds } from '$lib/server/results/progress';
import type { PageServerLoad } from './$types';

/** The class's accuracy by technique across this teacher's games and assignments over time. */
export const load: PageServerLoad = (event) => {
	const teacher = requireTeacherPage(event);
	const db = getDb();
	return { progress: loadProgress(db, ownedGameIds(db, teacher.id)) };
};
