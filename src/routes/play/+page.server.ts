import { redirect } from '@sveltejs/kit';
import { FAMILIES } from '$lib/game/techniques';
import { getDb } from '$lib/server/db';
import { availableSources } from '$lib/server/content/roundSources';
import { listArticles } from '$lib/server/db/queries';
import { orFailure } from '$lib/server/refusal';
import { createSoloGame, loadLeaderboard } from '$lib/server/solo/soloGame';
import { reviewProgress } from '$lib/server/review/reviews';
import {
	DEFAULT_QUESTIONS,
	MAX_QUESTIONS,
	MIN_QUESTIONS,
	SECONDS_PER_QUESTION,
	formToObject
} from '$lib/server/solo/validation';
import { setSoloCookie, soloToken } from './cookie';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ url }) => {
	const db = getDb();
	// Solo play offers the bundled packs and the sources the operator made public, nothing else.
	const progress = reviewProgress(db);
	const sources = availableSources(db, 'solo').map((s) => ({
		...s,
		review: progress.get(s.id) ?? null
	}));
	const open = new Set(sources.map((s) => s.id));
	const articles = listArticles(db)
		.filter((a) => a.spanCount > 0 && open.has(a.collection ?? a.origin))
		.map((a) => ({ id: a.id, title: a.title, outlet: a.outlet }));
	// The home page links each article here as ?article=<id>, to play that article.
	const wanted = url.searchParams.get('article');
	// The round summary links each missed technique's family here as ?family=<id>, to practise it.
	const family = url.searchParams.get('family');
	return {
		articles,
		preselectedArticle: articles.some((a) => a.id === wanted) ? wanted : null,
		preselectedFamily: FAMILIES.some((f) => f.id === family) ? family : null,
		families: FAMILIES.map((f) => ({ id: f.id, name: f.name, blurb: f.blurb })),
		sources,
		limits: {
			min: MIN_QUESTIONS,
			max: MAX_QUESTIONS,
			default: DEFAULT_QUESTIONS,
			seconds: SECONDS_PER_QUESTION
		},
		leaderboard: loadLeaderboard(db, 5)
	};
};

export const actions: Actions = {
	default: async ({ request, cookies, url }) => {
		const form = formToObject(await request.formData());
		return orFailure(
			async () => {
				const created = await createSoloGame(getDb(), form, { token: soloToken(cookies) });
				setSoloCookie(cookies, url, created.token);
				redirect(303, `/play/${created.gameId}`);
			},
			({ message }) => ({ message, values: form })
		);
	}
};
