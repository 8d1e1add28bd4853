import { fail, redirect } from '@sveltejs/kit';
import { PASSWORD_MIN, changePassword, confirmPassword } from '$lib/server/accounts/accounts';
import { SESSION_COOKIE, clearSessionCookie, requireTeacherPage } from '$lib/server/accounts/http';
import { getDb } from '$lib/server/db';
import { discardGames } from '$lib/server/live';
import { orFailure } from '$lib/server/refusal';
import { deleteAccount } from '$lib/server/teacher/deletion';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => {
	const teacher = requireTeacherPage(event);
	return { email: teacher.email, minLength: PASSWORD_MIN };
};

export const actions: Actions = {
	/** Changes the password; every other browser signed in to this account is signed out. */
	password: async (event) => {
		const teacher = requireTeacherPage(event);
		const form = await event.request.formData();
		if (form.get('next') !== form.get('repeat')) {
			return fail(400, { password: 'The new password and its repetition differ.' });
		}
		return orFailure(
			async () => {
				await changePassword(
					getDb(),
					teacher.id,
					{ current: form.get('current'), next: form.get('next') },
					event.cookies.get(SESSION_COOKIE)
				);
				return { changed: true };
			},
			({ message }) => ({ password: message })
		);
	},

	/** Deletes the account and everything it owns, after the password and a typed confirmation. */
	delete: async (event) => {
		const teacher = requireTeacherPage(event);
		const form = await event.request.formData();
		if (
			String(form.get('confirm') ?? '')
				.trim()
				.toLowerCase() !== 'delete'
		) {
			return fail(400, { remove: 'Type the word delete to confirm.' });
		}
		const db = getDb();
		return orFailure(
			async () => {
				await confirmPassword(db, teacher.id, form.get('password'));
				const deleted = deleteAccount(db, teacher.id);
				discardGames(deleted.games);
				clearSessionCookie(event.cookies);
				event.locals.teacher = null;
				redirect(303, '/?account=deleted');
			},
			({ message }) => ({ remove: message })
		);
	}
};
