import { describe, expect, it } from 'vitest';
import { createRng } from '../../game/random';
import { itemAnalysis, itemFigures, type ItemAnswer } from '../../game/stats/itemAnalysis';
import { judgeQuestion, nameQuestion } from '../../game/stats/statsFixtures';
import type { Question } from '../../game/types';
import { openTestDatabase, type Db } from '../db/open';
import { anonymousAnswers, answers, players } from '../db/schema';
import { addAnonymousAnswer, addAnswer, addEndedGame, addSeat } from '../testing/playedGames';
import { loadArticleItemTallies, loadItemAnalysis, loadItemTallies } from './items';

/** Items of three "articles" whose ids share a beginning, so a prefix match would mix them. */
const ARTICLES = ['art1', 'art10', 'art1x'];
const ITEMS: Question[] = Array.from({ length: 12 }, (_, i) =>
	i % 2 === 0
		? nameQuestion('loaded-language', `${ARTICLES[i % 3]}:${i}`)
		: judgeQuestion(i % 4 === 1, `${ARTICLES[i % 3]}:${i}`)
);

/**
 * Random play in a fresh database: games of 2-7 items, seats answering a random part of their
 * game (so rounds of one answer too), some seats removed, some anonymous attempts. Each item has
 * a difficulty and each player an ability, so discriminations spread both ways.
 */
function randomPlay(seed: string): Db {
	const db = openTestDatabase();
	const rng = createRng(seed);
	const difficulty = ITEMS.map(() => rng.next());
	const right = (item: number, ability: number) =>
		rng.next() <
		0.1 + 0.8 * (rng.next() < 0.3 ? 1 - ability : ability) * (1 - difficulty[item] / 2);
	for (let g = 0; g < 40; g++) {
		const gameId = `g${g}`;
		const picked = rng.shuffle(ITEMS.map((_, i) => i)).slice(0, 2 + rng.int(6));
		addEndedGame(
			db,
			gameId,
			picked.map((i) => ITEMS[i])
		);
		for (let p = 0; p < 1 + rng.int(8); p++) {
			const playerId = `${gameId}-p${p}`;
			addSeat(db, gameId, playerId, { removed: rng.int(8) === 0 });
			const ability = rng.next();
			const asked = picked.map((item, index) => ({ item, index })).filter(() => rng.int(4) > 0);
			for (const { item, index } of asked) {
				addAnswer(db, { gameId, playerId }, index, ITEMS[item], right(item, ability));
			}
		}
		if (rng.int(3) === 0) {
			const ability = rng.next();
			picked.forEach((item, index) => {
				addAnonymousAnswer(db, `attempt-${g}`, index, ITEMS[item], right(item, ability));
			});
		}
	}
	return db;
}

/** The rounds that count, read answer by answer (what the page did before it added up in SQL). */
function roundsAnswerByAnswer(db: Db): ItemAnswer[][] {
	const rounds = new Map<string, ItemAnswer[]>();
	const seats = new Map(
		db
			.select()
			.from(players)
			.all()
			.map((p) => [p.id, p])
	);
	for (const a of db.select().from(answers).all()) {
		if (seats.get(a.playerId)!.removed) continue;
		rounds.set(a.playerId, [...(rounds.get(a.playerId) ?? []), a]);
	}
	for (const a of db.select().from(anonymousAnswers).all()) {
		const key = `anonymous:${a.attemptId}`;
		rounds.set(key, [...(rounds.get(key) ?? []), a]);
	}
	return [...rounds.values()];
}

/** Pearson's r of right (1) or wrong (0) with the rest score, in the textbook two-pass form. */
function pearson(pairs: { right: boolean; rest: number }[]): number | null {
	const n = pairs.length;
	const mx = pairs.filter((p) => p.right).length / n;
	const my = pairs.reduce((s, p) => s + p.rest, 0) / n;
	let sxy = 0;
	let sxx = 0;
	let syy = 0;
	for (const p of pairs) {
		const dx = (p.right ? 1 : 0) - mx;
		const dy = p.rest - my;
		sxy += dx * dy;
		sxx += dx * dx;
		syy += dy * dy;
	}
	return sxx === 0 || syy < 1e-12 ? null : sxy / Math.sqrt(sxx * syy);
}

describe('item analysis added up in SQL', () => {
	for (const seed of ['one', 'two', 'three']) {
		it(`gives the figures of the answer-by-answer computation on random play (${seed})`, () => {
			const db = randomPlay(seed);
			const rounds = roundsAnswerByAnswer(db);
			const byAnswers = new Map(itemAnalysis(rounds).map((f) => [f.itemKey, f]));
			const bySql = new Map(loadItemTallies(db).map((t) => [t.itemKey, itemFigures(t)]));
			expect([...bySql.keys()].sort()).toEqual([...byAnswers.keys()].sort());
			for (const [itemKey, expected] of byAnswers) {
				const actual = bySql.get(itemKey)!;
				const { discrimination, ...counts } = expected;
				expect(actual).toMatchObject(counts);
				if (discrimination === null) expect(actual.discrimination).toBeNull();
				else expect(actual.discrimination).toBeCloseTo(discrimination, 12);
				// And the same as Pearson's r over the item's answers, with rest scores from the rounds.
				const pairs = rounds.flatMap((round) => {
					const total = round.filter((a) => a.correct).length;
					return round.length < 2
						? []
						: round
								.filter((a) => a.itemKey === itemKey)
								.map((a) => ({
									right: a.correct,
									rest: (total - (a.correct ? 1 : 0)) / (round.length - 1)
								}));
				});
				const r = pairs.length < 2 ? null : pearson(pairs);
				if (r === null) expect(actual.discrimination).toBeNull();
				else expect(actual.discrimination).toBeCloseTo(r, 12);
			}
			// Some items must be compared both ways for the check to mean anything.
			const figures = [...bySql.values()].map((f) => f.discrimination);
			expect(figures.some((d) => d !== null && d > 0)).toBe(true);
			expect(figures.some((d) => d !== null && d < 0)).toBe(true);
		});
	}

	it('lists only items a seat that counts answered, with the text of their question', () => {
		const db = randomPlay('four');
		// An item whose games are all deleted: tallied (it counts in its rounds), but not listed.
		addAnonymousAnswer(db, 'attempt-deleted', 0, judgeQuestion(true, 'item:deleted'), true);
		expect(loadItemTallies(db).map((t) => t.itemKey)).toContain('item:deleted');
		const answered = new Set(
			roundsAnswerByAnswer(db)
				.flat()
				.filter((a) => !('attemptId' in a))
				.map((a) => a.itemKey)
		);
		const listed = loadItemAnalysis(db);
		expect(new Set(listed.map((i) => i.itemKey))).toEqual(answered);
		for (const item of listed) {
			const q = ITEMS.find((i) => i.itemKey === item.itemKey)!;
			expect(item.kind).toBe(q.kind);
			expect(item.key).toBe(
				q.kind === 'judge' ? (q.loaded ? 'Loaded' : 'Straight') : 'Loaded language'
			);
		}
	});

	it('tallies one article’s items as the whole analysis does, and no other article’s', () => {
		const db = randomPlay('five');
		const all = loadItemTallies(db);
		for (const article of ARTICLES) {
			const expected = all.filter((t) => t.itemKey.startsWith(`${article}:`));
			const actual = loadArticleItemTallies(db, article);
			expect(actual.map((t) => t.itemKey).sort()).toEqual(expected.map((t) => t.itemKey).sort());
			expect(actual.length).toBeGreaterThan(0);
			for (const tally of actual) {
				const want = itemFigures(expected.find((t) => t.itemKey === tally.itemKey)!);
				const { discrimination, ...counts } = itemFigures(tally);
				expect(counts).toMatchObject({
					timesAsked: want.timesAsked,
					shareCorrect: want.shareCorrect,
					correct: want.correct,
					compared: want.compared,
					possiblyMislabelled: want.possiblyMislabelled
				});
				if (want.discrimination === null) expect(discrimination).toBeNull();
				else expect(discrimination).toBeCloseTo(want.discrimination, 12);
			}
		}
	});
});
