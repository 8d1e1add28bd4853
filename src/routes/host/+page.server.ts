import { fail, redirect } from '@sveltejs/kit';
import * as v from 'valibot';
import { resolve } from '$app/paths';
import { FAMILIES } from '$lib/game/techniques';
import { AssignmentError, createAssignmentFromForm } from '$lib/server/assignments/assignments';
import { buildRoundOffThread } from '$lib/server/content/roundBuilder';
import { createCheckPairFromForm } from '$lib/server/assignments/checkPair';
import { getDb } from '$lib/server/db';
import { listSources, settleSources } from '$lib/server/content/roundSources';
import type { RoundConfig } from '$lib/game/types';
import { listArticles } from '$lib/server/db/queries';
import { reviewProgress } from '$lib/server/review/reviews';
import { liveGames } from '$lib/server/live';
import { LiveError } from '$lib/server/live/errors';
import { newSeed } from '$lib/server/tokens';
import { requireTeacherPage } from '$lib/server/accounts/http';
import { HostFormSchema } from '$lib/server/requestSchemas';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => {
	requireTeacherPage(event);
	const articles = listArticles(getDb()).filter((a) => a.spanCount > 0);
	const progress = reviewProgress(getDb());
	return {
		articles: articles.map((a) => ({ id: a.id, title: a.title, outlet: a.outlet })),
		families: FAMILIES.map((f) => ({ id: f.id, name: f.name, blurb: f.blurb })),
		sources: listSources(getDb()).map((s) => ({ ...s, review: progress.get(s.id) ?? null }))
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
		if (mode === 'assignment' && form.get('checkPair') === 'on') {
			let pair;
			try {
				pair = await createCheckPairFromForm(getDb(), form, config, teacher.id);
			} catch (e) {
				if (e instanceof AssignmentError) return fail(e.status, { message: e.message, values });
				throw e;
			}
			redirect(303, resolve('/host/assignments/[gameId]', { gameId: pair.before.gameId }));
		}
		// Imported corpora only when the teacher chose them; bundled content otherwise (settled here,
		// as the round is built before the game or assignment is created).
		const settled = settleSources(getDb(), config as RoundConfig, 'class');
		if (!settled.ok) return fail(400, { message: settled.message, values });
		const roundConfig = settled.config;
		// Built off the event loop (a round from a large corpus takes tens of milliseconds or more).
		const seed = newSeed();
		let questions;
		try {
			questions = await buildRoundOffThread(getDb(), roundConfig, seed);
		} catch (e) {
			const message = `No round could be built from this choice of content: ${(e as Error).message}`;
			return fail(400, { message, values });
		}
		if (mode === 'assignment') {
			let assignment;
			try {
				assignment = createAssignmentFromForm(
					getDb(),
					form,
					roundConfig,
					teacher.id,
					Date.now(),
					questions
				);
			} catch (e) {
				if (e instanceof AssignmentError) return fail(e.status, { message: e.message, values });
				throw e;
			}
			redirect(303, resolve('/host/assignments/[gameId]', { gameId: assignment.gameId }));
		}
		let created;
		try {
			created = liveGames().create(roundConfig, { questions, seed, ownerId: teacher.id });
		} catch (e) {
			if (e instanceof LiveError) return fail(e.status, { message: e.message, values });
			throw e;
		}
		redirect(303, resolve('/host/[gameId]', { gameId: created.gameId }));
	}
};
