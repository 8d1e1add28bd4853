/**
 * What an import has read and checked, before anything is written: articles with their spans and
 * clean passages, each remembering the file and line it came from.
 */
import { createHash } from 'node:crypto';
import type { TechniqueId } from '../../game/techniques';

/** Where a piece of content was read. */
export interface SourceRef {
	file: string;
	line?: number;
}

/** 'bundled' (the repo's content/ packs), 'pack' (a user's pack) or 'ptc-import'. */
export type ArticleOrigin = 'bundled' | 'pack' | 'ptc-import';

export interface SpanDraft {
	techniqueId: TechniqueId;
	start: number;
	end: number;
	explanation: string | null;
	labelledBy: 'editor' | 'ptc-import';
	source: SourceRef;
}

export interface CleanDraft {
	start: number;
	end: number;
	note: string | null;
	source: SourceRef;
}

/** What is told about an article besides its text: its id, title, source, language and licence. */
export interface ArticleDetails {
	id: string;
	title: string;
	author: string | null;
	outlet: string | null;
	url: string | null;
	publishedDate: string | null;
	language: string;
	sourceNote: string | null;
	licenseNote: string | null;
}

/** Article details as a pack or the editor gives them: all but the id and title may be missing. */
export type GivenArticleDetails = Pick<ArticleDetails, 'id' | 'title'> &
	Partial<Omit<ArticleDetails, 'id' | 'title'>>;

/** The details of `article`, each one it lacks null, and English when it names no language. */
export function articleDetails(article: GivenArticleDetails): ArticleDetails {
	return {
		id: article.id,
		title: article.title,
		author: article.author ?? null,
		outlet: article.outlet ?? null,
		url: article.url ?? null,
		publishedDate: article.publishedDate ?? null,
		language: article.language ?? 'en',
		sourceNote: article.sourceNote ?? null,
		licenseNote: article.licenseNote ?? null
	};
}

export interface ArticleDraft extends ArticleDetails {
	body: string;
	contentHash: string;
	origin: ArticleOrigin;
	collection: string | null;
	/** Every technique in the text was labelled (PTC, or a pack that says so). */
	exhaustive: boolean;
	source: SourceRef;
	spans: SpanDraft[];
	clean: CleanDraft[];
}

/** Article ids become file names on export, so they are restricted to safe characters. */
export const ARTICLE_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_-]*$/;

/** sha256 of the UTF-8 bytes of `body`, hex: the articles.content_hash column. */
export function contentHash(body: string): string {
	return createHash('sha256').update(body, 'utf8').digest('hex');
}

/** Items an import left out on purpose, counted by reason, with a few examples of where. */
export interface SkippedEntry {
	reason: string;
	count: number;
	examples: string[];
}

/** Collects skipped items by reason. */
export class SkipLog {
	private readonly entries = new Map<string, SkippedEntry>();

	/** Records one skipped item. */
	add(reason: string, where: SourceRef): void {
		const entry = this.entries.get(reason) ?? { reason, count: 0, examples: [] };
		entry.count++;
		if (entry.examples.length < 3) entry.examples.push(formatRef(where));
		this.entries.set(reason, entry);
	}

	/** The entries, in the order their reasons first appeared. */
	list(): SkippedEntry[] {
		return [...this.entries.values()];
	}
}

/** `file:line`, or `file` when there is no line. */
export function formatRef(ref: SourceRef): string {
	return ref.line === undefined ? ref.file : `${ref.file}:${ref.line}`;
}
