/**
 * Easy, mixed or hard rounds. The round builder sorts its candidates into three bands by
 * difficulty (a content prior blended with each item's observed share right, see buildRound); a
 * mixed round rotates through the bands, an easy round aims at the easiest band and a hard round
 * at the hardest, falling back on the nearer bands when one runs short.
 */

export const ROUND_DIFFICULTIES = ['easy', 'mixed', 'hard'] as const;
export type RoundDifficulty = (typeof ROUND_DIFFICULTIES)[number];

/** The band (0 easiest, 2 hardest) the `pick`-th item of a kind aims for. */
export function targetBand(difficulty: RoundDifficulty | undefined, pick: number): number {
	if (difficulty === 'easy') return 0;
	if (difficulty === 'hard') return 2;
	return pick % 3;
}

/**
 * How much a candidate in `band` weighs when the round aims for `target`: a mixed round favours
 * the target band 3 to 1; an easy or hard round 25 : 5 : 1 by distance, so it stays easy (or
 * hard) while the near band still fills in for a short one.
 */
export function bandWeight(
	difficulty: RoundDifficulty | undefined,
	band: number,
	target: number
): number {
	if (difficulty === 'easy' || difficulty === 'hard') return 5 ** (2 - Math.abs(band - target));
	return band === target ? 3 : 1;
}
