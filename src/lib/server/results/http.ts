/**
 * Route helpers for results pages and CSV downloads: only the browser holding the game's host
 * token (the httpOnly cookie set when the game or assignment was created) may read them.
 */
import { error, type Cookies } from '@sveltejs/kit';
import type { Db } from '../db/open';
import { hostToken } from '../live/http';
import { loadLearningReport, type LearningReport } from './learning';
import { csvFileName, playersCsv, questionsCsv } from './csv';
import {
	ResultsError,
	loadResults,
	loadStudentReport,
	requireHost,
	type GameResults,
	type StudentReport
} from './results';

/** The results of `gameId` for its host; a 403 or 404 page otherwise. */
export function hostResults(db: Db, gameId: string, cookies: Cookies): GameResults {
	try {
		requireHost(db, gameId, hostToken(cookies, gameId));
		return loadResults(db, gameId);
	} catch (e) {
		if (e instanceof ResultsError) error(e.status, e.message);
		throw e;
	}
}

/** One student's report in `gameId` (every answer with its excerpt), for the game's host. */
export function hostStudentReport(
	db: Db,
	gameId: string,
	playerId: string,
	cookies: Cookies
): StudentReport {
	try {
		requireHost(db, gameId, hostToken(cookies, gameId));
		return loadStudentReport(db, gameId, playerId);
	} catch (e) {
		if (e instanceof ResultsError) error(e.status, e.message);
		throw e;
	}
}

/** The before-and-after report of the pair `gameId` belongs to, for the host of both checks. */
export function hostLearningReport(db: Db, gameId: string, cookies: Cookies): LearningReport {
	try {
		const game = requireHost(db, gameId, hostToken(cookies, gameId));
		if (game.pairedGameId)
			requireHost(db, game.pairedGameId, hostToken(cookies, game.pairedGameId));
		return loadLearningReport(db, gameId);
	} catch (e) {
		if (e instanceof ResultsError) error(e.status, e.message);
		throw e;
	}
}

/** A CSV download of the players or questions of `gameId`, for its host. */
export function csvResponse(
	db: Db,
	gameId: string,
	cookies: Cookies,
	part: 'players' | 'questions'
): Response {
	const results = hostResults(db, gameId, cookies);
	const body = part === 'players' ? playersCsv(results) : questionsCsv(results);
	return new Response(body, {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': `attachment; filename="${csvFileName(results, part)}"`,
			'cache-control': 'no-store'
		}
	});
}
