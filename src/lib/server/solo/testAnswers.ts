/**
 * What the solo and assignment specs share about a round: the questions frozen on a game's row,
 * and answers to them as the page posts them. Test support only.
 */
import { eq } from 'drizzle-orm';
import type { Question } from '../../game/types';
import type { Db } from '../db/open';
import { games } from '../db/schema';

/** The questions frozen on a game's row. */
export function frozenQuestions(db: Db, gameId: string): Question[] {
	return db.select().from(games).where(eq(games.id, gameId)).get()!.questions;
}

/**
 * An answer to question `index` as the page posts it: the right one, or a wrong one (another
 * technique; the other verdict; a word outside every target).
 */
export function postedAnswer(q: Question, index: number, right = true): Record<string, string> {
	switch (q.kind) {
		case 'name':
			return {
				kind: 'name',
				index: String(index),
				technique: right ? q.answer : q.choices.find((c) => c !== q.answer)!
			};
		case 'judge':
			return {
				kind: 'judge',
				index: String(index),
				verdict: q.loaded === right ? 'loaded' : 'straight'
			};
		case 'find': {
			if (right) {
				const [start, end] = q.targets[0];
				return { kind: 'find', index: String(index), start: String(start), end: String(end) };
			}
			const outside = q.excerpt.tokens.findIndex(
				(t, i) => t.word && !q.targets.some(([s, e]) => i >= s && i < e)
			);
			return {
				kind: 'find',
				index: String(index),
				start: String(outside),
				end: String(outside + 1)
			};
		}
	}
}
