/**
 * Reader for the Propaganda Techniques Corpus layout (SemEval-2020 Task 11): `article<ID>.txt`
 * files, and tab-separated labels either per article (`article<ID>.task2-TC.labels`,
 * `article<ID>.task-flc-tc.labels`, `article<ID>.labels`) or combined in one file. Technique
 * labels have four columns (article id, technique, start, end); span-identification ("SI") labels
 * have three (no technique). Offsets are code points, end exclusive.
 */
import { basename } from 'node:path';
import { techniqueByPtcLabel } from '../../game/techniques';
import { CodePointIndex } from '../../game/text';
import {
	ARTICLE_ID_PATTERN,
	contentHash,
	type ArticleDraft,
	type SkipLog,
	type SourceRef
} from './drafts';
import { ImportError } from './importError';
import { checkRange, techniqueIdFor } from './ranges';
import { displayPath, readUtf8File } from './sourceFiles';

const ARTICLE_FILE = /^article([A-Za-z0-9][A-Za-z0-9_-]*)\.txt$/;
const PER_ARTICLE_LABELS =
	/^article([A-Za-z0-9][A-Za-z0-9_-]*)(?:\.task2-TC|\.task-flc-tc|\.task1-SI)?\.labels$/;
const SI_LABELS = /(?:^|[-_.])SI\.labels$/i;

/** What a file is to the PTC reader, by its name. */
export type PtcFileKind = 'article' | 'labels' | null;

/** Classifies a file name: an article text, a labels file, or neither. */
export function ptcFileKind(name: string): PtcFileKind {
	if (ARTICLE_FILE.test(name)) return 'article';
	if (name.endsWith('.labels')) return 'labels';
	return null;
}

/** One line of a labels file, checked for shape but not yet against its article. */
export interface LabelLine {
	articleId: string;
	/** The technique as written, or null for span-identification (SI) labels. */
	technique: string | null;
	start: number;
	end: number;
	source: SourceRef;
}

/** The title of a PTC article: its first line, without a byte-order mark. */
export function ptcTitle(body: string, id: string): string {
	const first = body
		.replace(/^\uFEFF/, '')
		.split('\n', 1)[0]
		.trim();
	return first === '' ? `Article ${id}` : first;
}

/** Reads one `article<ID>.txt` as strict UTF-8 into an article draft with no spans yet. */
export function readPtcArticle(path: string, collection: string | null): ArticleDraft {
	return ptcArticle(basename(path), readUtf8File(path), collection, displayPath(path));
}

/**
 * An article draft from the text of an `article<ID>.txt` named `name` (the name must match;
 * see ptcFileKind); `file` names it in errors.
 */
export function ptcArticle(
	name: string,
	body: string,
	collection: string | null,
	file: string
): ArticleDraft {
	const id = (ARTICLE_FILE.exec(name) as RegExpExecArray)[1];
	return {
		id,
		title: ptcTitle(body, id),
		author: null,
		outlet: null,
		url: null,
		publishedDate: null,
		language: 'en',
		body,
		contentHash: contentHash(body),
		sourceNote: null,
		licenseNote: null,
		origin: 'ptc-import',
		collection,
		// PTC annotators labelled every technique they found in each article.
		exhaustive: true,
		source: { file },
		spans: [],
		clean: []
	};
}

function parseOffset(value: string, name: string, at: SourceRef): number {
	if (!/^-?\d+$/.test(value.trim())) {
		throw new ImportError(
			at.file,
			at.line,
			`${name} offset ${JSON.stringify(value)} is not a whole number`
		);
	}
	return Number(value.trim());
}

function parseLabelLine(
	text: string,
	si: boolean,
	fileId: string | null,
	at: SourceRef
): LabelLine {
	const columns = text.split('\t');
	const expected = si ? 3 : 4;
	if (columns.length !== expected) {
		const names = si ? 'article id, start, end' : 'article id, technique, start, end';
		throw new ImportError(
			at.file,
			at.line,
			`expected ${expected} tab-separated columns (${names}), found ${columns.length}`
		);
	}
	const articleId = columns[0].trim();
	if (fileId !== null && articleId !== fileId) {
		throw new ImportError(
			at.file,
			at.line,
			`the line is for article ${articleId}, but the file is for article ${fileId}`
		);
	}
	const technique = si ? null : columns[1].trim();
	const [start, end] = columns.slice(si ? 1 : 2);
	return {
		articleId,
		technique,
		start: parseOffset(start, 'start', at),
		end: parseOffset(end, 'end', at),
		source: at
	};
}

/** Reads a labels file (per-article or combined, technique or SI) line by line. */
export function readLabelFile(path: string): LabelLine[] {
	return parseLabels(basename(path), readUtf8File(path), displayPath(path));
}

/** The lines of a labels file named `name` from its text; `file` names it in errors. */
export function parseLabels(name: string, text: string, file: string): LabelLine[] {
	const si = SI_LABELS.test(name);
	const fileId = PER_ARTICLE_LABELS.exec(name)?.[1] ?? null;
	const lines = text.split('\n');
	const labels: LabelLine[] = [];
	lines.forEach((raw, i) => {
		const text = raw.replace(/\r$/, '');
		if (text.trim() === '') return;
		labels.push(parseLabelLine(text, si, fileId, { file, line: i + 1 }));
	});
	return labels;
}

/**
 * Checks each label against its article (which must be in the same import), and adds technique
 * labels to the article's spans. SI labels are checked, then skipped: the spans table needs a
 * technique.
 */
export function attachLabels(
	articles: Map<string, ArticleDraft>,
	labels: LabelLine[],
	skips: SkipLog
): void {
	const indexes = new Map<string, CodePointIndex>();
	for (const label of labels) {
		const article = articles.get(label.articleId);
		if (!article || !ARTICLE_ID_PATTERN.test(label.articleId)) {
			throw new ImportError(
				label.source.file,
				label.source.line,
				`label for article ${JSON.stringify(label.articleId)}, but article${label.articleId}.txt is not in this import`
			);
		}
		const techniqueId =
			label.technique === null
				? null
				: (techniqueByPtcLabel(label.technique)?.id ??
					techniqueIdFor(label.technique, label.source));
		let index = indexes.get(article.id);
		if (!index) indexes.set(article.id, (index = new CodePointIndex(article.body)));
		checkRange(index, label.start, label.end, label.source);
		if (techniqueId === null) {
			skips.add(
				'SI span without a technique (the spans table needs one; not stored)',
				label.source
			);
			continue;
		}
		article.spans.push({
			techniqueId,
			start: label.start,
			end: label.end,
			explanation: null,
			labelledBy: 'ptc-import',
			source: label.source
		});
	}
}
