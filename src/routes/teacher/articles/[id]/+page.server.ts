import { fail, redirect } from '@sveltejs/kit';
import * as v from 'valibot';
import { resolve } from '$app/paths';
import { sentenceRanges } from '$lib/game/articleText';
import { chargedWords } from '$lib/game/chargedWords';
import { sliceCodePoints } from '$lib/game/text';
import { FAMILIES, TECHNIQUES } from '$lib/game/techniques';
import { requireTeacherPage } from '$lib/server/accounts/http';
import {
	copyArticle,
	deleteArticle,
	readArticle,
	setSharing,
	updateArticleMeta
} from '$lib/server/articles/articles';
import {
	addSpan,
	deleteSpan,
	discardFlagged,
	markStraight,
	moveSpan,
	unmarkStraight,
	updateSpan
} from '$lib/server/articles/labels';
import { labelQuality } from '$lib/server/articles/quality';
import { editArticleText } from '$lib/server/articles/textEdit';
import { PREVIEW_KINDS, previewTeacherArticle } from '$lib/server/articles/preview';
import {
	ArticleMetaSchema,
	IdSchema,
	RangeSchema,
	SharingSchema,
	SpanEditSchema,
	SpanInputSchema,
	SpanMoveSchema,
	TextEditSchema
} from '$lib/server/articles/schemas';
import { getDb } from '$lib/server/db';
import { orErrorPageNow, orFailure } from '$lib/server/refusal';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

/** A refusal's message, for the editor's forms. */
const onlyMessage = ({ message }: { message: string }) => ({ message });

export const load: PageServerLoad = (event) => {
	const teacher = requireTeacherPage(event);
	const article = orErrorPageNow(() => readArticle(getDb(), event.params.id, teacher.id));
	const wantPreview = event.url.searchParams.has('preview');
	return {
		article,
		sentences: sentenceRanges(article.body).map((s) => ({
			...s,
			text: sliceCodePoints(article.body, s.start, s.end)
		})),
		techniques: TECHNIQUES.map((t) => ({
			id: t.id,
			name: t.name,
			family: t.family,
			definition: t.definition,
			tip: t.tip
		})),
		families: FAMILIES.map((f) => ({ id: f.id, name: f.name })),
		// The charged-words hint, for the owner who labels (computed here: the lexicon stays
		// on the server).
		charged: article.mine
			? chargedWords(article.body).map(({ start, end, text }) => ({ start, end, text }))
			: [],
		preview: wantPreview ? previewTeacherArticle(article) : null,
		/** Per label, the item analysis of the questions asked about it (once played). */
		quality: labelQuality(getDb(), article),
		previewKinds: PREVIEW_KINDS
	};
};

/**
 * Runs one editor action: the form parsed with `schema`, then `write`; a refused input or a
 * refusal becomes `fail` with a message for the teacher.
 */
async function act<S extends v.GenericSchema>(
	event: RequestEvent,
	schema: S,
	write: (teacherId: string, input: v.InferOutput<S>) => unknown
) {
	const teacher = requireTeacherPage(event);
	const form = Object.fromEntries(await event.request.formData());
	const parsed = v.safeParse(schema, form);
	if (!parsed.success) return fail(400, { message: parsed.issues[0].message });
	const failed = await orFailure(() => void write(teacher.id, parsed.output), onlyMessage);
	return failed ?? { saved: true };
}

export const actions: Actions = {
	addSpan: (event) =>
		act(event, SpanInputSchema, (teacherId, input) =>
			addSpan(getDb(), event.params.id, teacherId, input)
		),
	editSpan: (event) =>
		act(event, SpanEditSchema, (teacherId, input) =>
			updateSpan(getDb(), event.params.id, teacherId, input)
		),
	moveSpan: (event) =>
		act(event, SpanMoveSchema, (teacherId, input) =>
			moveSpan(getDb(), event.params.id, teacherId, input)
		),
	deleteSpan: (event) =>
		act(event, IdSchema, (teacherId, { id }) =>
			deleteSpan(getDb(), event.params.id, teacherId, id)
		),
	markStraight: async (event) => {
		// The sentence drop-down posts "start-end".
		const teacher = requireTeacherPage(event);
		const form = await event.request.formData();
		const [start, end] = String(form.get('sentence') ?? '').split('-');
		const parsed = v.safeParse(RangeSchema, { start, end });
		if (!parsed.success) return fail(400, { message: 'Choose a sentence to mark straight.' });
		const failed = await orFailure(
			() => void markStraight(getDb(), event.params.id, teacher.id, parsed.output),
			onlyMessage
		);
		return failed ?? { saved: true };
	},
	unmarkStraight: (event) =>
		act(event, IdSchema, (teacherId, { id }) =>
			unmarkStraight(getDb(), event.params.id, teacherId, id)
		),
	discardFlagged: (event) =>
		act(event, IdSchema, (teacherId, { id }) =>
			discardFlagged(getDb(), event.params.id, teacherId, id)
		),
	meta: (event) =>
		act(event, ArticleMetaSchema, (teacherId, meta) =>
			updateArticleMeta(getDb(), event.params.id, teacherId, meta)
		),
	sharing: (event) =>
		act(event, v.object({ sharing: SharingSchema }), (teacherId, { sharing }) =>
			setSharing(getDb(), event.params.id, teacherId, sharing)
		),
	editText: async (event) => {
		const teacher = requireTeacherPage(event);
		const parsed = v.safeParse(TextEditSchema, Object.fromEntries(await event.request.formData()));
		if (!parsed.success) return fail(400, { message: parsed.issues[0].message });
		return orFailure(() => {
			const { kept, flagged } = editArticleText(
				getDb(),
				event.params.id,
				teacher.id,
				parsed.output.body
			);
			return {
				saved: true,
				notice:
					flagged === 0
						? `Text saved: all ${kept} labels and straight sentences stay on their words.`
						: `Text saved: ${kept} stay on their words; ${flagged} could not be placed with certainty and wait for you under “To review”.`
			};
		}, onlyMessage);
	},
	copy: async (event) => {
		const teacher = requireTeacherPage(event);
		const id = await orFailure(
			() => copyArticle(getDb(), event.params.id, teacher.id),
			onlyMessage
		);
		if (typeof id !== 'string') return id;
		redirect(303, resolve('/teacher/articles/[id]', { id }));
	},
	delete: async (event) => {
		const teacher = requireTeacherPage(event);
		const failed = await orFailure(
			() => void deleteArticle(getDb(), event.params.id, teacher.id),
			onlyMessage
		);
		if (failed) return failed;
		redirect(303, resolve('/teacher/articles'));
	}
};
