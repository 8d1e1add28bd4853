/**
 * What the live game sends to browsers. Player views are built from `toPublicQuestion` while a
 * question is open; the answer key (`reveal`) appears only once the phase shows answers.
 * Pages import these with `import type`, so nothing server-side reaches the client bundle.
 */
import type { DistributionBar } from '../../game/stats/distribution';
import type { LiveGameTag, LivePhase } from '../../game/liveGame.machine';
import type { PublicQuestion, Response, Reveal, ScoringMode } from '../../game/types';

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

export interface LiveQuestionView {
	index: number;
	question: PublicQuestion;
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

interface ViewBase {
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
	question: LiveQuestionView | null;
	/** Top 5 (leaderboard) or top 3 (podium); null in other phases. */
	leaderboard: RankEntry[] | null;
}

export interface PlayerView extends ViewBase {
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
	/** Only in the reveal phase. */
	reveal: { index: number; reveal: Reveal; result: PlayerResult | null } | null;
}

export interface HostPlayer {
	id: string;
	nickname: string;
	score: number;
}

export interface HostView extends ViewBase {
	role: 'host';
	/** Listed in the lobby only (the host screen shows counts during play). */
	players: HostPlayer[] | null;
	/** Only in the reveal phase. */
	reveal: { index: number; reveal: Reveal; distribution: DistributionBar[] } | null;
}

export type LiveView = PlayerView | HostView;

/** The reply to an accepted answer: no verdict, so nothing about the key leaks before reveal. */
export interface AnswerReceipt {
	accepted: true;
	questionIndex: number;
	requestId: string;
	/** True when this is a retry of a request already stored. */
	replayed: boolean;
}
