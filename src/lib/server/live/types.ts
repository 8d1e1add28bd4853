/**
 * What the live game sends to browsers. Player views are built from `toPublicQuestion` while a
 * question is open; the answer key (`reveal`) appears only once the phase shows answers.
 * Questions and reveals travel in their compact wire form (game/wire.ts); browsers decode a view
 * with `decodeView` (client/liveViews.ts) into the `Shown…` form that screens read.
 * Pages import these with `import type`, so nothing server-side reaches the client bundle.
 */
import type { DistributionBar } from '../../game/stats/distribution';
import type { LiveGameTag, LivePhase } from '../../game/liveGame.machine';
import type { Response, ScoringMode, ShownQuestion, ShownReveal } from '../../game/types';
import type { WireQuestion, WireReveal } from '../../game/wire';

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
