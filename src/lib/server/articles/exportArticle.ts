/**
 * One teacher article out of Slant: in the PTC layout (article<ID>.txt, the text byte for byte,
 * and article<ID>.labels with the same code-point offsets the import reads), zipped, and as a
 * Slant content pack that `npm run import` (or the upload form) reads back.
 */
import { strToU8, zipSync } from 'fflate';
import { technique } from '../../game/techniques';
import { sliceCodePoints } from '../../game/text';
import { formatPtcLabels } from '../content/exportPtc';
import { PACK_FORMAT } from '../content/pack';
import type { TeacherArticle } from './articles';

/** The article's PTC files: name to text. Labels sorted by start, end, technique. */
export function ptcFiles(article: TeacherArticle): Record<string, string> {
	const rows = [...article.spans]
		.sort(
			(a, b) => a.start - b.start || a.end - b.end || a.techniqueId.localeCompare(b.techniqueId)
		)
		.map((s) => ({ articleId: article.id, ...s }));
	return {
		[`article${article.id}.txt`]: article.body,
		[`article${article.id}.labels`]: formatPtcLabels(article.id, rows)
	};
}

/** The PTC files in one zip (a folder named after the article, as the zip upload reads it). */
export function ptcZip(article: TeacherArticle): Uint8Array {
	const files = ptcFiles(article);
	return zipSync(
		Object.fromEntries(
			Object.entries(files).map(([name, text]) => [`article${article.id}/${name}`, strToU8(text)])
		)
	);
}

/** The article as a one-article content pack (slant-pack/1), quotes included for checking. */
export function packOf(article: TeacherArticle) {
	const quote = (start: number, end: number) => sliceCodePoints(article.body, start, end);
	return {
		format: PACK_FORMAT,
		id: `article-${article.id}`,
		title: article.title,
		exhaustive: false,
		articles: [
			{
				id: article.id,
				title: article.title,
				author: article.author,
				outlet: article.outlet,
				url: article.url,
				publishedDate: article.publishedDate,
				licenseNote: article.licenseNote,
				text: article.body,
				spans: article.spans.map((s) => ({
					technique: technique(s.techniqueId).ptcLabel,
					start: s.start,
					end: s.end,
					quote: quote(s.start, s.end),
					explanation: s.explanation
				})),
				clean: article.straight.map((c) => ({
					start: c.start,
					end: c.end,
					quote: quote(c.start, c.end)
				}))
			}
		]
	};
}
