/**
 * Ranking the seats of a live game: the full competition ranking (leaderboard, podium) and the
 * rank of one seat, both computed once per change and shared by every view.
 */
import type { players } from '../db/schema';
import type { RankEntry } from './types';

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

/** Orders nicknames as `localeCompare` does, without building a collator per comparison. */
const nicknameOrder = new Intl.Collator();

/** Competition ranking (equal scores share a rank) of non-removed players. */
export function rankPlayers(rows: PlayerRow[]): RankEntry[] {
	const active = rows
		.filter((p) => !p.removed)
		.sort(
			(a, b) =>
				b.score - a.score ||
				b.correctCount - a.correctCount ||
				nicknameOrder.compare(a.nickname ?? '', b.nickname ?? '')
		);
	let rank = 0;
	return active.map((p, i) => {
		if (i === 0 || p.score !== active[i - 1].score) rank = i + 1;
		return {
			playerId: p.id,
			rank,
			nickname: p.nickname ?? '',
			score: p.score,
			correctCount: p.correctCount
		};
	});
}

/** The seats of a game, indexed by player id. */
export function seatsOf(rows: PlayerRow[]): Seats {
	return { rows, byId: new Map(rows.map((r) => [r.id, r])) };
}

/** Rank of one seat: 1 + the number of non-removed players with a higher score (as rankPlayers). */
export function rankIn(seats: Seats, me: PlayerRow): number | null {
	if (me.removed) return null;
	if (!seats.rankByScore) {
		const scores = seats.rows
			.filter((p) => !p.removed)
			.map((p) => p.score)
			.sort((a, b) => b - a);
		seats.rankByScore = new Map();
		scores.forEach((score, i) => {
			if (!seats.rankByScore!.has(score)) seats.rankByScore!.set(score, i + 1);
		});
	}
	return seats.rankByScore.get(me.score) ?? null;
}
