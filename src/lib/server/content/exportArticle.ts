/**
 * Export of one article and its labels, as text (no files written here): in the PTC layout (the
 * article file's content and its technique-classification label lines, through the same
 * formatter as `npm run export`), and as an entry of a Slant content pack. Reading either back
 * with the importers (ptc.ts, pack.ts) gives the same text and the same spans; the PTC layout has
 * no room for explanations, straight passages or details, a pack keeps them all.
 */
import { CodePointIndex } from '../../game/text';
import type { TechniqueId } from '../../game/techniques';
import {
	ARTICLE_ID_PATTERN,
	articleDetails,
	type ArticleDetails,
	type GivenArticleDetails
} from './drafts';
import { formatPtcLabels } from './exportPtc';
import { PACK_FORMAT } from './pack';

/** An article as the editor holds it: offsets in code points, end exclusive. */
export type ExportableArticle = GivenArticleDetails & {
	body: string;
	spans: { techniqueId: TechniqueId; start: number; end: number; explanation: string | null }[];
	clean: { start: number; end: number; note: string | null }[];
};

/** The two files of one article in the PTC layout. */
export interface PtcFiles {
	textFile: string;
	/** The body, exactly as stored. */
	text: string;
	labelsFile: string;
	/** One line per span: id, PTC technique label, start, end (tab-separated, sorted). */
	labels: string;
}

/** A span of a content pack, as pack.ts reads it. */
export interface PackSpan {
	technique: TechniqueId;
	start: number;
	end: number;
	quote: string;
	explanation: string | null;
}

/** An article entry of a content pack, as pack.ts reads it (text inline). */
export interface PackArticle extends ArticleDetails {
	text: string;
	spans: PackSpan[];
	clean: { start: number; end: number; quote: string; note: string | null }[];
}

function checkId(id: string): void {
	if (!ARTICLE_ID_PATTERN.test(id)) {
		throw new Error(
			`Article id ${JSON.stringify(id)} cannot be used in a file name (letters, digits, "-" or "_")`
		);
	}
}

function sortedSpans(article: ExportableArticle) {
	return [...article.spans].sort(
		(a, b) => a.start - b.start || a.end - b.end || a.techniqueId.localeCompare(b.techniqueId)
	);
}

/**
 * One article in the PTC layout: `article<ID>.txt` holding the body byte for byte, and
 * `article<ID>.labels` with a technique-classification line per span, sorted by offsets.
 * Throws when the id cannot be a file name.
 */
export function articlePtcFiles(article: ExportableArticle): PtcFiles {
	checkId(article.id);
	return {
		textFile: `article${article.id}.txt`,
		text: article.body,
		labelsFile: `article${article.id}.labels`,
		labels: formatPtcLabels(
			article.id,
			sortedSpans(article).map((s) => ({ articleId: article.id, ...s }))
		)
	};
}

/**
 * One article as a content-pack entry: its details, its text inline, its spans sorted by offsets
 * with their explanations and their words as `quote` (which the reader checks against the
 * offsets), and its straight passages with their notes. Throws when the id is not a slug.
 */
export function articlePackEntry(article: ExportableArticle): PackArticle {
	checkId(article.id);
	const cpi = new CodePointIndex(article.body);
	return {
		...articleDetails(article),
		text: article.body,
		spans: sortedSpans(article).map((s) => ({
			technique: s.techniqueId,
			start: s.start,
			end: s.end,
			quote: cpi.slice(s.start, s.end),
			explanation: s.explanation
		})),
		clean: [...article.clean]
			.sort((a, b) => a.start - b.start || a.end - b.end)
			.map((c) => ({ start: c.start, end: c.end, quote: cpi.slice(c.start, c.end), note: c.note }))
	};
}

/**
 * A whole content pack (format "slant-pack/1") holding `articles`, as the JSON text a
 * `*.pack.json` file holds. `exhaustive` says every technique in the texts is labelled
 * (default false: a teacher's labels are not assumed exhaustive).
 */
export function articlePackFile(
	pack: { id: string; title: string; description?: string | null; exhaustive?: boolean },
	articles: readonly ExportableArticle[]
): string {
	checkId(pack.id);
	return `${JSON.stringify(
		{
			format: PACK_FORMAT,
			id: pack.id,
			title: pack.title,
			description: pack.description ?? null,
			exhaustive: pack.exhaustive ?? false,
			articles: articles.map(articlePackEntry)
		},
		null,
		'\t'
	)}\n`;
}
