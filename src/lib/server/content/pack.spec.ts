import { beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../db/open';
import { cleanPassages, spans } from '../db/schema';
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

const BODY = 'A plain opening sentence. Then the reckless council rammed it through.\n';
const start = (words: string) => BODY.indexOf(words);

function article(overrides: Record<string, unknown> = {}) {
	return {
		id: 'council',
		title: 'Council budget',
		author: null,
		outlet: 'Fixture Times',
		url: null,
		publishedDate: '2026-03-02',
		language: 'en',
		sourceNote: 'Written for the tests.',
		licenseNote: 'CC0',
		text: BODY,
		spans: [
			{
				technique: 'loaded-language',
				start: start('reckless'),
				end: start('reckless') + 'reckless'.length,
				quote: 'reckless',
				explanation: 'A word chosen to make the reader angry.'
			},
			{
				technique: 'Loaded_Language',
				start: start('rammed it through'),
				end: start('rammed it through') + 'rammed it through'.length,
				explanation: 'PTC labels are accepted too.'
			}
		],
		clean: [{ start: 0, end: 25, quote: 'A plain opening sentence.' }],
		...overrides
	};
}

let db: Db;
beforeEach(() => {
	db = openContentTestDatabase();
});

describe('importing a content pack', () => {
	it('stores articles, editor spans and clean passages under the pack id', () => {
		const dir = writeFiles(tempDir(), { 'practice.pack.json': packJson([article()]) });
		const summary = importContent(db, `${dir}/practice.pack.json`);
		expect(summary).toMatchObject({ articlesAdded: 1, spansAdded: 2, cleanAdded: 1, skipped: [] });
		const stored = db.query.articles.findFirst().sync();
		expect(stored).toMatchObject({
			id: 'council',
			origin: 'pack',
			collection: 'practice',
			body: BODY,
			outlet: 'Fixture Times',
			publishedDate: '2026-03-02'
		});
		const rows = db.select().from(spans).all();
		expect(rows.map((s) => s.techniqueId)).toEqual(['loaded-language', 'loaded-language']);
		expect(rows.every((s) => s.labelledBy === 'editor')).toBe(true);
		expect(db.select().from(cleanPassages).all()).toMatchObject([{ start: 0, end: 25 }]);
	});

	it('reads the text from textFile, relative to the pack, byte for byte', () => {
		const text = 'Line one\r\nLine two with a tab\tand no final newline';
		const dir = writeFiles(tempDir(), {
			'packs/p.pack.json': packJson([
				article({ text: undefined, textFile: 'texts/a.txt', spans: [], clean: [] })
			]),
			'packs/texts/a.txt': text
		});
		importContent(db, dir);
		expect(db.query.articles.findFirst().sync()?.body).toBe(text);
	});

	it('marks articles from the bundled content as bundled when asked', () => {
		const dir = writeFiles(tempDir(), { 'seed.pack.json': packJson([article()], 'seed') });
		importContent(db, dir, { origin: 'bundled' });
		expect(db.query.articles.findFirst().sync()).toMatchObject({
			origin: 'bundled',
			collection: 'seed'
		});
	});
});

describe('bad packs stop the import, name the file and line, and write nothing', () => {
	function expectRejected(json: string, needle: string, problem: RegExp) {
		const dir = writeFiles(tempDir(), {
			'ok.pack.json': packJson([article({ id: 'fine' })], 'ok'),
			'bad.pack.json': json
		});
		const error = importErrorOf(() => importContent(db, dir));
		const line = lineContaining(json, needle);
		expect(error.file.endsWith('bad.pack.json')).toBe(true);
		expect(error.line).toBe(line);
		expect(error.message).toContain(`bad.pack.json:${line}: `);
		expect(error.problem).toMatch(problem);
		expect(contentCounts(db)).toEqual({ articles: 0, spans: 0, clean: 0 });
	}

	it('rejects a quote that does not match its slice', () => {
		const a = article();
		a.spans[0].quote = 'careless';
		expectRejected(
			packJson([a]),
			'"careless"',
			/quote "careless" does not match the text .* "reckless"/
		);
	});

	it('rejects an unknown technique', () => {
		const a = article();
		a.spans[1].technique = 'mind-control';
		expectRejected(packJson([a]), '"mind-control"', /unknown technique "mind-control"/);
	});

	it('rejects a span that ends beyond the text', () => {
		const a = article();
		a.spans[1].end = 5000;
		expectRejected(packJson([a]), '5000', /outside the article/);
	});

	it('rejects a clean passage whose end is not after its start', () => {
		const json = packJson([article({ clean: [{ start: 30, end: 30 }] })]).replace(
			'"end": 30',
			'"end": 30 '
		);
		expectRejected(json, '"end": 30 ', /greater than start/);
	});

	it('rejects offsets that are not whole numbers', () => {
		const a = article();
		a.spans[0].end = 40.5;
		expectRejected(packJson([a]), '40.5', /whole number/);
	});

	it('rejects an article with both text and textFile', () => {
		expectRejected(
			packJson([article({ textFile: 'a.txt' })]),
			'"a.txt"',
			/exactly one of "text" and "textFile"/
		);
	});

	it('rejects a missing textFile', () => {
		expectRejected(
			packJson([article({ text: undefined, textFile: 'gone.txt' })]),
			'"gone.txt"',
			/was not found/
		);
	});

	it('rejects an unknown pack format', () => {
		expectRejected(
			packJson([article()]).replace('slant-pack/1', 'slant-pack/9'),
			'slant-pack/9',
			/slant-pack\/1/
		);
	});

	it('rejects a misspelt key in a span', () => {
		const json = packJson([article()]).replace('"explanation": "PTC', '"explaination": "PTC');
		expectRejected(json, '"explaination"', /explaination/);
	});

	it('rejects JSON with a syntax error', () => {
		const json = packJson([article()]).replace(
			'"outlet": "Fixture Times",',
			'"outlet": "Fixture Times",,'
		);
		expectRejected(json, ',,', /not valid JSON/);
	});

	it('rejects an article id that cannot be a file name', () => {
		expectRejected(packJson([article({ id: '../escape' })]), '"../escape"', /slug/);
	});
});
