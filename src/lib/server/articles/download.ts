/**
 * The downloads of one teacher article, through the content exporter every export uses
 * (content/exportArticle.ts): the PTC files zipped in a folder named after the article (as the
 * zip upload reads it), or a one-article content pack.
 */
import { strToU8, zipSync } from 'fflate';
import { articlePackFile, articlePtcFiles, type ExportableArticle } from '../content/exportArticle';
import type { TeacherArticle } from './articles';

/** The article as the exporter takes it: straight sentences are the pack's clean passages. */
function exportable(article: TeacherArticle): ExportableArticle {
	return {
		...article,
		spans: article.spans.map(({ techniqueId, start, end, explanation }) => ({
			techniqueId,
			start,
			end,
			explanation
		})),
		clean: article.straight.map(({ start, end }) => ({ start, end, note: null }))
	};
}

/** The article's PTC files (article<ID>.txt byte for byte, article<ID>.labels) in one zip. */
export function ptcZip(article: TeacherArticle): Uint8Array {
	const files = articlePtcFiles(exportable(article));
	const folder = `article${article.id}`;
	return zipSync({
		[`${folder}/${files.textFile}`]: strToU8(files.text),
		[`${folder}/${files.labelsFile}`]: strToU8(files.labels)
	});
}

/** The article as the JSON text of a one-article content pack (slant-pack/1). */
export function packFile(article: TeacherArticle): string {
	return articlePackFile({ id: `article-${article.id}`, title: article.title }, [
		exportable(article)
	]);
}
