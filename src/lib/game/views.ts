/**
 * The views the server sends to browsers, typed here so that browser code never imports server
 * modules (the server imports these, never the other way round): live views below, solo views at
 * the end.
 *
 * What the live game sends to browsers. Player views are built from `toPublicQuestion` while a
 * question is open; the answer key (`reveal`) appears only once the phase shows answers.
 * Questions and reveals travel in their compact wire form (game/wire.ts); browsers decode a view
 * with `decodeView` (client/liveViews.ts) into the `Shown…` form that screens read.
 */
import type { DistributionBar } from './stats/distribution';
import type { LiveGameTag, LivePhase } from './liveGame.machine';
import type { JudgementCounts } from './discernment';
import type { TechniqueId } from './techniques';
import type {
	AnswerResult,
	PublicQuestion,
	Response,
	Reveal,
	RoundConfig,
	ScoringMode,
	ShownQuestion,
	ShownReveal
} from './types';
import type { WireQuestion, WireReveal } from './wire';

export interface LiveGameInfo {
	id: string;
	code: string;
	questionCount: number;
	secondsPerQuestion: number | null;
	scoring: ScoringMode;
	streaks: boolean;
	/** Players may rate each answer sure / not sure. */
	askConfidence: boolean;
}

/** The open (or revealed) question; `Q` is its form: as sent, or decoded. */
export interface LiveQuestionView<Q = WireQuestion> {
	index: number;
	question: Q;
	/** Epoch ms on the server's clock. */
	startedAt: number;
	/** Epoch ms on the server's clock; null when untimed. */
	deadline: number | null;
	limitMs: number | null;
}

export interface RankEntry {
	playerId: string;
	rank: number;
	nickname: string;
	score: number;
	correctCount: number;
}

/** One bar of the answer distribution shown at reveal (computed by the game core). */
export type { DistributionBar };

export interface PlayerResult {
	correct: boolean;
	credit: number;
	points: number;
	timedOut: boolean;
	response: Response | null;
}

interface ViewBase<Q> {
	version: number;
	phase: LivePhase;
	tags: LiveGameTag[];
	/** The server's clock when the view was built, so clients can correct the countdown. */
	serverNow: number;
	game: LiveGameInfo;
	/** Index of the current (or last played) question; -1 before the first. */
	index: number;
	/** Non-removed players. */
	playerCount: number;
	/** Answers to the current question so far. */
	answered: number;
	question: LiveQuestionView<Q> | null;
	/** Top 5 (leaderboard) or top 3 (podium); null in other phases. */
	leaderboard: RankEntry[] | null;
}

/** A player's view as sent (`Q`, `R`: the wire forms) or as decoded for the screen. */
export interface PlayerView<Q = WireQuestion, R = WireReveal> extends ViewBase<Q> {
	role: 'player';
	me: {
		id: string;
		nickname: string;
		score: number;
		streak: number;
		correctCount: number;
		/** Competition rank among non-removed players (1 = first); null when removed. */
		rank: number | null;
		removed: boolean;
		/** Has answered the current question. */
		answered: boolean;
	};
	/** Only in the reveal phase (the excerpt is the question's). */
	reveal: { index: number; reveal: R; result: PlayerResult | null } | null;
}

export interface HostPlayer {
	id: string;
	nickname: string;
	score: number;
}

/** The host's view as sent (`Q`, `R`: the wire forms) or as decoded for the screen. */
export interface HostView<Q = WireQuestion, R = WireReveal> extends ViewBase<Q> {
	role: 'host';
	/** Listed in the lobby only (the host screen shows counts during play). */
	players: HostPlayer[] | null;
	/** Only in the reveal phase (the excerpt is the question's). */
	reveal: { index: number; reveal: R; distribution: DistributionBar[] } | null;
}

export type LiveView = PlayerView | HostView;

/** A player's view decoded for the screen. */
export type ShownPlayerView = PlayerView<ShownQuestion, ShownReveal>;
/** The host's view decoded for the screen. */
export type ShownHostView = HostView<ShownQuestion, ShownReveal>;

/** The reply to an accepted answer: no verdict, so nothing about the key leaks before reveal. */
export interface AnswerReceipt {
	accepted: true;
	questionIndex: number;
	requestId: string;
	/** True when this is a retry of a request already stored. */
	replayed: boolean;
}

// ---------------------------------------------------------------- solo

/** What the player of a solo game may see right now. Holds no answer key before answering. */
export interface SoloView {
	gameId: string;
	nickname: string | null;
	config: RoundConfig;
	/** The machine's state value: 'ready', 'question', 'feedback' or 'summary'. */
	phase: string;
	/** The machine's tags: 'ready', 'answering', 'feedback' or 'done'. */
	tags: string[];
	index: number;
	total: number;
	/** The seat's score, streak and answers right; null during a check (no score, no verdict). */
	score: number | null;
	streak: number | null;
	correctCount: number | null;
	answeredCount: number;
	/**
	 * A check before or after teaching (test mode): each answer takes a 1-4 confidence rating and
	 * moves straight on, with no feedback; null for other rounds.
	 */
	check: {
		role: 'before' | 'after' | 'delayed';
		/** The summary comes with the view once the round is done (see `summary`). */
		resultsShown: boolean;
	} | null;
	/** The server's clock when the view was made, so the browser can correct its own. */
	serverNow: number;
	/** When the current question's time runs out (server clock), null when untimed. */
	deadline: number | null;
	limitMs: number | null;
	/** The current question without its key (while answering). */
	question: PublicQuestion | null;
	/** The verdict on the current question (after answering; never during a check). */
	feedback: SoloFeedback | null;
	/**
	 * The round's results once it is done: on a check only after the check after teaching or a
	 * delayed check, or once the teacher released them.
	 */
	summary: SoloSummary | null;
}

export interface SoloFeedback {
	index: number;
	result: AnswerResult;
	response: Response | null;
	reveal: Reveal;
	/** How the chosen technique differs from the right one (wrong name answers only). */
	contrast: string | null;
}

export interface TechniqueAccuracy {
	techniqueId: TechniqueId;
	name: string;
	answered: number;
	correct: number;
}

export interface SoloSummary {
	score: number;
	correct: number;
	answered: number;
	total: number;
	quit: boolean;
	byTechnique: TechniqueAccuracy[];
	/** Over the loaded-or-straight questions reached (a timeout as the wrong call); null without. */
	discernment: JudgementCounts | null;
	missed: SoloFeedback[];
	/** Techniques of the missed items, for 'practise what you missed'. */
	missedTechniques: TechniqueId[];
}

export interface LeaderboardEntry {
	nickname: string;
	score: number;
	correct: number;
	total: number;
	createdAt: Date;
}

/** A game's name as every page shows it: its title, its code while it has one, and its day. */
export interface GameName {
	id: string;
	mode: 'live' | 'assignment';
	title: string;
	/** The join code while the game has one. */
	code: string | null;
	/** ms since epoch. */
	createdAt: number;
}
