import type { LayoutServerLoad } from './$types';

/** Who is signed in, for the menu (only the e-mail address leaves the server). */
export const load: LayoutServerLoad = ({ locals }) => ({
	teacher: locals.teacher ? { email: locals.teacher.email } : null
});
