import { json } from '@sveltejs/kit';
import { requireTeacherApi, withAccountErrors } from '$lib/server/accounts/http';
import type { RequestHandler } from './$types';

/** The signed-in teacher `{ teacher: { id, email } }`, or 401. */
export const GET: RequestHandler = ({ locals }) =>
	withAccountErrors(() => json({ teacher: requireTeacherApi(locals) }));
