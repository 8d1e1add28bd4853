import { fail, redirect } from '@sveltejs/kit';
import * as v from 'valibot';
import { resolve } from '$app/paths';
import { requireTeacherPage } from '$lib/server/accounts/http';
import { createArticles } from '$lib/server/articles/articles';
import { orFailure } from '$lib/server/refusal';
import { ArticleBodySchema, ArticleMetaSchema } from '$lib/server/articles/schemas';
import { articlesFromUpload, MAX_UPLOAD_BYTES } from '$lib/server/articles/upload';
import { getDb } from '$lib/server/db';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => {
	requireTeacherPage(event);
	return { maxUploadKb: MAX_UPLOAD_BYTES / 1000 };
};

const text = (form: FormData, key: string) => {
	const value = form.get(key);
	return typeof value === 'string' ? value : null;
};

export const actions: Actions = {
	/** Adds an article from pasted text, or the articles of an uploaded file. */
	default: async (event) => {
		const teacher = requireTeacherPage(event);
		const form = await event.request.formData();
		const fields = ['title', 'outlet', 'author', 'publishedDate', 'url', 'licenseNote'] as const;
		const values = Object.fromEntries(fields.map((k) => [k, text(form, k) ?? '']));
		const body = text(form, 'body') ?? '';
		const failed = (status: number, message: string) =>
			fail(status, { message, values: { ...values, body } });
		const file = form.get('file');
		const upload = file instanceof File && file.size > 0 ? file : null;
		return orFailure(
			async () => {
				if (upload) {
					// A pack or PTC zip names its own articles; the form's fields fill what they leave out.
					const meta = v.safeParse(v.partial(ArticleMetaSchema), {
						...values,
						title: values.title || undefined
					});
					if (!meta.success) return failed(400, meta.issues[0].message);
					const found = articlesFromUpload(
						upload.name,
						new Uint8Array(await upload.arrayBuffer()),
						meta.output
					);
					if (found.length > 1 || !found[0]) {
						createArticles(getDb(), teacher.id, found);
						redirect(303, resolve('/teacher/articles'));
					}
					const [id] = createArticles(getDb(), teacher.id, found);
					redirect(303, resolve('/teacher/articles/[id]', { id }));
				}
				const meta = v.safeParse(ArticleMetaSchema, values);
				if (!meta.success) return failed(400, meta.issues[0].message);
				const parsedBody = v.safeParse(ArticleBodySchema, body);
				if (!parsedBody.success) {
					return failed(400, parsedBody.issues[0].message);
				}
				const [id] = createArticles(getDb(), teacher.id, [
					{ meta: meta.output, body: parsedBody.output }
				]);
				redirect(303, resolve('/teacher/articles/[id]', { id }));
			},
			({ status, message }) => failed(status, message).data
		);
	}
};
