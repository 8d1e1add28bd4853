import { describe, expect, it } from 'vitest';
import { CodePointIndex } from '../../game/text';
import { openTestDatabase } from '../db/open';
import { articles, spans } from '../db/schema';
import { ensureBundledContent, loadContentPacks } from './bundled';
import { contentCounts, packJson, tempDir, writeFiles } from './specFixtures';
import { syncTechniques } from './techniques';

function freshDb() {
	const db = openTestDatabase();
	syncTechniques(db);
	return db;
}

const fixturePack = (id: string) =>
	packJson(
		[
			{
				id: `${id}-article`,
				title: id,
				text: 'Some words here.',
				spans: [{ technique: 'doubt', start: 0, end: 4 }]
			}
		],
		id
	);

describe('bundled content', () => {
	it('loads every pack under the content folder into an empty database, as bundled', () => {
		const root = writeFiles(tempDir(), {
			'seed/seed.pack.json': fixturePack('seed'),
			'practice/practice.pack.json': fixturePack('practice'),
			'README.md': 'about the packs'
		});
		const db = freshDb();
		const summary = ensureBundledContent(db, root);
		expect(summary).toMatchObject({ articlesAdded: 2, spansAdded: 2 });
		const rows = db
			.select({ origin: articles.origin, collection: articles.collection })
			.from(articles)
			.all();
		expect(rows.map((r) => `${r.origin}/${r.collection}`).sort()).toEqual([
			'bundled/practice',
			'bundled/seed'
		]);
	});

	it('does nothing when the database already has articles', () => {
		const root = writeFiles(tempDir(), { 'a.pack.json': fixturePack('a') });
		const db = freshDb();
		ensureBundledContent(db, root);
		writeFiles(root, { 'b.pack.json': fixturePack('b') });
		expect(ensureBundledContent(db, root)).toBeNull();
		expect(contentCounts(db).articles).toBe(1);
	});

	it('does nothing when there is no content folder', () => {
		const db = freshDb();
		expect(ensureBundledContent(db, `${tempDir()}/content`)).toBeNull();
		expect(contentCounts(db).articles).toBe(0);
	});

	it('reads the repo content packs without errors and stores every span', () => {
		const packs = loadContentPacks();
		expect(packs.length).toBeGreaterThan(0);
		for (const pack of packs) expect(pack.articles.length).toBeGreaterThan(0);
		const db = freshDb();
		ensureBundledContent(db);
		const stored = db.select().from(spans).all();
		expect(stored.length).toBe(packs.flatMap((p) => p.articles.flatMap((a) => a.spans)).length);
		const bodies = new Map(
			db
				.select()
				.from(articles)
				.all()
				.map((a) => [a.id, new CodePointIndex(a.body)])
		);
		for (const span of stored)
			expect(span.end).toBeLessThanOrEqual(bodies.get(span.articleId)?.length ?? -1);
	});
});
