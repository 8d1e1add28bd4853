/**
 * Results of a live game or an assignment, for its teacher. Everything is computed from the
 * game's frozen questions and the answers table with the statistics of the game core
 * (src/lib/game/stats), so the page, the CSVs and the live reveal agree. Players the host removed
 * are left out, as on the host screen. A timed-out answer counts as wrong everywhere (see
 * stats/answers.ts).
 */
import { and, asc, eq } from 'drizzle-orm';
import {
	discernmentReading,
	enoughForDPrime,
	judgementCounts,
	type JudgementCounts
} from '../../game/discernment';
import { assignmentClosed } from '../../game/answering';
import { revealQuestion } from '../../game/feedback';
import { isRoundOver, phaseOf, type LivePhase } from '../../game/liveGame.machine';
import { questionTechnique } from '../../game/round';
import { median, ratio } from '../../game/stats/answers';
import { calibration, calibrationReading, type Calibration } from '../../game/stats/calibration';
import {
	missedMost,
	needsHelp,
	studentsToFollowUp,
	unansweredOf,
	type FollowUp
} from '../../game/stats/followUp';
import { answerDistribution, type DistributionBar } from '../../game/stats/distribution';
import { rankPlayers } from '../../game/stats/ranking';
import {
	confusedPairs,
	confusionMatrix,
	techniqueTally,
	type AnswerTo,
	type ConfusedPair,
	type ConfusionMatrix,
	type TechniqueTally
} from '../../game/stats/techniques';
import { techniqueById, type TechniqueId } from '../../game/techniques';
import type { Question, QuestionKind, Response, Reveal, TokenRange } from '../../game/types';
import type { Db } from '../db/open';
import { gameNameOf, hasOwnTitle, type GameName } from '../gameNames';
import { answers, games, players } from '../db/schema';
import { Refusal } from '../refusal';

export type { ConfusedPair } from '../../game/stats/techniques';
export type TechniqueResult = TechniqueTally;
export type ChoiceCount = DistributionBar;

/** A refusal with the HTTP status the route should answer with. */
export class ResultsError extends Refusal {
	declare readonly status: 403 | 404;
	constructor(status: 403 | 404, message: string) {
		super(status, message);
	}
}

type GameRow = typeof games.$inferSelect;
type AnswerRow = typeof answers.$inferSelect;

/**
 * Where a game stands, in the same words on every page and CSV: a live game is in its lobby,
 * running, or finished (from the moment its last question closes); an assignment is open until
 * its deadline, then closed.
 */
export type ReportStatus = 'lobby' | 'running' | 'finished' | 'open' | 'closed';

export interface QuestionResult {
	index: number;
	kind: QuestionKind;
	/** The technique the item is about; null for a straight passage. */
	techniqueId: TechniqueId | null;
	techniqueName: string | null;
	/** Judge questions: whether the passage is loaded; null for the other kinds. */
	loaded: boolean | null;
	/** The start of the excerpt, for recognising the item. */
	snippet: string;
	/** The excerpt with its answer and labelled words, for the teacher's report. */
	reveal: Reveal;
	/** Players who reached the question: an answer row, given or timed out. */
	responses: number;
	/** Of those, the ones who answered before time ran out. */
	answered: number;
	/** Fully correct answers. */
	correct: number;
	/** correct / responses (a timed-out question counts as wrong); null when nobody reached it. */
	shareCorrect: number | null;
	/** Mean credit (0..1, partial credit for find-the-phrase) over responses; null as above. */
	meanCredit: number | null;
	/** Median time to answer, over answers given before time ran out; null without any. */
	medianTimeMs: number | null;
	distribution: DistributionBar[];
}

export interface PlayerResults {
	playerId: string;
	/** Competition rank by score (equal scores share a rank). */
	rank: number;
	nickname: string;
	score: number;
	correct: number;
	/** Questions answered before time ran out. */
	answered: number;
	/** Questions reached (answered or timed out): the denominator of accuracy. */
	reached: number;
	/** correct / reached; null before the first question. */
	accuracy: number | null;
	/**
	 * Done with the round: an assignment's student who answered the last question, or anyone in
	 * a live game whose round is over.
	 */
	finished: boolean;
	/** On loaded-or-straight questions; null when the player reached none. */
	discernment: JudgementCounts | null;
	/** d' only when enough judgements are behind it; null otherwise (see the reading). */
	dPrime: number | null;
	/** One plain sentence: too few to tell, or what the judgements show, with the counts. */
	discernmentReading: string;
	/** Weakest first. */
	byTechnique: TechniqueTally[];
	/** The technique the player misses most; null when they missed none (see missedMost). */
	weakest: TechniqueTally | null;
	/** Under the game's need-help threshold; null when the player reached no question. */
	needsHelp: boolean | null;
	/** Questions of the round left without an answer (timed out or not reached yet). */
	unanswered: number;
}

export interface GameResults {
	game: {
		id: string;
		mode: string;
		title: string | null;
		code: string | null;
		questionCount: number;
		createdAt: Date;
		deadline: Date | null;
		/** The host pressed end (live) or the assignment closed. */
		ended: boolean;
		status: ReportStatus;
		/** "Finished", "Running", "Open until …": the same label on the page and in the CSVs. */
		statusLabel: string;
		/** The game's name as every page shows it. */
		name: GameName;
		/** The title is the teacher's own, not the default made from the content and day. */
		ownTitle: boolean;
		/** The need-help threshold in whole percent (the teacher may change it on the report). */
		needHelpBelow: number;
	};
	questions: QuestionResult[];
	players: PlayerResults[];
	/** Whom to follow up: students who need help, and those who did not finish. */
	followUp: FollowUp;
	/** Weakest first. */
	byTechnique: TechniqueTally[];
	/** Right vs chosen technique on name-the-technique questions. */
	confusion: ConfusionMatrix;
	/** Most frequent first. */
	confusedPairs: ConfusedPair[];
	/** Indexes of the questions with the lowest share correct (reached by someone), hardest first. */
	hardest: number[];
	/** The whole class's loaded-or-straight judgements; null when there were none. */
	discernment: JudgementCounts | null;
	discernmentReading: string;
	/** Confidence ratings, when any were given. */
	calibration: (Calibration & { reading: string }) | null;
}

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
				unanswered: unansweredOf({ answered }, questions.length)
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
		followUp: studentsToFollowUp(playerResults, questions.length, threshold),
		byTechnique: techniqueTally(all),
		confusion,
		confusedPairs: confusedPairs(confusion),
		hardest,
		discernment: classJudgements,
		discernmentReading: discernmentReading(classJudgements),
		calibration: calibrated ? { ...calibrated, reading: calibrationReading(calibrated) } : null
	};
}

/** One answer of one student, with its question, for the drill-down page. */
export interface StudentAnswer {
	index: number;
	kind: QuestionKind;
	techniqueName: string | null;
	reveal: Reveal;
	response: Response | null;
	/** What the student chose, in words ("Loaded", a technique's name, "No answer"). */
	chosen: string;
	/** The student's selection on a find question, to outline in the excerpt. */
	selection: TokenRange | null;
	correct: boolean;
	credit: number;
	points: number;
	timeMs: number;
	timedOut: boolean;
	confidence: 'sure' | 'unsure' | null;
}

export interface StudentReport {
	game: GameResults['game'];
	player: PlayerResults;
	/** How many players are ranked (for "rank 2 of 14"). */
	of: number;
	answers: StudentAnswer[];
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
