/**
 * Route helpers for results pages and CSV downloads: only the teacher who owns the game or
 * assignment may read them; anyone else gets the 404 of a game that does not exist.
 */
import { error } from '@sveltejs/kit';
import type { Teacher } from '../accounts/accounts';
import { ownedGame } from '../accounts/ownership';
import { Refusal } from '../refusal';
import type { Db } from '../db/open';
import { csvFileName, playersCsv, questionsCsv } from './csv';
import { loadLearningReport, type LearningReport } from './learning';
import type { GameResults, StudentReport } from '../../game/reportViews';
import { loadResults, loadStudentReport } from './results';

/** The results of `gameId` for the teacher who owns it; a 404 page otherwise. */
export function hostResults(db: Db, gameId: string, teacher: Teacher | null): GameResults {
	try {
		ownedGame(db, gameId, teacher?.id);
		return loadResults(db, gameId);
	} catch (e) {
		if (e instanceof Refusal) error(e.status, e.message);
		throw e;
	}
}

/** One student's report in `gameId` (every answer with its excerpt), for the teacher who owns it. */
export function hostStudentReport(
	db: Db,
	gameId: string,
	playerId: string,
	teacher: Teacher | null
): StudentReport {
	try {
		ownedGame(db, gameId, teacher?.id);
		return loadStudentReport(db, gameId, playerId);
	} catch (e) {
		if (e instanceof Refusal) error(e.status, e.message);
		throw e;
	}
}

/** The before-and-after report of the pair `gameId` belongs to, for the owner of both checks. */
export function hostLearningReport(
	db: Db,
	gameId: string,
	teacher: Teacher | null
): LearningReport {
	try {
		const game = ownedGame(db, gameId, teacher?.id);
		if (game.pairedGameId) ownedGame(db, game.pairedGameId, teacher?.id);
		return loadLearningReport(db, gameId);
	} catch (e) {
		if (e instanceof Refusal) error(e.status, e.message);
		throw e;
	}
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
