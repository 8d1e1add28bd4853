import { beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../db/open';
import { spans } from '../db/schema';
import { importContent } from './importContent';
import {
	contentCounts,
	importErrorOf,
	openContentTestDatabase,
	tempDir,
	writeFiles
} from './specFixtures';

const ONE = 'Storm over the harbour\n\nThe corrupt elite lied again.\nThey always lie.\n';
const TWO = 'Quiet day\n\nNothing happened, and that is fine.\n';

/** The code-point offsets of `words` in ASCII `text`. */
function at(text: string, words: string): [number, number] {
	const start = text.indexOf(words);
	if (start < 0) throw new Error(`fixture text lacks ${words}`);
	return [start, start + words.length];
}

function tcLine(id: string, label: string, [start, end]: [number, number]): string {
	return `${id}\t${label}\t${start}\t${end}\n`;
}

const GOOD_LABELS =
	tcLine('1', 'Loaded_Language', at(ONE, 'corrupt')) +
	tcLine('1', 'Name_Calling,Labeling', at(ONE, 'corrupt elite')) +
	tcLine('1', 'Repetition', at(ONE, 'lied again.\nThey always lie'));

let db: Db;
beforeEach(() => {
	db = openContentTestDatabase();
});

describe('importing a PTC folder', () => {
	it('stores each article with its first line as title and its labels as spans', () => {
		const dir = writeFiles(tempDir(), {
			'articles/article1.txt': ONE,
			'articles/article2.txt': TWO,
			'labels/article1.task2-TC.labels': GOOD_LABELS,
			'labels/article2.task2-TC.labels': ''
		});
		const summary = importContent(db, dir);
		expect(summary.articlesAdded).toBe(2);
		expect(summary.spansAdded).toBe(3);
		expect(summary.spansByTechnique['loaded-language']).toEqual({ added: 1, unchanged: 0 });
		const article = db.query.articles.findFirst({ where: (a, { eq }) => eq(a.id, '1') }).sync();
		expect(article).toMatchObject({
			title: 'Storm over the harbour',
			body: ONE,
			origin: 'ptc-import'
		});
		const rows = db.select().from(spans).all();
		expect(rows.every((s) => s.labelledBy === 'ptc-import' && s.explanation === null)).toBe(true);
		expect(rows.map((s) => [s.techniqueId, s.start, s.end]).sort()).toEqual(
			[
				['loaded-language', ...at(ONE, 'corrupt')],
				['name-calling', ...at(ONE, 'corrupt elite')],
				['repetition', ...at(ONE, 'lied again.\nThey always lie')]
			].sort()
		);
	});

	it('names the collection after the folder the articles were found in', () => {
		const dir = writeFiles(tempDir(), { 'train/article1.txt': ONE });
		importContent(db, `${dir}/train`);
		const article = db.query.articles.findFirst().sync();
		expect(article?.collection).toBe('train');
	});

	it('reads a combined labels file and per-article task-flc-tc files alike', () => {
		const dir = writeFiles(tempDir(), {
			'article1.txt': ONE,
			'article2.txt': TWO,
			'train-task2-TC.labels': tcLine('1', 'Doubt', at(ONE, 'lied again')),
			'article2.task-flc-tc.labels': tcLine('2', 'Slogans', at(TWO, 'that is fine'))
		});
		const summary = importContent(db, dir);
		expect(summary.spansByTechnique).toEqual({
			doubt: { added: 1, unchanged: 0 },
			slogans: { added: 1, unchanged: 0 }
		});
	});

	it('checks SI labels but skips them with a summary entry, since spans need a technique', () => {
		const [start, end] = at(ONE, 'corrupt elite');
		const dir = writeFiles(tempDir(), {
			'article1.txt': ONE,
			'article1.task1-SI.labels': `1\t${start}\t${end}\n`
		});
		const summary = importContent(db, dir);
		expect(summary.spansAdded).toBe(0);
		expect(summary.skipped).toEqual([
			expect.objectContaining({ count: 1, reason: expect.stringContaining('SI span') })
		]);
		expect(contentCounts(db)).toEqual({ articles: 1, spans: 0, clean: 0 });
	});

	it('skips a label listed twice and says so', () => {
		const dir = writeFiles(tempDir(), {
			'article1.txt': ONE,
			'article1.task2-TC.labels': GOOD_LABELS + tcLine('1', 'Loaded_Language', at(ONE, 'corrupt'))
		});
		const summary = importContent(db, dir);
		expect(summary.spansAdded).toBe(3);
		expect(summary.skipped[0]).toMatchObject({
			count: 1,
			examples: [expect.stringMatching(/article1\.task2-TC\.labels:4$/)]
		});
	});

	it('keeps a leading byte-order mark in the body, as the PTC counts it, but not in the title', () => {
		const body = `\uFEFF${ONE}`;
		const dir = writeFiles(tempDir(), {
			'article1.txt': body,
			'article1.labels': tcLine('1', 'Loaded_Language', [
				body.indexOf('corrupt'),
				body.indexOf('corrupt') + 7
			])
		});
		importContent(db, dir);
		const article = db.query.articles.findFirst().sync();
		expect(article?.body).toBe(body);
		expect(article?.title).toBe('Storm over the harbour');
	});
});

describe('bad PTC input stops the import, names the file and line, and writes nothing', () => {
	/** A folder with one good article and labels, plus `labels` as article1's label file. */
	function folderWith(labels: string, extra: Record<string, string | Uint8Array> = {}) {
		return writeFiles(tempDir(), {
			'article1.txt': ONE,
			'article2.txt': TWO,
			'article1.task2-TC.labels': GOOD_LABELS + labels,
			...extra
		});
	}

	function expectRejected(dir: string, file: string, line: number, problem: RegExp) {
		const error = importErrorOf(() => importContent(db, dir));
		expect(error.file.endsWith(file)).toBe(true);
		expect(error.line).toBe(line);
		expect(error.message).toContain(`${file}:${line}: `);
		expect(error.problem).toMatch(problem);
		expect(contentCounts(db)).toEqual({ articles: 0, spans: 0, clean: 0 });
	}

	it('rejects an unknown technique', () => {
		expectRejected(
			folderWith('1\tMade_Up_Technique\t0\t5\n'),
			'article1.task2-TC.labels',
			4,
			/unknown technique "Made_Up_Technique"/
		);
	});

	it('rejects an end offset beyond the article', () => {
		const length = Array.from(ONE).length;
		expectRejected(
			folderWith(`1\tDoubt\t3\t${length + 1}\n`),
			'article1.task2-TC.labels',
			4,
			/outside the article/
		);
	});

	it('rejects a negative start offset', () => {
		expectRejected(
			folderWith('1\tDoubt\t-1\t4\n'),
			'article1.task2-TC.labels',
			4,
			/outside the article/
		);
	});

	it('rejects an end that is not after the start', () => {
		expectRejected(
			folderWith('1\tDoubt\t9\t9\n'),
			'article1.task2-TC.labels',
			4,
			/greater than start/
		);
	});

	it('rejects offsets that are not whole numbers', () => {
		expectRejected(
			folderWith('1\tDoubt\t2.5\t9\n'),
			'article1.task2-TC.labels',
			4,
			/not a whole number/
		);
	});

	it('rejects a line with the wrong number of columns', () => {
		expectRejected(
			folderWith('1\tDoubt\t2\n'),
			'article1.task2-TC.labels',
			4,
			/expected 4 tab-separated columns/
		);
	});

	it('rejects an SI line with a technique column', () => {
		const dir = folderWith('', { 'article1.task1-SI.labels': '1\t2\t9\n1\tDoubt\t2\t9\n' });
		expectRejected(dir, 'article1.task1-SI.labels', 2, /expected 3 tab-separated columns/);
	});

	it('rejects a label for an article that is not in the import', () => {
		const dir = folderWith('', { 'combined.labels': '\n' + tcLine('3', 'Doubt', [0, 4]) });
		expectRejected(
			dir,
			'combined.labels',
			2,
			/article "3", but article3\.txt is not in this import/
		);
	});

	it('rejects text that is not UTF-8, naming the line of the bad byte', () => {
		const bytes = Buffer.concat([
			Buffer.from('Title\n\nfine line\n'),
			Buffer.from([0x63, 0xff, 0x0a])
		]);
		expectRejected(folderWith('', { 'article3.txt': bytes }), 'article3.txt', 4, /not valid UTF-8/);
	});

	it('rejects a labels file that is not UTF-8', () => {
		const bytes = Buffer.from([0x31, 0x09, 0xc3, 0x28, 0x09, 0x30, 0x09, 0x31, 0x0a]);
		expectRejected(folderWith('', { 'more.labels': bytes }), 'more.labels', 1, /not valid UTF-8/);
	});

	it('rejects a line in a per-article file that names another article', () => {
		expectRejected(
			folderWith(tcLine('2', 'Doubt', [0, 4])),
			'article1.task2-TC.labels',
			4,
			/file is for article 1/
		);
	});
});
