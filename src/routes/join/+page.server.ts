import { joinFromForm } from '$lib/server/live/joinForm';
import type { Actions } from './$types';

export const actions: Actions = {
	default: ({ request, cookies, url }) => joinFromForm(request, cookies, url)
};
