import { beforeEach, describe, expect, it } from 'vitest';
import { CodePointIndex } from '../../game/text';
import type { Db } from '../db/open';
import { articles, spans } from '../db/schema';
import { importContent } from './importContent';
import {
	openContentTestDatabase,
	contentCounts,
	importErrorOf,
	lineContaining,
	packJson,
	tempDir,
	writeFiles
} from './specFixtures';

let db: Db;
beforeEach(() => {
	db = openContentTestDatabase();
});

// Characters outside the Basic Multilingual Plane (emoji, mathematical letters, a flag made of
// two regional indicators) come before every span, so UTF-16 and code-point offsets differ.
const TEXT =
	'Emoji 🎉 headline 𝔘𝔫𝔦𝔠𝔬𝔡𝔢\n\n👍👍 The 😡 traitors wrecked it.\nThey wrecked everything 🇬🇧 again.\n';

/** Code-point range of `words` in TEXT, computed without CodePointIndex. */
function codePointRange(words: string): [number, number] {
	const utf16 = TEXT.indexOf(words);
	if (utf16 < 0) throw new Error(`TEXT lacks ${words}`);
	const start = Array.from(TEXT.slice(0, utf16)).length;
	return [start, start + Array.from(words).length];
}

const SPANS = [
	{ label: 'Name_Calling,Labeling', words: 'traitors' },
	{ label: 'Loaded_Language', words: '😡 traitors wrecked it' },
	{ label: 'Repetition', words: 'wrecked it.\nThey wrecked' },
	{ label: 'Flag-Waving', words: 'everything 🇬🇧 again' }
];

function storedSlices(): string[] {
	const body = db.select().from(articles).get()?.body ?? '';
	const index = new CodePointIndex(body);
	return db
		.select()
		.from(spans)
		.all()
		.sort((a, b) => a.start - b.start || a.end - b.end)
		.map((s) => index.slice(s.start, s.end));
}

describe('offsets are Unicode code points', () => {
	const expected = SPANS.map((s) => s.words).sort(
		(a, b) =>
			codePointRange(a)[0] - codePointRange(b)[0] || codePointRange(a)[1] - codePointRange(b)[1]
	);

	it('keeps PTC offsets after non-BMP characters, across a newline and overlapping', () => {
		const labels = SPANS.map((s) => `7\t${s.label}\t${codePointRange(s.words).join('\t')}\n`).join(
			''
		);
		importContent(db, writeFiles(tempDir(), { 'article7.txt': TEXT, 'article7.labels': labels }));
		const rows = db.select().from(spans).all();
		expect(rows.map((s) => [s.start, s.end]).sort((a, b) => a[0] - b[0])).toEqual(
			SPANS.map((s) => codePointRange(s.words)).sort((a, b) => a[0] - b[0])
		);
		expect(storedSlices()).toEqual(expected);
		// The same offsets read as UTF-16 would land elsewhere: the test text really tells them apart.
		const [start, end] = codePointRange('traitors');
		expect(TEXT.slice(start, end)).not.toBe('traitors');
	});

	it('checks pack quotes against code-point slices', () => {
		const packSpans = SPANS.map((s) => {
			const [start, end] = codePointRange(s.words);
			return { technique: s.label, start, end, quote: s.words, explanation: 'x' };
		});
		const json = packJson([{ id: 'unicode', title: 'Unicode', text: TEXT, spans: packSpans }]);
		importContent(db, writeFiles(tempDir(), { 'u.pack.json': json }));
		expect(storedSlices()).toEqual(expected);
	});

	it('rejects a pack span given in UTF-16 offsets, because its quote does not match', () => {
		const utf16Start = TEXT.indexOf('traitors');
		const span = {
			technique: 'name-calling',
			start: utf16Start,
			end: utf16Start + 8,
			quote: 'traitors'
		};
		const json = packJson([{ id: 'unicode', title: 'Unicode', text: TEXT, spans: [span] }]);
		const error = importErrorOf(() =>
			importContent(db, writeFiles(tempDir(), { 'u.pack.json': json }))
		);
		expect(error.line).toBe(lineContaining(json, '"quote"'));
		expect(error.problem).toMatch(/does not match/);
	});
});

describe('importing twice', () => {
	const body = 'Title\n\nThe corrupt elite lied.\n';
	const labels = '1\tLoaded_Language\t11\t18\n1\tName_Calling,Labeling\t11\t24\n';

	it('adds nothing the second time and reports everything as unchanged', () => {
		const dir = writeFiles(tempDir(), { 'article1.txt': body, 'article1.labels': labels });
		importContent(db, dir);
		const second = importContent(db, dir);
		expect(second).toMatchObject({
			articlesAdded: 0,
			articlesUnchanged: 1,
			spansAdded: 0,
			spansUnchanged: 2
		});
		expect(contentCounts(db)).toEqual({ articles: 1, spans: 2, clean: 0 });
	});

	it('adds only the new spans when labels were added since', () => {
		const dir = writeFiles(tempDir(), { 'article1.txt': body, 'article1.labels': labels });
		importContent(db, dir);
		writeFiles(dir, { 'article1.labels': labels + '1\tDoubt\t7\t10\n' });
		const second = importContent(db, dir);
		expect(second).toMatchObject({ articlesUnchanged: 1, spansAdded: 1, spansUnchanged: 2 });
	});

	it('refuses an existing id with a different text, names the file, and writes nothing', () => {
		importContent(db, writeFiles(tempDir(), { 'article1.txt': body }));
		const dir = writeFiles(tempDir(), {
			'article1.txt': body.replace('lied', 'fibbed'),
			'article2.txt': 'Another\n\nNew article.\n'
		});
		const error = importErrorOf(() => importContent(db, dir));
		expect(error.file.endsWith('article1.txt')).toBe(true);
		expect(error.problem).toMatch(/already in the database .* different text/);
		expect(contentCounts(db)).toEqual({ articles: 1, spans: 0, clean: 0 });
		expect(db.select().from(articles).get()?.body).toBe(body);
	});

	it('refuses two files with the same article id and different texts in one import', () => {
		const dir = writeFiles(tempDir(), {
			'a/article1.txt': body,
			'b/article1.txt': body.replace('lied', 'fibbed')
		});
		const error = importErrorOf(() => importContent(db, dir));
		expect(error.file).toMatch(/b.article1\.txt$/);
		expect(error.problem).toMatch(/also in .*a.article1\.txt with a different text/);
		expect(contentCounts(db).articles).toBe(0);
	});
});

describe('what an import accepts', () => {
	it('imports a folder holding packs and PTC files together, skipping other files', () => {
		const pack = packJson([
			{ id: 'from-pack', title: 'From a pack', textFile: 'article-text.txt' }
		]);
		const dir = writeFiles(tempDir(), {
			'mixed.pack.json': pack,
			'article-text.txt': 'Pack text.\n',
			'article9.txt': 'PTC text\n\nBody.\n',
			'notes.md': 'not content'
		});
		const summary = importContent(db, dir);
		expect(summary.articlesAdded).toBe(2);
		expect(summary.skipped).toEqual([
			expect.objectContaining({ count: 1, examples: [expect.stringMatching(/notes\.md$/)] })
		]);
		const ids = db.select({ id: articles.id, origin: articles.origin }).from(articles).all();
		expect(ids.sort((a, b) => a.id.localeCompare(b.id))).toEqual([
			{ id: '9', origin: 'ptc-import' },
			{ id: 'from-pack', origin: 'pack' }
		]);
	});

	it('reports a path that does not exist', () => {
		const error = importErrorOf(() => importContent(db, `${tempDir()}/missing`));
		expect(error.problem).toBe('no such file or folder');
	});

	it('reports a folder with nothing to import', () => {
		const error = importErrorOf(() => importContent(db, writeFiles(tempDir(), { 'x.md': '#' })));
		expect(error.problem).toMatch(/found no articles/);
	});

	it('reports progress while reading and while writing', () => {
		const dir = writeFiles(tempDir(), { 'article1.txt': 'A\n', 'article2.txt': 'B\n' });
		const seen: string[] = [];
		importContent(db, dir, { onProgress: (p) => seen.push(`${p.phase} ${p.done}/${p.total}`) });
		expect(seen).toEqual(['reading 1/2', 'reading 2/2', 'writing 1/2', 'writing 2/2']);
	});
});
