/**
 * Competition ranking ("1, 2, 2, 4"): the live leaderboard, the podium, the results page and the
 * players CSV all rank with this one function.
 */

export interface Rankable {
	nickname: string;
	score: number;
	/** Fully correct answers: breaks ties in the order (not in the rank). */
	correct: number;
}

const nicknameOrder = new Intl.Collator();

/**
 * Players ordered by score (then correct answers, then nickname), each with its rank: equal
 * scores share a rank and the next rank skips as many places.
 */
export function rankPlayers<T extends Rankable>(players: readonly T[]): (T & { rank: number })[] {
	const sorted = [...players].sort(
		(a, b) =>
			b.score - a.score || b.correct - a.correct || nicknameOrder.compare(a.nickname, b.nickname)
	);
	let rank = 0;
	return sorted.map((p, i) => {
		if (i === 0 || p.score !== sorted[i - 1].score) rank = i + 1;
		return { ...p, rank };
	});
}

/** The rank each score gets in `scores` (1 + how many scores are higher), as rankPlayers. */
export function ranksByScore(scores: readonly number[]): Map<number, number> {
	const sorted = [...scores].sort((a, b) => b - a);
	const ranks = new Map<number, number>();
	sorted.forEach((score, i) => {
		if (!ranks.has(score)) ranks.set(score, i + 1);
	});
	return ranks;
}
