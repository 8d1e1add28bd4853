import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CodePointIndex } from '../../game/text';
import { SkipLog, type ArticleDraft } from './drafts';
import {
	articlePackEntry,
	articlePackFile,
	articlePtcFiles,
	type ExportableArticle
} from './exportArticle';
import { readPackFile } from './pack';
import { attachLabels, readLabelFile, readPtcArticle } from './ptc';
import { tempDir, writeFiles } from './specFixtures';

const BODY =
	'Council “rams through” a budget 🏗️\r\n\r\nThe\u00a0reckless plan, the reckless plan!\nMembers met on Monday to discuss roads.\n';

function at(words: string, occurrence = 0): { start: number; end: number } {
	let i = BODY.indexOf(words);
	for (let k = 0; k < occurrence; k++) i = BODY.indexOf(words, i + 1);
	const cpi = new CodePointIndex(BODY);
	return { start: cpi.toCodePoint(i), end: cpi.toCodePoint(i + words.length) };
}

const ARTICLE: ExportableArticle = {
	id: 'council-budget',
	title: 'Council budget',
	author: 'A. Writer',
	outlet: 'The Town Crier',
	url: 'https://example.org/budget',
	publishedDate: '2026-03-02',
	language: 'en',
	sourceNote: 'Pasted by a teacher',
	licenseNote: 'CC BY 4.0',
	body: BODY,
	spans: [
		// Deliberately out of order: the exports sort them.
		{ techniqueId: 'repetition', ...at('the reckless plan'), explanation: 'Said twice.' },
		{ techniqueId: 'loaded-language', ...at('“rams through”'), explanation: null },
		{ techniqueId: 'loaded-language', ...at('reckless'), explanation: 'Teacher’s note 😀' },
		{ techniqueId: 'exaggeration', ...at('budget 🏗️\r\n\r\nThe'), explanation: null }
	],
	clean: [{ ...at('Members met on Monday to discuss roads.'), note: 'Plain report.' }]
};

const spanKey = (s: { techniqueId: string; start: number; end: number }) =>
	`${s.techniqueId} ${s.start} ${s.end}`;

describe('articlePtcFiles', () => {
	it('round-trips through the PTC reader: the same text and the same spans', () => {
		const files = articlePtcFiles(ARTICLE);
		expect(files.textFile).toBe('articlecouncil-budget.txt');
		expect(files.labelsFile).toBe('articlecouncil-budget.labels');
		expect(files.text).toBe(BODY);
		const dir = writeFiles(tempDir(), {
			[files.textFile]: files.text,
			[files.labelsFile]: files.labels
		});
		const draft = readPtcArticle(join(dir, files.textFile), null);
		attachLabels(
			new Map<string, ArticleDraft>([[draft.id, draft]]),
			readLabelFile(join(dir, files.labelsFile)),
			new SkipLog()
		);
		expect(draft.id).toBe(ARTICLE.id);
		expect(draft.body).toBe(BODY);
		expect(draft.spans.map(spanKey).sort()).toEqual(ARTICLE.spans.map(spanKey).sort());
	});

	it('writes one TC line per span, sorted by offsets, with the PTC technique names', () => {
		const lines = articlePtcFiles(ARTICLE).labels.trimEnd().split('\n');
		expect(lines).toHaveLength(4);
		expect(lines[0]).toBe(
			`council-budget\tLoaded_Language\t${at('“rams through”').start}\t${at('“rams through”').end}`
		);
		const starts = lines.map((l) => Number(l.split('\t')[2]));
		expect(starts).toEqual([...starts].sort((a, b) => a - b));
	});

	it('refuses an id that cannot be a PTC file name', () => {
		expect(() => articlePtcFiles({ ...ARTICLE, id: '../escape' })).toThrow(/file name/);
	});
});

describe('articlePackEntry and articlePackFile', () => {
	it('round-trips through the pack reader: text, spans, explanations, straight passages, details', () => {
		const dir = writeFiles(tempDir(), {
			'mine.pack.json': articlePackFile({ id: 'mine', title: 'My articles' }, [ARTICLE])
		});
		const pack = readPackFile(join(dir, 'mine.pack.json'), 'pack');
		expect(pack.id).toBe('mine');
		expect(pack.exhaustive).toBe(false);
		const [read] = pack.articles;
		expect(read.body).toBe(BODY);
		expect(
			read.spans.map((s) => ({
				techniqueId: s.techniqueId,
				start: s.start,
				end: s.end,
				explanation: s.explanation
			}))
		).toEqual(
			[...ARTICLE.spans].sort(
				(a, b) => a.start - b.start || a.end - b.end || a.techniqueId.localeCompare(b.techniqueId)
			)
		);
		expect(read.clean.map((c) => ({ start: c.start, end: c.end, note: c.note }))).toEqual(
			ARTICLE.clean
		);
		expect({
			id: read.id,
			title: read.title,
			author: read.author,
			outlet: read.outlet,
			url: read.url,
			publishedDate: read.publishedDate,
			language: read.language,
			sourceNote: read.sourceNote,
			licenseNote: read.licenseNote
		}).toEqual({
			id: ARTICLE.id,
			title: ARTICLE.title,
			author: ARTICLE.author,
			outlet: ARTICLE.outlet,
			url: ARTICLE.url,
			publishedDate: ARTICLE.publishedDate,
			language: ARTICLE.language,
			sourceNote: ARTICLE.sourceNote,
			licenseNote: ARTICLE.licenseNote
		});
	});

	it('quotes each span’s words, so the reader checks the offsets on import', () => {
		const entry = articlePackEntry(ARTICLE);
		expect(entry.spans.map((s) => s.quote)).toContain('budget 🏗️\r\n\r\nThe');
		expect(entry.spans.map((s) => s.technique)).toContain('loaded-language');
	});
});
