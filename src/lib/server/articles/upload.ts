/**
 * Reading an uploaded file into new articles: a plain-text article (.txt), a Slant content pack
 * (.pack.json, checked by content/pack.ts) or a zip of a PTC folder (article<ID>.txt files and
 * their .labels, checked by content/ptc.ts). Sizes are bounded before anything is decoded, and
 * every problem comes back as a 400 naming the file (and line) at fault; nothing is written here.
 */
import { unzipSync } from 'fflate';
import { isTechniqueId } from '../../game/techniques';
import { SkipLog, type ArticleDraft } from '../content/drafts';
import { ImportError } from '../content/importError';
import { parsePack } from '../content/pack';
import { attachLabels, parseLabels, ptcArticle, ptcFileKind, ptcTitle } from '../content/ptc';
import { decodeUtf8 } from '../content/sourceFiles';
import type { NewArticle } from './articles';
import { ArticleError } from './errors';
import { MAX_ARTICLE_CODE_POINTS, type ArticleMeta } from './schemas';

/** Largest upload (below the server's request body limit, 64 KB by default). */
export const MAX_UPLOAD_BYTES = 60_000;
/** A zip may unpack to at most this much, in at most this many files (zip bombs stop here). */
export const MAX_UNZIPPED_BYTES = 2_000_000;
export const MAX_ZIP_FILES = 200;
/** At most this many articles per upload. */
export const MAX_UPLOAD_ARTICLES = 20;

/** What kind of upload a file name is, or null when Slant cannot read it. */
export function uploadKind(name: string): 'text' | 'pack' | 'zip' | null {
	const lower = name.toLowerCase();
	if (lower.endsWith('.pack.json')) return 'pack';
	if (lower.endsWith('.zip')) return 'zip';
	if (lower.endsWith('.txt')) return 'text';
	return null;
}

function bounded(body: string, where: string): string {
	if (Array.from(body).length > MAX_ARTICLE_CODE_POINTS) {
		throw new ArticleError(
			400,
			`${where}: the article is longer than ${MAX_ARTICLE_CODE_POINTS} characters.`
		);
	}
	if (body.trim() === '') throw new ArticleError(400, `${where}: the article text is empty.`);
	return body;
}

function fromDraft(draft: ArticleDraft, fallback: Partial<ArticleMeta>): NewArticle {
	return {
		meta: {
			title: draft.title.slice(0, 200) || fallback.title || 'Untitled article',
			outlet: draft.outlet ?? fallback.outlet ?? null,
			author: draft.author ?? fallback.author ?? null,
			publishedDate: draft.publishedDate ?? fallback.publishedDate ?? null,
			url: draft.url ?? fallback.url ?? null,
			licenseNote: draft.licenseNote ?? draft.sourceNote ?? fallback.licenseNote ?? null
		},
		body: bounded(draft.body, draft.source.file),
		spans: draft.spans.flatMap((s) =>
			isTechniqueId(s.techniqueId)
				? [{ techniqueId: s.techniqueId, start: s.start, end: s.end, explanation: s.explanation }]
				: []
		),
		straight: draft.clean.map((c) => ({ start: c.start, end: c.end }))
	};
}

function readZip(name: string, bytes: Uint8Array): ArticleDraft[] {
	let files: Record<string, Uint8Array>;
	let total = 0;
	let count = 0;
	try {
		files = unzipSync(bytes, {
			filter: (f) => {
				const base = f.name.split('/').pop() ?? '';
				if (base.startsWith('.') || f.name.includes('__MACOSX') || ptcFileKind(base) === null) {
					return false;
				}
				total += f.originalSize;
				count++;
				if (total > MAX_UNZIPPED_BYTES || count > MAX_ZIP_FILES) {
					throw new ArticleError(
						400,
						`${name}: the zip unpacks to more than ${MAX_ZIP_FILES} files or ${MAX_UNZIPPED_BYTES / 1_000_000} MB.`
					);
				}
				return true;
			}
		});
	} catch (e) {
		if (e instanceof ArticleError) throw e;
		throw new ArticleError(400, `${name} is not a readable zip file.`);
	}
	const articles = new Map<string, ArticleDraft>();
	const labelTexts: { base: string; file: string; text: string }[] = [];
	for (const [path, data] of Object.entries(files).sort(([a], [b]) => (a < b ? -1 : 1))) {
		const base = path.split('/').pop() ?? path;
		const file = `${name}/${path}`;
		const text = decodeUtf8(data, file);
		if (ptcFileKind(base) === 'article') {
			const draft = ptcArticle(base, text, null, file);
			draft.title = ptcTitle(text, draft.id);
			articles.set(draft.id, draft);
		} else {
			labelTexts.push({ base, file, text });
		}
	}
	if (articles.size === 0) {
		throw new ArticleError(400, `${name} holds no PTC article (article<ID>.txt).`);
	}
	const skips = new SkipLog();
	for (const l of labelTexts) attachLabels(articles, parseLabels(l.base, l.text, l.file), skips);
	return [...articles.values()];
}

/**
 * The articles in an uploaded file. `meta` (from the form) titles a plain-text upload and fills
 * what a pack or PTC article leaves out. Throws ArticleError 400 on anything unreadable.
 */
export function articlesFromUpload(
	name: string,
	bytes: Uint8Array,
	meta: Partial<ArticleMeta>
): NewArticle[] {
	if (bytes.byteLength > MAX_UPLOAD_BYTES) {
		throw new ArticleError(
			413,
			`${name} is larger than ${MAX_UPLOAD_BYTES / 1000} KB. Split it, or paste the text.`
		);
	}
	const kind = uploadKind(name);
	try {
		let drafts: ArticleDraft[];
		if (kind === 'text') {
			const body = bounded(decodeUtf8(bytes, name), name);
			return [{ meta: { ...emptyMeta, ...meta, title: meta.title || name }, body }];
		} else if (kind === 'pack') {
			drafts = parsePack(decodeUtf8(bytes, name), name, 'pack').articles;
		} else if (kind === 'zip') {
			drafts = readZip(name, bytes);
		} else {
			throw new ArticleError(
				415,
				`${name}: upload a .txt article, a Slant content pack (.pack.json) or a zip of a PTC folder.`
			);
		}
		if (drafts.length > MAX_UPLOAD_ARTICLES) {
			throw new ArticleError(
				400,
				`${name} holds ${drafts.length} articles; upload at most ${MAX_UPLOAD_ARTICLES} at once.`
			);
		}
		return drafts.map((d) => fromDraft(d, meta));
	} catch (e) {
		if (e instanceof ImportError) throw new ArticleError(400, e.message);
		throw e;
	}
}

const emptyMeta: ArticleMeta = {
	title: '',
	outlet: null,
	author: null,
	publishedDate: null,
	url: null,
	licenseNote: null
};
