/**
 * Results of a live game or an assignment, for its teacher. Everything is computed from the
 * game's frozen questions and the answers table with the statistics of the game core
 * (src/lib/game/stats), so the page, the CSVs and the live reveal agree. Players the host removed
 * are left out, as on the host screen. A timed-out answer counts as wrong everywhere (see
 * stats/answers.ts).
 */
import { and, asc, eq } from 'drizzle-orm';
import { discernmentReading, enoughForDPrime, judgementCounts } from '../../game/discernment';
import { assignmentClosed } from '../../game/answering';
import { revealQuestion } from '../../game/feedback';
import { isRoundOver, phaseOf, type LivePhase } from '../../game/liveGame.machine';
import { questionTechnique } from '../../game/round';
import { median, ratio } from '../../game/stats/answers';
import { calibration, calibrationReading } from '../../game/stats/calibration';
import { missedMost, needsHelp, studentsToFollowUp, unansweredOf } from '../../game/stats/followUp';
import { answerDistribution } from '../../game/stats/distribution';
import { rankPlayers } from '../../game/stats/ranking';
import {
	confusedPairs,
	confusionMatrix,
	techniqueTally,
	type AnswerTo
} from '../../game/stats/techniques';
import { techniqueById, type TechniqueId } from '../../game/techniques';
import type { Question, Response } from '../../game/types';
import type { Db } from '../db/open';
import { gameNameOf, hasOwnTitle } from '../gameNames';
import { answers, games, players } from '../db/schema';
import { Refusal } from '../refusal';
import type {
	GameResults,
	QuestionResult,
	ReportStatus,
	StudentReport
} from '../../game/reportViews';

/** A refusal with the HTTP status the route should answer with. */
export class ResultsError extends Refusal {
	declare readonly status: 403 | 404;
	constructor(status: 403 | 404, message: string) {
		super(status, message);
	}
}

type GameRow = typeof games.$inferSelect;
type AnswerRow = typeof answers.$inferSelect;

const nameOf = (id: TechniqueId) => techniqueById(id)?.name ?? id;

const SNIPPET_LENGTH = 90;
const HARDEST_COUNT = 3;

/** The excerpt's text with runs of space collapsed, cut at a word after about 90 characters. */
export function snippetOf(q: Question): string {
	const text = q.excerpt.tokens
		.map((t) => t.text)
		.join('')
		.replace(/\s+/gu, ' ')
		.trim();
	const chars = Array.from(text);
	if (chars.length <= SNIPPET_LENGTH) return text;
	const cut = chars.slice(0, SNIPPET_LENGTH).join('');
	const space = cut.lastIndexOf(' ');
	return `${(space > SNIPPET_LENGTH / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

/** An answer row as the statistics read it. */
function scored(row: AnswerRow, question: Question): AnswerTo {
	return {
		question,
		response: row.response ?? null,
		correct: row.correct,
		credit: row.credit
	};
}

const dateFormat = new Intl.DateTimeFormat('en-GB', {
	dateStyle: 'medium',
	timeStyle: 'short',
	timeZone: 'UTC'
});

/** The status of a game for its reports (see ReportStatus), with its label. */
export function reportStatus(
	game: Pick<GameRow, 'mode' | 'status' | 'snapshot' | 'deadline' | 'questions'>,
	now = Date.now()
): { status: ReportStatus; label: string } {
	if (game.mode === 'assignment') {
		if (assignmentClosed(game, now)) return { status: 'closed', label: 'Closed' };
		return {
			status: 'open',
			label: game.deadline ? `Open until ${dateFormat.format(game.deadline)} UTC` : 'Open'
		};
	}
	if (game.status === 'ended') return { status: 'finished', label: 'Finished' };
	const snapshot = game.snapshot as { value?: unknown; context?: { index?: number } } | null;
	const phase: LivePhase = snapshot?.value ? phaseOf(snapshot.value) : 'lobby';
	const count = game.questions.length;
	if (isRoundOver(phase, snapshot?.context?.index ?? -1, count)) {
		return { status: 'finished', label: 'Finished' };
	}
	return phase === 'lobby'
		? { status: 'lobby', label: 'In the lobby' }
		: { status: 'running', label: 'Running' };
}

interface Loaded {
	game: GameRow;
	questions: Question[];
	seats: (typeof players.$inferSelect)[];
	rows: AnswerRow[];
}

function loadGame(db: Db, gameId: string): Loaded {
	const game = db.select().from(games).where(eq(games.id, gameId)).get();
	if (!game) throw new ResultsError(404, 'There is no game or assignment with this id.');
	const questions = game.questions;
	const seats = db
		.select()
		.from(players)
		.where(and(eq(players.gameId, gameId), eq(players.removed, false)))
		.all();
	const active = new Set(seats.map((p) => p.id));
	const rows = db
		.select()
		.from(answers)
		.where(eq(answers.gameId, gameId))
		.orderBy(asc(answers.questionIndex))
		.all()
		.filter((r) => active.has(r.playerId) && questions[r.questionIndex] !== undefined);
	return { game, questions, seats, rows };
}

/** Per-question, per-player and class results of a live game or an assignment. */
export function loadResults(db: Db, gameId: string, now = Date.now()): GameResults {
	const { game, questions, seats, rows } = loadGame(db, gameId);
	// A check holds two forms; each student answers one (config.count questions).
	const perSeat = game.checkRole ? game.config.count : questions.length;
	const { status, label } = reportStatus(game, now);

	const byQuestion = questions.map(() => [] as AnswerRow[]);
	const byPlayer = new Map<string, AnswerRow[]>(seats.map((p) => [p.id, []]));
	for (const row of rows) {
		byQuestion[row.questionIndex].push(row);
		byPlayer.get(row.playerId)?.push(row);
	}
	const all = rows.map((r) => scored(r, questions[r.questionIndex]));

	const questionResults: QuestionResult[] = questions.map((q, index) => {
		const given = byQuestion[index];
		const techniqueId = questionTechnique(q);
		const correct = given.filter((r) => r.correct).length;
		return {
			index,
			kind: q.kind,
			techniqueId,
			techniqueName: techniqueId ? nameOf(techniqueId) : null,
			loaded: q.kind === 'judge' ? q.loaded : null,
			snippet: snippetOf(q),
			reveal: revealQuestion(q),
			responses: given.length,
			answered: given.filter((r) => r.response !== null).length,
			correct,
			shareCorrect: ratio(correct, given.length),
			meanCredit: ratio(
				given.reduce((sum, r) => sum + r.credit, 0),
				given.length
			),
			medianTimeMs: median(given.filter((r) => r.response !== null).map((r) => r.timeMs)),
			distribution: answerDistribution(
				q,
				given.map((r) => scored(r, q))
			)
		};
	});

	const roundOver = status === 'finished';
	const threshold = game.needHelpBelow / 100;
	const playerResults = rankPlayers(
		seats.map((p) => {
			const own = (byPlayer.get(p.id) ?? []).map((r) => scored(r, questions[r.questionIndex]));
			const correct = own.filter((a) => a.correct).length;
			const answered = own.filter((a) => a.response !== null).length;
			const judged = judgementCounts(own);
			const byTechnique = techniqueTally(own);
			return {
				playerId: p.id,
				nickname: p.nickname ?? '',
				score: p.score,
				correct,
				answered,
				reached: own.length,
				accuracy: ratio(correct, own.length),
				finished: game.mode === 'live' ? roundOver : p.finishedAt !== null,
				discernment: judged,
				dPrime: enoughForDPrime(judged) ? judged.dPrime : null,
				discernmentReading: discernmentReading(judged),
				byTechnique,
				weakest: missedMost(byTechnique),
				needsHelp: needsHelp({ correct, reached: own.length }, threshold),
				unanswered: unansweredOf({ answered }, perSeat)
			};
		})
	);

	const confusion = confusionMatrix(all);
	const hardest = questionResults
		.filter((q) => q.shareCorrect !== null)
		.sort(
			(a, b) => a.shareCorrect! - b.shareCorrect! || b.responses - a.responses || a.index - b.index
		)
		.slice(0, HARDEST_COUNT)
		.map((q) => q.index);
	const classJudgements = judgementCounts(all);
	const rated = rows
		.filter((r) => r.confidence === 'sure' || r.confidence === 'unsure')
		.map((r) => ({ confidence: r.confidence as 'sure' | 'unsure', correct: r.correct }));
	const calibrated = rated.length > 0 ? calibration(rated) : null;

	return {
		game: {
			id: game.id,
			mode: game.mode,
			title: game.title,
			code: game.joinCode,
			questionCount: questions.length,
			createdAt: game.createdAt,
			deadline: game.deadline,
			ended: game.status === 'ended',
			status,
			statusLabel: label,
			name: gameNameOf(game),
			ownTitle: hasOwnTitle(game),
			needHelpBelow: game.needHelpBelow
		},
		questions: questionResults,
		players: playerResults,
		followUp: studentsToFollowUp(playerResults, perSeat, threshold),
		byTechnique: techniqueTally(all),
		confusion,
		confusedPairs: confusedPairs(confusion),
		hardest,
		discernment: classJudgements,
		discernmentReading: discernmentReading(classJudgements),
		calibration: calibrated ? { ...calibrated, reading: calibrationReading(calibrated) } : null
	};
}

function chosenWords(
	r: Response | null,
	credit: number,
	correct: boolean,
	closedBy: 'time' | 'host' | null
): string {
	if (r === null) {
		return closedBy === 'host' ? 'No answer (closed by the teacher)' : 'No answer (time ran out)';
	}
	if (r.kind === 'name') return nameOf(r.techniqueId);
	if (r.kind === 'judge') return r.loaded ? 'Loaded' : 'Straight';
	if (correct) return 'Found the words';
	return credit > 0 ? 'Partly found the words' : 'Missed the words';
}

/** One student's results and every answer they gave, with its excerpt. */
export function loadStudentReport(
	db: Db,
	gameId: string,
	playerId: string,
	now = Date.now()
): StudentReport {
	const results = loadResults(db, gameId, now);
	const player = results.players.find((p) => p.playerId === playerId);
	if (!player) throw new ResultsError(404, 'There is no such player in this game.');
	const questions = db
		.select({ questions: games.questions })
		.from(games)
		.where(eq(games.id, gameId))
		.get()!.questions;
	const rows = db
		.select()
		.from(answers)
		.where(and(eq(answers.gameId, gameId), eq(answers.playerId, playerId)))
		.orderBy(asc(answers.questionIndex))
		.all()
		.filter((r) => questions[r.questionIndex] !== undefined);
	return {
		game: results.game,
		player,
		of: results.players.length,
		answers: rows.map((row) => {
			const q = questions[row.questionIndex];
			const response = row.response ?? null;
			const techniqueId = questionTechnique(q);
			return {
				index: row.questionIndex,
				kind: q.kind,
				techniqueName: techniqueId ? nameOf(techniqueId) : null,
				reveal: revealQuestion(q),
				response,
				chosen: chosenWords(response, row.credit, row.correct, row.closedBy),
				selection: response?.kind === 'find' ? response.range : null,
				correct: row.correct,
				credit: row.credit,
				points: row.points,
				timeMs: row.timeMs,
				timedOut: row.timedOut,
				confidence: row.confidence === 'sure' || row.confidence === 'unsure' ? row.confidence : null
			};
		})
	};
}
