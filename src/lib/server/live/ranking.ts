/**
 * Ranking the seats of a live game: the full competition ranking (leaderboard, podium) and the
 * rank of one seat, both computed once per change and shared by every view.
 */
import { rankPlayers as rankByScore, ranksByScore } from '../../game/stats/ranking';
import type { players } from '../db/schema';
import type { RankEntry } from '../../game/views';

export type PlayerRow = typeof players.$inferSelect;

/**
 * Every seat of a game, shared by all the views built until something changes it, so that opening
 * a stream costs O(1) rather than loading and ranking the whole class.
 */
export interface Seats {
	rows: PlayerRow[];
	byId: Map<string, PlayerRow>;
	/** Competition rank by score among non-removed players; built when first asked for. */
	rankByScore?: Map<number, number>;
	/** The full ranking (leaderboard, podium); built when first asked for. */
	ranking?: RankEntry[];
	/** Seats by token hash (a player's requests); built when first asked for. */
	byTokenHash?: Map<string, PlayerRow>;
}

/** Competition ranking (equal scores share a rank) of non-removed players: the game core's. */
export function rankPlayers(rows: PlayerRow[]): RankEntry[] {
	return rankByScore(
		rows
			.filter((p) => !p.removed)
			.map((p) => ({
				playerId: p.id,
				nickname: p.nickname ?? '',
				score: p.score,
				correct: p.correctCount
			}))
	).map(({ playerId, rank, nickname, score, correct }) => ({
		playerId,
		rank,
		nickname,
		score,
		correctCount: correct
	}));
}

/** The seats of a game, indexed by player id. */
export function seatsOf(rows: PlayerRow[]): Seats {
	return { rows, byId: new Map(rows.map((r) => [r.id, r])) };
}

/** Rank of one seat: 1 + the number of non-removed players with a higher score (as rankPlayers). */
export function rankIn(seats: Seats, me: PlayerRow): number | null {
	if (me.removed) return null;
	seats.rankByScore ??= ranksByScore(seats.rows.filter((p) => !p.removed).map((p) => p.score));
	return seats.rankByScore.get(me.score) ?? null;
}
