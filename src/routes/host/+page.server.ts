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
import { liveGames } from '$lib/server/live';
import { LiveError } from '$lib/server/live/errors';
import { newSeed } from '$lib/server/tokens';
import { requireTeacherPage } from '$lib/server/accounts/http';
import { roundConfigSchema } from '$lib/server/live/schemas';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => {
	requireTeacherPage(event);
	const articles = listArticles(getDb()).filter((a) => a.spanCount > 0);
	return {
		articles: articles.map((a) => ({ id: a.id, title: a.title, outlet: a.outlet })),
		families: FAMILIES.map((f) => ({ id: f.id, name: f.name, blurb: f.blurb })),
		sources: listSources(getDb())
	};
};

/** The host form's fields as a round configuration (the form always posts strings). */
function configFromForm(form: FormData): unknown {
	const content = String(form.get('content') ?? 'all');
	const seconds = String(form.get('seconds') ?? '20');
	const scoring = String(form.get('scoring') ?? 'speed');
	return {
		articleId: content === 'article' ? String(form.get('articleId') ?? '') : null,
		families: content === 'families' ? form.getAll('families').map(String) : [],
		count: Number(form.get('count') ?? 10),
		secondsPerQuestion: seconds === 'untimed' ? null : Number(seconds),
		scoring,
		streaks: scoring === 'speed' && form.get('streaks') === 'on',
		focusTechniques: [],
		sources: form.getAll('sources').map(String),
		difficulty: String(form.get('difficulty') ?? 'mixed'),
		askConfidence: form.get('askConfidence') === 'on'
	};
}

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
		const parsed = v.safeParse(roundConfigSchema, configFromForm(form));
		if (!parsed.success) {
			const issue = parsed.issues[0];
			const field = issue.path?.[0]?.key;
			const messages: Record<string, string> = {
				articleId: 'Choose an article.',
				families: 'Choose at least one known family.',
				count: 'The number of questions must be between 1 and 50.',
				secondsPerQuestion: 'Seconds per question must be between 5 and 600.',
				scoring: 'Choose a scoring.',
				difficulty: 'Choose easy, mixed or hard questions.'
			};
			return fail(400, {
				message: messages[String(field)] ?? `The settings are not valid: ${issue.message}`,
				values
			});
		}
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
