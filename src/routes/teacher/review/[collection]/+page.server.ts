import { error } from '@sveltejs/kit';
import { TECHNIQUES } from '$lib/game/techniques';
import { requireTeacherPage } from '$lib/server/accounts/http';
import { getDb } from '$lib/server/db';
import { decide, type DecisionAction } from '$lib/server/review/decide';
import { orFailure } from '$lib/server/refusal';
import {
	articleReview,
	collectionArticles,
	flaggedItems,
	isReviewedCollection,
	reviewProgress
} from '$lib/server/review/reviews';
import type { Actions, PageServerLoad } from './$types';

/**
 * One imported collection's review: its progress, the items the item analysis sends back, its
 * articles, and the items of one article (the first with undecided items unless one is asked for)
 * as a student would see them, each with its key, explanation and decision.
 */
export const load: PageServerLoad = (event) => {
	requireTeacherPage(event);
	const db = getDb();
	const collection = event.params.collection;
	if (!isReviewedCollection(db, collection))
		error(404, 'There is no imported collection by that name.');
	const articles = collectionArticles(db, collection);
	const asked = event.url.searchParams.get('article');
	const current =
		articles.find((a) => a.id === asked) ??
		articles.find((a) => a.reviewed < a.labelled) ??
		articles[0];
	return {
		collection,
		progress: reviewProgress(db).get(collection)!,
		articles,
		article: current ?? null,
		items: current ? (articleReview(db, collection, current.id) ?? []) : [],
		flagged: flaggedItems(db, collection),
		techniques: TECHNIQUES.map((t) => ({ id: t.id, name: t.name }))
	};
};

async function decideFrom(event: Parameters<Actions[string]>[0], action: DecisionAction) {
	const teacher = requireTeacherPage(event);
	const form = Object.fromEntries(
		[...(await event.request.formData()).entries()].map(([k, v]) => [k, String(v)])
	);
	const failed = await orFailure(
		() =>
			void decide(getDb(), event.params.collection as string, action, form, teacher.id, Date.now()),
		({ message }) => ({ message, key: form.key })
	);
	return failed ?? { done: action, key: form.key };
}

export const actions: Actions = {
	approve: (event) => decideFrom(event, 'approve'),
	fix: (event) => decideFrom(event, 'fix'),
	hide: (event) => decideFrom(event, 'hide')
};
