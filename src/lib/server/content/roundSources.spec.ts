import { eq } from 'drizzle-orm';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Question } from '../../game/types';
import type { Db } from '../db/open';
import { loadConfusion, loadRoundContent, loadSeenExcerpts } from '../db/queries';
import { answers, articles, games } from '../db/schema';
import { createSoloGame } from '../solo/soloGame';
import { hashToken } from '../tokens';
import { importContent } from './importContent';
import { defaultSourceIds, listSources, settleSources } from './roundSources';
import {
	COUNCIL_OPENING,
	openContentTestDatabase,
	packJson,
	ptcArticle111,
	restorePublicSourcesAfterEach,
	tempDir,
	writeFiles
} from './specFixtures';
import type { TechniqueId } from '../../game/techniques';
import { formatSummary } from './summary';
import { approveAllSpans } from '../review/testReviews';

/** A PTC-format corpus: one sentence a line, a few labels, one line with an obscenity. */
const LINES = [
	...COUNCIL_OPENING,
	'One resident shouted that the whole plan was shit and then left the crowded hall.',
	'Residents can read the papers at the town hall from nine until five on weekdays.',
	'The next meeting of the council is planned for the first Tuesday of the new month.',
	'A spokesperson confirmed that the meeting will be open to members of the public.'
];
const BODY = LINES.join('\n') + '\n';

function ptcCorpus(): string {
	const at = BODY.indexOf('greedy developers');
	return ptcArticle111(BODY, `111\tName_Calling,Labeling\t${at}\t${at + 17}\n`);
}

function bundledPack(): string {
	const text =
		'The mayor called the plan a reckless gamble with public money.\n\nThe library opens at nine on Saturdays and closes at five in the evening.';
	return writeFiles(tempDir(), {
		'practice.pack.json': packJson([
			{
				id: 'practice-one',
				title: 'One',
				author: null,
				outlet: null,
				url: null,
				publishedDate: null,
				language: 'en',
				sourceNote: null,
				licenseNote: null,
				text,
				spans: [{ technique: 'loaded-language', start: 27, end: 42 }],
				clean: [{ start: 64, end: text.length }]
			}
		])
	});
}

let db: Db;
restorePublicSourcesAfterEach();

beforeEach(() => {
	db = openContentTestDatabase();
	importContent(db, join(bundledPack(), 'practice.pack.json'), { origin: 'bundled' });
	delete process.env.SLANT_PUBLIC_SOURCES;
});

describe('importing a corpus', () => {
	it('marks PTC articles as exhaustively labelled, and packs only when they say so', () => {
		const summary = importContent(db, ptcCorpus());
		expect(summary.articlesAdded).toBe(1);
		const row = db.select().from(articles).where(eq(articles.id, '111')).get();
		expect(row?.exhaustive).toBe(true);
		expect(
			db.select().from(articles).where(eq(articles.id, 'practice-one')).get()?.exhaustive
		).toBe(false);
		const content = loadRoundContent(db, '111');
		expect(content[0]).toMatchObject({ exhaustive: true, collection: 'corpus' });
	});

	it('reads the optional "exhaustive" field of a pack', () => {
		const dir = writeFiles(tempDir(), {
			'x.pack.json': packJson([], 'x').replace('"articles"', '"exhaustive": true,\n\t"articles"')
		});
		expect(() => importContent(db, join(dir, 'x.pack.json'))).toThrow(/no articles/);
		const bad = writeFiles(tempDir(), {
			'y.pack.json': packJson([], 'y').replace('"articles"', '"exhaustive": "yes",\n\t"articles"')
		});
		expect(() => importContent(db, join(bad, 'y.pack.json'))).toThrow(
			/exhaustive: must be true or false/
		);
	});

	it('says how many sentences are held back from student rounds and why', () => {
		const summary = importContent(db, ptcCorpus());
		expect(summary.heldBack).toMatchObject({ sentences: 1, articles: 1 });
		expect(formatSummary(summary)).toMatch(
			/Held back from student rounds: 1 sentences in 1 articles \(contains a slur or obscenity/
		);
	});
});

describe('choosing sources', () => {
	beforeEach(() => {
		importContent(db, ptcCorpus());
	});

	it('lists bundled and imported sources; only bundled and public ones are open to solo play', () => {
		expect(listSources(db).map((s) => [s.id, s.bundled, s.public])).toEqual([
			['practice', true, true],
			['corpus', false, false]
		]);
		expect(defaultSourceIds(db, 'solo')).toEqual(['practice']);
		process.env.SLANT_PUBLIC_SOURCES = 'corpus';
		expect(defaultSourceIds(db, 'solo')).toEqual(['practice', 'corpus']);
		expect(defaultSourceIds(db, 'class')).toEqual(['practice']);
	});

	it('keeps an imported corpus out of a class round unless the teacher opts in', () => {
		const config = {
			articleId: null,
			families: [],
			count: 10,
			secondsPerQuestion: null,
			scoring: 'accuracy' as const,
			streaks: false,
			focusTechniques: []
		};
		expect(settleSources(db, config, 'class')).toEqual({
			ok: true,
			config: { ...config, sources: ['practice'] }
		});
		expect(settleSources(db, { ...config, sources: ['corpus'] }, 'class')).toEqual({
			ok: true,
			config: { ...config, sources: ['corpus'] }
		});
		expect(settleSources(db, { ...config, sources: ['nope'] }, 'class')).toMatchObject({
			ok: false
		});
		expect(settleSources(db, { ...config, sources: ['corpus'] }, 'solo')).toMatchObject({
			ok: false,
			message: expect.stringMatching(/not open for solo play/)
		});
		expect(settleSources(db, { ...config, articleId: '111' }, 'solo')).toMatchObject({
			ok: false
		});
	});

	it('builds solo rounds from the bundled content only, until the operator makes a corpus public', async () => {
		const created = await createSoloGame(db, { count: 3, timing: 'untimed' }, { seed: 'solo' });
		const row = db.select().from(games).where(eq(games.id, created.gameId)).get();
		for (const q of row?.questions as Question[]) expect(q.excerpt.articleId).toBe('practice-one');
		await expect(createSoloGame(db, { count: 3, sources: ['corpus'] })).rejects.toThrow(/not open/);
		process.env.SLANT_PUBLIC_SOURCES = 'corpus';
		// Imported items reach students once a teacher approved them (issue 21).
		approveAllSpans(db, 'corpus');
		const opted = await createSoloGame(db, { count: 3, sources: ['corpus'] }, { seed: 'corpus' });
		const questions = db.select().from(games).where(eq(games.id, opted.gameId)).get()
			?.questions as Question[];
		expect(questions.length).toBeGreaterThan(0);
		for (const q of questions) expect(q.excerpt.articleId).toBe('111');
	});
});

describe('history for round building', () => {
	it('remembers the excerpts a solo browser has met', async () => {
		const first = await createSoloGame(db, { count: 3 }, { seed: 'a' });
		const seen = loadSeenExcerpts(db, hashToken(first.token));
		const row = db.select().from(games).where(eq(games.id, first.gameId)).get();
		expect(seen).toEqual(
			(row?.questions as Question[]).map((q) => ({
				articleId: q.excerpt.articleId,
				start: q.excerpt.start,
				end: q.excerpt.end
			}))
		);
		expect(loadSeenExcerpts(db, hashToken('someone else'))).toEqual([]);
	});

	it('counts which technique players chose instead of the right one', async () => {
		const created = await createSoloGame(db, { count: 3 }, { seed: 'b' });
		const insert = (chosen: TechniqueId, correct: boolean) =>
			db
				.insert(answers)
				.values({
					gameId: created.gameId,
					playerId: created.playerId,
					questionIndex: Math.floor(Math.random() * 1e9),
					itemKey: 'k',
					kind: 'name',
					techniqueId: 'loaded-language',
					response: { kind: 'name', techniqueId: chosen },
					correct,
					credit: correct ? 1 : 0,
					timeMs: 1,
					points: 0
				})
				.run();
		insert('exaggeration', false);
		insert('exaggeration', false);
		insert('fear', false);
		insert('loaded-language', true);
		expect(loadConfusion(db)).toEqual({ 'loaded-language': { exaggeration: 2, fear: 1 } });
	});
});
