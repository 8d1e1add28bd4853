/**
 * The teacher's home: every live game and assignment a teacher owns, newest first, with its
 * status, its players and the class accuracy (correct answers over answers given or timed out,
 * by players the teacher did not remove, as on the results page).
 */
import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../db/open';
import { answers, games, players } from '../db/schema';
import { titleOf } from '../gameNames';
import type { ReportStatus } from '../../game/reportViews';
import { reportStatus } from '../results/results';

/** lobby, running and finished for live games; open (until the deadline) and closed for assignments. */
export type GameStatus = ReportStatus;

export interface TeacherGame {
	id: string;
	mode: 'live' | 'assignment';
	title: string;
	code: string | null;
	status: GameStatus;
	createdAt: number;
	/** Assignments: ms since epoch. */
	deadline: number | null;
	questionCount: number;
	players: number;
	/** Answer rows (given or timed out) of those players. */
	responses: number;
	correct: number;
	/** correct / responses; null before any answer. */
	accuracy: number | null;
}

/** Every game and assignment of this teacher, newest first. */
export function listTeacherGames(db: Db, teacherId: string, now = Date.now()): TeacherGame[] {
	const rows = db
		.select({
			id: games.id,
			mode: games.mode,
			title: games.title,
			code: games.joinCode,
			status: games.status,
			snapshot: games.snapshot,
			createdAt: games.createdAt,
			deadline: games.deadline,
			questions: games.questions
		})
		.from(games)
		.where(and(eq(games.ownerId, teacherId), inArray(games.mode, ['live', 'assignment'])))
		.orderBy(desc(games.createdAt))
		.all();
	if (rows.length === 0) return [];
	const ids = rows.map((r) => r.id);
	const seats = new Map(
		db
			.select({ gameId: players.gameId, n: sql<number>`count(*)` })
			.from(players)
			.where(and(inArray(players.gameId, ids), eq(players.removed, false)))
			.groupBy(players.gameId)
			.all()
			.map((r) => [r.gameId, Number(r.n)])
	);
	const tallies = new Map(
		db
			.select({
				gameId: answers.gameId,
				responses: sql<number>`count(*)`,
				correct: sql<number>`sum(case when ${answers.correct} then 1 else 0 end)`
			})
			.from(answers)
			.innerJoin(players, eq(players.id, answers.playerId))
			.where(and(inArray(answers.gameId, ids), eq(players.removed, false)))
			.groupBy(answers.gameId)
			.all()
			.map((r) => [r.gameId, { responses: Number(r.responses), correct: Number(r.correct) }])
	);
	return rows.map((row) => {
		const mode = row.mode as 'live' | 'assignment';
		const tally = tallies.get(row.id) ?? { responses: 0, correct: 0 };
		const deadline = row.deadline?.getTime() ?? null;
		// The results page's status, so the home page and the report never disagree.
		const status: GameStatus = reportStatus({ ...row, mode }, now).status;
		return {
			id: row.id,
			mode,
			title: titleOf(row),
			code: row.code,
			status,
			createdAt: row.createdAt.getTime(),
			deadline,
			questionCount: row.questions.length,
			players: seats.get(row.id) ?? 0,
			responses: tally.responses,
			correct: tally.correct,
			accuracy: tally.responses > 0 ? tally.correct / tally.responses : null
		};
	});
}

/**
 * Games whose title contains `q` (case-insensitive) and that were created between the days
 * `from` and `to` (YYYY-MM-DD, UTC, both included; empty means no bound).
 */
export function filterTeacherGames(
	list: TeacherGame[],
	filter: { q: string; from: string; to: string }
): TeacherGame[] {
	const q = filter.q.trim().toLocaleLowerCase();
	const day = /^\d{4}-\d{2}-\d{2}$/;
	const from = day.test(filter.from) ? Date.parse(`${filter.from}T00:00:00Z`) : -Infinity;
	const to = day.test(filter.to) ? Date.parse(`${filter.to}T00:00:00Z`) + 24 * 3600_000 : Infinity;
	return list.filter(
		(g) =>
			(q === '' || g.title.toLocaleLowerCase().includes(q)) &&
			g.createdAt >= from &&
			g.createdAt < to
	);
}
