/**
 * Imports the real PTC train set (SemEval-2020 Task 11) from ../shared/data/ptc into a fresh
 * database file and checks every span against an independent code-point slice of its article.
 * The corpus is never copied into the repo; without it these tests are skipped, and say why.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { techniqueById } from '../src/lib/game/techniques';
import { CodePointIndex } from '../src/lib/game/text';
import { exportPtc, importContent, type ImportSummary } from '../src/lib/server/content';
import { syncTechniques } from '../src/lib/server/content/techniques';
import { migrateDatabase, openDatabase, type Db } from '../src/lib/server/db/open';
import { articles, spans } from '../src/lib/server/db/schema';

const PTC = resolve(process.env.PTC_DIR ?? '../shared/data/ptc');
const ARTICLES = join(PTC, 'articles/train');
const LABELS_FOLDER = join(PTC, 'labels/train-TC');
const COMBINED_LABELS = join(PTC, 'labels/train-task2-TC.labels');
const present = existsSync(ARTICLES) && existsSync(LABELS_FOLDER) && existsSync(COMBINED_LABELS);
if (!present) {
	console.warn(
		`Skipping the PTC import tests: the corpus is not at ${PTC} (set PTC_DIR, or put it at ../shared/data/ptc).`
	);
}

const tempDirs: string[] = [];
function tempDir(): string {
	const dir = mkdtempSync(join(tmpdir(), 'slant-ptc-'));
	tempDirs.push(dir);
	return dir;
}
afterAll(() => tempDirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** A fresh database file in a temp folder, migrated, with the techniques written. */
function freshDb(): Db {
	const db = openDatabase(join(tempDir(), 'slant.db'));
	migrateDatabase(db);
	syncTechniques(db);
	return db;
}

/** Each label line of the combined file with its text, sliced like Python's str, by code point. */
function expectedSpans(): string[] {
	const texts = new Map<string, string[]>();
	return readFileSync(COMBINED_LABELS, 'utf8')
		.split('\n')
		.filter((line) => line !== '')
		.map((line) => {
			const [id, label, start, end] = line.split('\t');
			if (!texts.has(id)) {
				const text = readFileSync(join(ARTICLES, `article${id}.txt`), 'utf8');
				texts.set(id, Array.from(text));
			}
			const slice = (texts.get(id) as string[]).slice(Number(start), Number(end)).join('');
			return `${id}\t${label}\t${start}\t${end}\t${slice}`;
		});
}

/** The stored spans, with their text sliced from the stored body through CodePointIndex. */
function storedSpans(db: Db): string[] {
	const bodies = new Map(
		db
			.select({ id: articles.id, body: articles.body })
			.from(articles)
			.all()
			.map((a) => [a.id, new CodePointIndex(a.body)])
	);
	return db
		.select()
		.from(spans)
		.all()
		.map((s) => {
			const label = techniqueById(s.techniqueId)?.ptcLabel;
			const slice = bodies.get(s.articleId)?.slice(s.start, s.end);
			return `${s.articleId}\t${label}\t${s.start}\t${s.end}\t${slice}`;
		});
}

describe.skipIf(!present)('importing the PTC train set', () => {
	let db: Db;
	let summary: ImportSummary;
	let expected: string[];

	beforeAll(() => {
		db = freshDb();
		summary = importContent(db, [ARTICLES, LABELS_FOLDER]);
		expected = expectedSpans();
	});
	afterAll(() => db.$client.close());

	it('adds all 371 articles, each body byte for byte as in its file', () => {
		const files = readdirSync(ARTICLES).filter((f) => /^article\d+\.txt$/.test(f));
		expect(files.length).toBe(371);
		expect(summary.articlesAdded).toBe(371);
		const rows = db
			.select({ id: articles.id, body: articles.body, origin: articles.origin })
			.from(articles)
			.all();
		expect(rows.length).toBe(371);
		for (const row of rows) {
			expect(
				Buffer.from(row.body, 'utf8').equals(readFileSync(join(ARTICLES, `article${row.id}.txt`)))
			).toBe(true);
			expect(row.origin).toBe('ptc-import');
		}
	});

	it('reads all 6,129 label lines and stores each distinct span once', () => {
		expect(expected.length).toBe(6129);
		const distinct = new Set(expected);
		const repeats = expected.length - distinct.size;
		// The corpus lists one span of article 711566593 twice; the unique index keeps one copy.
		expect(summary.spansAdded).toBe(distinct.size);
		expect(summary.spansAdded + repeats).toBe(6129);
		expect(summary.skipped).toEqual([
			expect.objectContaining({ count: repeats, reason: expect.stringContaining('more than once') })
		]);
	});

	it('gives every span the text of the Python-style code-point slice of its article', () => {
		expect(storedSpans(db).sort()).toEqual([...new Set(expected)].sort());
	});

	it('stores the same spans from the combined labels file as from the per-article files', () => {
		const other = freshDb();
		importContent(other, [ARTICLES, COMBINED_LABELS]);
		expect(storedSpans(other).sort()).toEqual(storedSpans(db).sort());
		other.$client.close();
	});

	it('round-trips through a PTC export: same bodies, byte for byte, and same spans', () => {
		const folder = tempDir();
		const result = exportPtc(db, folder);
		expect(result).toMatchObject({ articles: 371, spans: summary.spansAdded });
		for (const file of readdirSync(ARTICLES)) {
			expect(readFileSync(join(folder, file)).equals(readFileSync(join(ARTICLES, file)))).toBe(
				true
			);
		}
		const copy = freshDb();
		const again = importContent(copy, folder);
		expect(again).toMatchObject({
			articlesAdded: 371,
			spansAdded: summary.spansAdded,
			skipped: []
		});
		expect(storedSpans(copy).sort()).toEqual(storedSpans(db).sort());
		copy.$client.close();
	});
});
