import { fail, redirect } from '@sveltejs/kit';
import * as v from 'valibot';
import { resolve } from '$app/paths';
import { FAMILIES } from '$lib/game/techniques';
import { createClassGame } from '$lib/server/classGames';
import { getDb } from '$lib/server/db';
import { availableSources } from '$lib/server/content/roundSources';
import { articleVisible, TEACHER_ORIGIN } from '$lib/server/articles/visibility';
import type { RoundConfig } from '$lib/game/types';
import { listArticles } from '$lib/server/db/queries';
import { orFailure } from '$lib/server/refusal';
import { reviewProgress } from '$lib/server/review/reviews';
import { requireTeacherPage } from '$lib/server/accounts/http';
import { HostFormSchema } from '$lib/server/requestSchemas';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => {
	const teacher = requireTeacherPage(event);
	// Other teachers' articles only when they shared them (articles/visibility.ts).
	const articles = listArticles(getDb()).filter(
		(a) => a.spanCount > 0 && articleVisible(a, 'class', teacher.id)
	);
	const sources = availableSources(getDb(), 'class', teacher.id);
	const progress = reviewProgress(getDb());
	return {
		articles: articles.map((a) => ({
			id: a.id,
			title: a.title,
			outlet: a.outlet,
			teacher: a.origin === TEACHER_ORIGIN
		})),
		families: FAMILIES.map((f) => ({ id: f.id, name: f.name, blurb: f.blurb })),
		// Teachers' articles are offered by title (in the article list), not as collections.
		sources: sources
			.filter((s) => s.origin !== TEACHER_ORIGIN)
			.map((s) => ({ ...s, review: progress.get(s.id) ?? null })),
		teacherArticles: articles
			.filter((a) => a.origin === TEACHER_ORIGIN)
			.map((a) => ({ id: a.id, title: a.title, mine: a.ownerId === teacher.id }))
	};
};

export const actions: Actions = {
	/** Creates a live game or an assignment, owned by the signed-in teacher. */
	default: async (event) => {
		const teacher = requireTeacherPage(event);
		const form = await event.request.formData();
		const mode = String(form.get('mode') ?? 'live');
		const values = Object.fromEntries(
			[...form.entries()]
				.filter(([k]) => k !== 'families' && k !== 'sources')
				.map(([k, val]) => [k, String(val)])
		);
		if (mode !== 'live' && mode !== 'assignment') {
			return fail(400, { message: 'Choose how the class plays.', values });
		}
		const parsed = v.safeParse(HostFormSchema, {
			...Object.fromEntries(form),
			families: form.getAll('families'),
			sources: form.getAll('sources')
		});
		if (!parsed.success) return fail(400, { message: parsed.issues[0].message, values });
		const config = parsed.output;
		if (form.get('content') === 'families' && config.families.length === 0) {
			return fail(400, { message: 'Choose at least one family of techniques.', values });
		}
		return orFailure(
			async () => {
				const created = await createClassGame(
					getDb(),
					{
						mode,
						checkPair: form.get('checkPair') === 'on',
						config: config as RoundConfig,
						ownerId: teacher.id
					},
					form
				);
				if (created.page === 'live') {
					redirect(303, resolve('/host/[gameId]', { gameId: created.gameId }));
				}
				redirect(303, resolve('/host/assignments/[gameId]', { gameId: created.gameId }));
			},
			({ message }) => ({ message, values })
		);
	}
};
