/**
 * Route helpers for results pages and CSV downloads: only the teacher who owns the game or
 * assignment may read them; anyone else gets the 404 of a game that does not exist.
 */
import type { Teacher } from '../accounts/accounts';
import { ownedGame } from '../accounts/ownership';
import { orErrorPageNow } from '../refusal';
import type { Db } from '../db/open';
import { csvFileName, playersCsv, questionsCsv } from './csv';
import { groupGames } from '../assignments/checkSeats';
import { learningGroup, learningReportOf, type LearningReport } from './learning';
import type { GameResults, StudentReport } from '../../game/reportViews';
import { loadResults, loadStudentReport } from './results';

/** What `load` reads of `gameId`, for the teacher who owns it; the 404 page for anyone else. */
function forOwner<T>(db: Db, gameId: string, teacher: Teacher | null, load: () => T): T {
	return orErrorPageNow(() => {
		ownedGame(db, gameId, teacher?.id);
		return load();
	});
}

/** The results of `gameId` for the teacher who owns it; a 404 page otherwise. */
export function hostResults(db: Db, gameId: string, teacher: Teacher | null): GameResults {
	return forOwner(db, gameId, teacher, () => loadResults(db, gameId));
}

/** One student's report in `gameId` (every answer with its excerpt), for the teacher who owns it. */
export function hostStudentReport(
	db: Db,
	gameId: string,
	playerId: string,
	teacher: Teacher | null
): StudentReport {
	return forOwner(db, gameId, teacher, () => loadStudentReport(db, gameId, playerId));
}

/** The report of the checks `gameId` belongs to, for the owner of every check of the group. */
export function hostLearningReport(
	db: Db,
	gameId: string,
	teacher: Teacher | null
): LearningReport {
	return forOwner(db, gameId, teacher, () => {
		const group = learningGroup(db, gameId);
		for (const game of groupGames(group)) ownedGame(db, game.id, teacher?.id);
		return learningReportOf(db, group);
	});
}

/** A CSV download of the players or questions of `gameId`, for its host. */
export function csvResponse(
	db: Db,
	gameId: string,
	teacher: Teacher | null,
	part: 'players' | 'questions'
): Response {
	const results = hostResults(db, gameId, teacher);
	const body = part === 'players' ? playersCsv(results) : questionsCsv(results);
	return new Response(body, {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': `attachment; filename="${csvFileName(results, part)}"`,
			'cache-control': 'no-store'
		}
	});
}
