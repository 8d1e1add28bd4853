/**
 * The teacher's report of a game, as the results service builds it (server/results/results.ts)
 * and the report pages and the report component show it: typed here so that browser code never
 * imports server modules (ARCHITECTURE.md).
 */
import type { JudgementCounts } from './discernment';
import type { Calibration } from './stats/calibration';
import type { DistributionBar } from './stats/distribution';
import type { FollowUp } from './stats/followUp';
import type { ConfusedPair, ConfusionMatrix, TechniqueTally } from './stats/techniques';
import type { TechniqueId } from './techniques';
import type { QuestionKind, Response, Reveal, TokenRange } from './types';
import type { GameName } from './views';

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
