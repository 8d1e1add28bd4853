import { error } from '@sveltejs/kit';
import { requireTeacherApi } from '$lib/server/accounts/http';
import { readArticle } from '$lib/server/articles/articles';
import { orErrorPageNow } from '$lib/server/refusal';
import { packFile, ptcZip } from '$lib/server/articles/download';
import { getDb } from '$lib/server/db';
import type { RequestHandler } from './$types';

/** Downloads the article as a PTC folder (zip) or as a Slant content pack (JSON). */
export const GET: RequestHandler = ({ locals, params }) => {
	if (!locals.teacher) error(404, 'There is no article here, or it is not shared with you.');
	const teacher = requireTeacherApi(locals);
	const article = orErrorPageNow(() => readArticle(getDb(), params.id, teacher.id));
	if (params.format === 'ptc') {
		return new Response(ptcZip(article).slice().buffer, {
			headers: {
				'content-type': 'application/zip',
				'content-disposition': `attachment; filename="article${article.id}.zip"`
			}
		});
	}
	if (params.format === 'pack') {
		return new Response(packFile(article), {
			headers: {
				'content-type': 'application/json; charset=utf-8',
				'content-disposition': `attachment; filename="article-${article.id}.pack.json"`
			}
		});
	}
	error(404, 'Export as "ptc" (a zip of the PTC files) or "pack" (a Slant content pack).');
};
