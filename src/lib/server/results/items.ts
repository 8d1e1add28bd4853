/**
 * Item analysis across all play (solo games, live games and assignments): for every item (an
 * excerpt with its question kind and key) how often it was asked, the share answered right, and
 * its discrimination; items that strong players miss more than weak ones are flagged. No
 * nickname is read: a round is a player id's answers in one game, or one attempt of a deleted
 * game (kept anonymously). An item is listed while some game still holds its question.
 */
import { and, eq, inArray } from 'drizzle-orm';
import { questionTechnique } from '../../game/round';
import { itemAnalysis, type ItemFigures } from '../../game/stats/itemAnalysis';
import { techniqueById } from '../../game/techniques';
import type { Question, QuestionKind } from '../../game/types';
import type { Db } from '../db/open';
import { anonymousAnswers, answers, games, players } from '../db/schema';
import { snippetOf } from './results';

export interface ItemReport extends ItemFigures {
	kind: QuestionKind;
	/** The key in words: the technique (name, find), or "Loaded" / "Straight" (judge). */
	key: string;
	articleTitle: string;
	snippet: string;
}

export const ITEM_SORTS = ['asked', 'share', 'discrimination', 'key'] as const;
export type ItemSort = (typeof ITEM_SORTS)[number];

function keyOf(q: Question): string {
	if (q.kind === 'judge') return q.loaded ? 'Loaded' : 'Straight';
	const id = questionTechnique(q);
	return id ? (techniqueById(id)?.name ?? id) : '–';
}

/** Every item ever answered, with its figures, in the order asked for. */
export function loadItemAnalysis(
	db: Db,
	sort: ItemSort = 'discrimination',
	descending = false
): ItemReport[] {
	const rows = db
		.select({
			gameId: answers.gameId,
			playerId: answers.playerId,
			questionIndex: answers.questionIndex,
			itemKey: answers.itemKey,
			correct: answers.correct
		})
		.from(answers)
		.innerJoin(players, and(eq(players.id, answers.playerId), eq(players.removed, false)))
		.all();
	const rounds = new Map<string, { itemKey: string; correct: boolean }[]>();
	const firstSeen = new Map<string, { gameId: string; questionIndex: number }>();
	for (const r of rows) {
		const round = rounds.get(r.playerId) ?? [];
		round.push({ itemKey: r.itemKey, correct: r.correct });
		rounds.set(r.playerId, round);
		if (!firstSeen.has(r.itemKey)) firstSeen.set(r.itemKey, r);
	}
	// Answers of deleted games, kept without names: one attempt id per deleted seat.
	for (const r of db
		.select({
			attemptId: anonymousAnswers.attemptId,
			itemKey: anonymousAnswers.itemKey,
			correct: anonymousAnswers.correct
		})
		.from(anonymousAnswers)
		.all()) {
		const key = `anonymous:${r.attemptId}`;
		const round = rounds.get(key) ?? [];
		round.push({ itemKey: r.itemKey, correct: r.correct });
		rounds.set(key, round);
	}
	const gameIds = [...new Set([...firstSeen.values()].map((s) => s.gameId))];
	const questionsOf = new Map<string, Question[]>();
	// In chunks: SQLite limits the number of bound parameters.
	for (let i = 0; i < gameIds.length; i += 500) {
		for (const g of db
			.select({ id: games.id, questions: games.questions })
			.from(games)
			.where(inArray(games.id, gameIds.slice(i, i + 500)))
			.all()) {
			questionsOf.set(g.id, g.questions as Question[]);
		}
	}
	const reports: ItemReport[] = [];
	for (const figures of itemAnalysis([...rounds.values()])) {
		const seen = firstSeen.get(figures.itemKey)!;
		const q = questionsOf.get(seen.gameId)?.[seen.questionIndex];
		if (!q) continue;
		reports.push({
			...figures,
			kind: q.kind,
			key: keyOf(q),
			articleTitle: q.excerpt.articleTitle,
			snippet: snippetOf(q)
		});
	}
	const value = (r: ItemReport): number | string => {
		switch (sort) {
			case 'asked':
				return r.timesAsked;
			case 'share':
				return r.shareCorrect;
			case 'key':
				return r.key;
			case 'discrimination':
				// Items without a figure go last either way.
				return r.discrimination ?? (descending ? -Infinity : Infinity);
		}
	};
	const sign = descending ? -1 : 1;
	return reports.sort((a, b) => {
		const x = value(a);
		const y = value(b);
		const order = typeof x === 'string' ? x.localeCompare(y as string) : x - (y as number);
		return sign * order || b.timesAsked - a.timesAsked || a.itemKey.localeCompare(b.itemKey);
	});
}
