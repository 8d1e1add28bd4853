/**
 * The class's accuracy by technique over time: one column per game or assignment of the teacher
 * (oldest first), one row per technique, each cell the per-technique tally of that game's
 * answers (timeouts count as wrong, as in every report).
 */
import { and, asc, eq, inArray } from 'drizzle-orm';
import { ratio } from '../../game/stats/answers';
import { techniqueTally, type AnswerTo, type TechniqueTally } from '../../game/stats/techniques';
import { TECHNIQUES, type TechniqueId } from '../../game/techniques';
import type { Db } from '../db/open';
import { gameNameOf, type GameName } from '../gameNames';
import { answers, games, players } from '../db/schema';

export interface ProgressGame {
	id: string;
	mode: string;
	title: string | null;
	code: string | null;
	createdAt: Date;
	/** Answers in the game (players the host removed left out). */
	answers: number;
	correct: number;
	accuracy: number | null;
	/** The game's name as every page shows it. */
	name: GameName;
}

export interface ProgressRow {
	techniqueId: TechniqueId;
	name: string;
	/** One per game, in the order of `games`; null when the game asked nothing about it. */
	cells: (TechniqueTally | null)[];
	/** Over every game. */
	overall: TechniqueTally;
}

export interface Progress {
	games: ProgressGame[];
	/** Techniques asked about at least once, in the guide's order. */
	rows: ProgressRow[];
}

/** Ids of the live games and assignments `teacherId` owns. */
export function ownedGameIds(db: Db, teacherId: string): string[] {
	return db
		.select({ id: games.id })
		.from(games)
		.where(and(eq(games.ownerId, teacherId), inArray(games.mode, ['live', 'assignment'])))
		.all()
		.map((g) => g.id);
}

/** The most recent games a page shows. */
export const PROGRESS_GAMES = 12;

/** Accuracy by technique across the given games (the teacher's), the latest PROGRESS_GAMES. */
export function loadProgress(db: Db, gameIds: readonly string[]): Progress {
	if (gameIds.length === 0) return { games: [], rows: [] };
	const rows = db
		.select()
		.from(games)
		.where(and(inArray(games.id, [...gameIds])))
		.orderBy(asc(games.createdAt))
		.all()
		.filter((g) => g.mode === 'live' || g.mode === 'assignment')
		.slice(-PROGRESS_GAMES);
	const columns: ProgressGame[] = [];
	const perGame: AnswerTo[][] = [];
	for (const game of rows) {
		const questions = game.questions;
		const given = db
			.select({
				questionIndex: answers.questionIndex,
				response: answers.response,
				correct: answers.correct,
				credit: answers.credit
			})
			.from(answers)
			.innerJoin(players, and(eq(players.id, answers.playerId), eq(players.removed, false)))
			.where(eq(answers.gameId, game.id))
			.all()
			.filter((a) => questions[a.questionIndex] !== undefined)
			.map((a) => ({
				question: questions[a.questionIndex],
				response: a.response ?? null,
				correct: a.correct,
				credit: a.credit
			}));
		const correct = given.filter((a) => a.correct).length;
		columns.push({
			id: game.id,
			mode: game.mode,
			title: game.title,
			code: game.joinCode,
			createdAt: game.createdAt,
			answers: given.length,
			correct,
			accuracy: ratio(correct, given.length),
			name: gameNameOf(game)
		});
		perGame.push(given);
	}
	const tallies = perGame.map(
		(given) => new Map(techniqueTally(given).map((t) => [t.techniqueId, t]))
	);
	const overall = new Map(techniqueTally(perGame.flat()).map((t) => [t.techniqueId, t]));
	return {
		games: columns,
		rows: TECHNIQUES.filter((t) => overall.has(t.id)).map((t) => ({
			techniqueId: t.id,
			name: overall.get(t.id)!.name,
			cells: tallies.map((m) => m.get(t.id) ?? null),
			overall: overall.get(t.id)!
		}))
	};
}
