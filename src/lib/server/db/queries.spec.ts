import { describe, expect, it } from 'vitest';
import { syncTechniques } from '../content/techniques';
import { openTestDatabase, TEST_ROUND_CONFIG } from './open';
import type { ContentArticle } from '../../game/types';
import { approveSpan } from '../review/testReviews';
import {
	listArticles,
	loadItemStats,
	loadRoundContent,
	readRoundArticles,
	techniqueCounts
} from './queries';
import { answers, articles, cleanPassages, games, players, spans } from './schema';

function contentDb() {
	const db = openTestDatabase();
	syncTechniques(db);
	const body = '🚲 First line is calm.\nThen a “disgraceful” plan. Everyone agrees.';
	db.insert(articles)
		.values([
			{ id: 'a1', title: 'One', outlet: 'Gazette', body, contentHash: 'x', origin: 'pack' },
			{ id: 'a2', title: 'Two', body: 'Plain text.', contentHash: 'y', origin: 'pack' }
		])
		.run();
	db.insert(spans)
		.values([
			{
				articleId: 'a1',
				techniqueId: 'loaded-language',
				start: 29,
				end: 42,
				explanation: 'Calling it “disgraceful”.',
				labelledBy: 'editor'
			},
			{
				articleId: 'a1',
				techniqueId: 'bandwagon',
				start: 49,
				end: 64,
				explanation: null,
				labelledBy: 'ptc-import'
			}
		])
		.run();
	db.insert(cleanPassages).values({ articleId: 'a1', start: 2, end: 21 }).run();
	return { db, body };
}

describe('content queries', () => {
	it('count each article’s own spans and clean passages', () => {
		const { db } = contentDb();
		const rows = listArticles(db);
		expect(rows.find((r) => r.id === 'a1')).toMatchObject({ spanCount: 2, cleanCount: 1 });
		expect(rows.find((r) => r.id === 'a2')).toMatchObject({ spanCount: 0, cleanCount: 0 });
	});

	it('load round content for all articles or one, spans sorted by start', () => {
		const { db } = contentDb();
		const all = loadRoundContent(db);
		expect(all.map((a) => a.id).sort()).toEqual(['a1', 'a2']);
		const one = loadRoundContent(db, 'a1');
		expect(one).toHaveLength(1);
		expect(one[0].spans.map((s) => s.techniqueId)).toEqual(['loaded-language', 'bandwagon']);
		expect(one[0].clean).toEqual([{ start: 2, end: 21, note: null }]);
		expect(loadRoundContent(db, 'missing')).toEqual([]);
	});

	it('count labelled spans per technique', () => {
		const { db } = contentDb();
		const counts = techniqueCounts(db);
		expect(counts.get('loaded-language')).toBe(1);
		expect(counts.get('bandwagon')).toBe(1);
		expect(counts.has('fear')).toBe(false);
	});

	it('sum answers per item for difficulty statistics', () => {
		const { db } = contentDb();
		db.insert(games)
			.values({
				id: 'g',
				mode: 'solo',
				config: TEST_ROUND_CONFIG,
				seed: 's',
				questions: [],
				status: 'open'
			})
			.run();
		db.insert(players).values({ id: 'p', gameId: 'g', tokenHash: 't' }).run();
		db.insert(players).values({ id: 'q', gameId: 'g', tokenHash: 'u' }).run();
		const base = {
			gameId: 'g',
			questionIndex: 0,
			itemKey: 'k1',
			kind: 'name',
			timeMs: 1,
			points: 0
		};
		db.insert(answers)
			.values([
				{ ...base, playerId: 'p', correct: true, credit: 1 },
				{ ...base, playerId: 'q', correct: false, credit: 0 }
			])
			.run();
		expect(loadItemStats(db).get('k1')).toEqual({ answered: 2, correct: 1 });
	});
});

describe('the round content cache', () => {
	it('returns the same objects while the content is unchanged, and fresh ones after a change', () => {
		const { db } = contentDb();
		const first = loadRoundContent(db);
		expect(loadRoundContent(db)).toBe(first);
		db.insert(spans)
			.values({
				articleId: 'a2',
				techniqueId: 'doubt',
				start: 0,
				end: 5,
				explanation: null,
				labelledBy: 'editor'
			})
			.run();
		const second = loadRoundContent(db);
		expect(second).not.toBe(first);
		expect(second.find((a) => a.id === 'a2')?.spans).toHaveLength(1);
		// The article that did not change keeps its object (and the round builder its preparation).
		expect(second.find((a) => a.id === 'a1')).toBe(first.find((a) => a.id === 'a1'));
		expect(second.find((a) => a.id === 'a2')).not.toBe(first.find((a) => a.id === 'a2'));
		expect(second).toEqual(readRoundArticles(db));
		db.delete(cleanPassages).run();
		expect(loadRoundContent(db, 'a1')[0].clean).toEqual([]);
	});

	it('after a review decision reads again only the article it is on; the others keep their objects', () => {
		const { db } = contentDb();
		const approve = (articleId: string, start: number, end: number, techniqueId: string) =>
			approveSpan(db, 'pack', { articleId, start, end, techniqueId });
		const first = loadRoundContent(db);
		const byId = (content: ContentArticle[], id: string) => content.find((a) => a.id === id);
		expect(byId(first, 'a1')?.spans.map((s) => s.review)).toEqual(['unreviewed', 'unreviewed']);

		approve('a1', 29, 42, 'loaded-language');
		const second = loadRoundContent(db);
		expect(second).not.toBe(first);
		expect(byId(second, 'a2')).toBe(byId(first, 'a2'));
		expect(byId(second, 'a1')).not.toBe(byId(first, 'a1'));
		expect(byId(second, 'a1')?.spans.map((s) => s.review)).toEqual(['approved', 'unreviewed']);
		expect(second).toEqual(readRoundArticles(db));

		// A second decision on the same article (its version goes up) is seen too.
		approve('a1', 29, 42, 'loaded-language');
		approve('a1', 49, 64, 'bandwagon');
		const third = loadRoundContent(db);
		expect(byId(third, 'a2')).toBe(byId(first, 'a2'));
		expect(byId(third, 'a1')?.spans.map((s) => s.review)).toEqual(['approved', 'approved']);
		expect(third).toEqual(readRoundArticles(db));
		expect(loadRoundContent(db)).toBe(third);
	});
});
