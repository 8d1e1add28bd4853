/**
 * Storing one answer, the statement every answer of a game goes through (solo and live). It is
 * better-sqlite3's own prepared statement with the column values converted here as Drizzle's
 * column modes would (JSON text, booleans as 0/1, timestamps in ms): on the live answer path
 * Drizzle's per-run mapping of fifteen placeholders cost about as much as the insert itself.
 */
import type { Db } from './open';
import type { answers } from './schema';

/** An answer as the code holds it, without its id (the new row id); the caller stamps its time. */
export type NewAnswer = Omit<typeof answers.$inferInsert, 'id' | 'createdAt'> & { createdAt: Date };

const INSERT_ANSWER = `
	INSERT INTO answers (game_id, player_id, question_index, item_key, kind, technique_id,
		request_id, response, confidence, confidence_level, correct, credit, time_ms, timed_out,
		points, created_at)
	VALUES (@gameId, @playerId, @questionIndex, @itemKey, @kind, @techniqueId, @requestId,
		@response, @confidence, @confidenceLevel, @correct, @credit, @timeMs, @timedOut, @points,
		@createdAt)`;

/** The insert prepared on `db`: `run(answer)` stores one answer and gives the new row id. */
export function prepareAnswerInsert(db: Db) {
	const statement = db.$client.prepare(INSERT_ANSWER);
	return {
		run(answer: NewAnswer): { changes: number; lastInsertRowid: number | bigint } {
			return statement.run({
				gameId: answer.gameId,
				playerId: answer.playerId,
				questionIndex: answer.questionIndex,
				itemKey: answer.itemKey,
				kind: answer.kind,
				techniqueId: answer.techniqueId ?? null,
				requestId: answer.requestId ?? null,
				// A missing response is NULL, not the JSON text 'null'.
				response: answer.response == null ? null : JSON.stringify(answer.response),
				confidence: answer.confidence ?? null,
				confidenceLevel: answer.confidenceLevel ?? null,
				correct: answer.correct ? 1 : 0,
				credit: answer.credit,
				timeMs: answer.timeMs,
				timedOut: answer.timedOut ? 1 : 0,
				points: answer.points,
				createdAt: answer.createdAt.getTime()
			});
		}
	};
}
