/**
 * Reader for Slant content packs (`*.pack.json`, format "slant-pack/1"), the files the content
 * editor writes. See content/README.md for the format.
 */
import { existsSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import * as v from 'valibot';
import { CodePointIndex } from '../../game/text';
import {
	ARTICLE_ID_PATTERN,
	articleDetails,
	contentHash,
	type ArticleDraft,
	type CleanDraft,
	type SourceRef,
	type SpanDraft
} from './drafts';
import { ImportError } from './importError';
import { JsonSyntaxError, mapJsonLines, type JsonLineMap, type JsonPath } from './jsonLines';
import { checkQuote, checkRange, techniqueIdFor } from './ranges';
import { displayPath, readUtf8File } from './sourceFiles';

export const PACK_FORMAT = 'slant-pack/1';

const offset = v.pipe(v.number(), v.integer('must be a whole number'));
const optionalText = v.nullish(v.string());

// Spans and clean passages are strict: a mistyped key there would silently lose part of a label.
const SpanSchema = v.strictObject({
	technique: v.pipe(v.string(), v.nonEmpty('must name a technique')),
	start: offset,
	end: offset,
	quote: v.optional(v.string()),
	explanation: optionalText
});

const CleanSchema = v.strictObject({
	start: offset,
	end: offset,
	quote: v.optional(v.string()),
	note: optionalText
});

const ArticleSchema = v.object({
	id: v.pipe(
		v.string(),
		v.regex(ARTICLE_ID_PATTERN, 'must be a slug: letters, digits, "-" or "_"')
	),
	title: v.pipe(v.string(), v.trim(), v.nonEmpty('must not be empty')),
	author: optionalText,
	outlet: optionalText,
	url: optionalText,
	publishedDate: v.nullish(v.pipe(v.string(), v.isoDate('must be a date like 2026-03-02'))),
	language: v.optional(v.pipe(v.string(), v.nonEmpty()), 'en'),
	sourceNote: optionalText,
	licenseNote: optionalText,
	text: v.optional(v.string()),
	textFile: v.optional(v.pipe(v.string(), v.nonEmpty())),
	spans: v.optional(v.array(SpanSchema), []),
	clean: v.optional(v.array(CleanSchema), [])
});

const PackSchema = v.object({
	format: v.literal(PACK_FORMAT, `must be "${PACK_FORMAT}"`),
	id: v.pipe(
		v.string(),
		v.regex(ARTICLE_ID_PATTERN, 'must be a slug: letters, digits, "-" or "_"')
	),
	title: v.pipe(v.string(), v.nonEmpty('must not be empty')),
	description: optionalText,
	/** True when every technique in the pack's texts is labelled (default false). */
	exhaustive: v.optional(v.boolean('must be true or false'), false),
	articles: v.array(ArticleSchema)
});

type PackArticle = v.InferOutput<typeof ArticleSchema>;

/** A pack after reading and checking. */
export interface PackContent {
	file: string;
	id: string;
	title: string;
	description: string | null;
	exhaustive: boolean;
	articles: ArticleDraft[];
	/** Absolute paths of the text files its articles point to. */
	textFiles: string[];
}

/** Readable form of a JSON path: `articles[2].spans[0].start`. */
function formatPath(path: JsonPath): string {
	return path.map((k, i) => (typeof k === 'number' ? `[${k}]` : i === 0 ? k : `.${k}`)).join('');
}

function parseJson(text: string, file: string): { data: unknown; lines: JsonLineMap } {
	try {
		const lines = mapJsonLines(text);
		return { data: JSON.parse(text), lines };
	} catch (e) {
		const line = e instanceof JsonSyntaxError ? e.line : undefined;
		throw new ImportError(file, line, `not valid JSON: ${(e as Error).message}`);
	}
}

function validatePack(data: unknown, file: string, lines: JsonLineMap) {
	const result = v.safeParse(PackSchema, data);
	if (result.success) return result.output;
	const issue = result.issues[0];
	const path: JsonPath = (issue.path ?? []).map((item) => item.key as string | number);
	const where = path.length > 0 ? `${formatPath(path)}: ` : '';
	throw new ImportError(file, lines.lineOf(path), `${where}${issue.message}`);
}

function readArticleBody(
	article: PackArticle,
	packFile: string | null,
	at: (path: JsonPath) => SourceRef
): string {
	if ((article.text === undefined) === (article.textFile === undefined)) {
		const { file, line } = at(['textFile']);
		throw new ImportError(
			file,
			line,
			`article "${article.id}" needs exactly one of "text" and "textFile"`
		);
	}
	if (article.text !== undefined) return article.text;
	const textFile = article.textFile as string;
	const { file, line } = at(['textFile']);
	if (packFile === null) {
		throw new ImportError(
			file,
			line,
			`article "${article.id}" points to textFile "${textFile}": an uploaded pack must hold its texts inline ("text")`
		);
	}
	if (isAbsolute(textFile)) {
		throw new ImportError(file, line, `textFile "${textFile}" must be relative to the pack file`);
	}
	const path = resolve(dirname(packFile), textFile);
	if (!existsSync(path)) {
		throw new ImportError(file, line, `textFile "${textFile}" was not found next to the pack`);
	}
	return readUtf8File(path);
}

/**
 * Reads the article's spans or clean passages (`list`): each made a draft by `draft` (which may
 * refuse first, as for an unknown technique), then its code-point range checked and, when it
 * gives one, its quote. `at` places a field of the entry in the pack file.
 */
function readEntries<E extends { start: number; end: number; quote?: string }, D>(
	list: 'spans' | 'clean',
	entries: readonly E[],
	index: CodePointIndex,
	at: (path: JsonPath) => SourceRef,
	draft: (entry: E, at: (path: JsonPath) => SourceRef) => D
): D[] {
	return entries.map((entry, i) => {
		const entryAt = (path: JsonPath) => at([list, i, ...path]);
		const made = draft(entry, entryAt);
		checkRange(index, entry.start, entry.end, (field) => entryAt([field]));
		if (entry.quote !== undefined)
			checkQuote(index, entry.start, entry.end, entry.quote, entryAt(['quote']));
		return made;
	});
}

/**
 * Reads and checks one pack file: schema, article texts (inline or `textFile`, strict UTF-8),
 * technique names, code-point ranges and quotes. Throws ImportError naming the file and line.
 */
export function readPackFile(packFile: string, origin: 'bundled' | 'pack'): PackContent {
	return parsePack(readUtf8File(packFile), displayPath(packFile), origin, packFile);
}

/**
 * Reads and checks a pack from its text, as readPackFile does; `file` names it in errors. With
 * `packFile` null (an upload) articles must hold their text inline.
 */
export function parsePack(
	raw: string,
	file: string,
	origin: 'bundled' | 'pack',
	packFile: string | null = null
): PackContent {
	const text = raw.replace(/^\uFEFF/, '');
	const { data, lines } = parseJson(text, file);
	const pack = validatePack(data, file, lines);
	const textFiles: string[] = [];
	const articles = pack.articles.map((article, a): ArticleDraft => {
		const at = (path: JsonPath): SourceRef => ({
			file,
			line: lines.lineOf(['articles', a, ...path])
		});
		const source = at(['id']);
		const body = readArticleBody(article, packFile, at);
		if (article.textFile !== undefined && packFile !== null)
			textFiles.push(resolve(dirname(packFile), article.textFile));
		const index = new CodePointIndex(body);
		return {
			...articleDetails(article),
			body,
			contentHash: contentHash(body),
			origin,
			collection: pack.id,
			exhaustive: pack.exhaustive,
			source,
			spans: readEntries('spans', article.spans, index, at, (span, spanAt): SpanDraft => ({
				techniqueId: techniqueIdFor(span.technique, spanAt(['technique'])),
				start: span.start,
				end: span.end,
				explanation: span.explanation ?? null,
				labelledBy: 'editor',
				source: spanAt([])
			})),
			clean: readEntries('clean', article.clean, index, at, (clean, cleanAt): CleanDraft => ({
				start: clean.start,
				end: clean.end,
				note: clean.note ?? null,
				source: cleanAt([])
			}))
		};
	});
	return {
		file,
		id: pack.id,
		title: pack.title,
		description: pack.description ?? null,
		exhaustive: pack.exhaustive,
		articles,
		textFiles
	};
}
