/**
 * Whom a teacher follows up after a game: the students who need help (accuracy under a threshold
 * the report states, each with the technique they miss most) and the students who did not finish
 * (questions left without an answer). The report, a student's page and the players table read
 * these figures from here, so no two screens disagree about who is struggling.
 */
import type { TechniqueTally } from './techniques';

/**
 * Below this share of right answers (over questions reached) a student needs help, unless the
 * teacher set another threshold for the game.
 */
export const NEED_HELP_BELOW = 0.5;

/** The thresholds a teacher may set, in whole percent: 0% would name nobody, 100% everybody. */
export const NEED_HELP_PERCENT = { min: 1, max: 99 } as const;

/** A student as the report knows them. */
export interface FollowUpStudent {
	playerId: string;
	nickname: string;
	/** Fully correct answers. */
	correct: number;
	/** Answered before time ran out. */
	answered: number;
	/** Answered or timed out: the denominator of accuracy. */
	reached: number;
	/** The student's accuracy per technique (any order). */
	byTechnique: readonly TechniqueTally[];
}

export interface NeedsHelp {
	playerId: string;
	nickname: string;
	correct: number;
	reached: number;
	/** correct / reached, under the threshold. */
	accuracy: number;
	/** The technique the student misses most; null when no question about one was missed. */
	missesMost: TechniqueTally | null;
}

export interface DidNotFinish {
	playerId: string;
	nickname: string;
	/** Questions answered before time ran out. */
	answered: number;
	/** Questions of the round left without an answer (timed out or never reached). */
	unanswered: number;
	/** Also under the threshold on the questions they reached. */
	needsHelp: boolean;
}

export interface FollowUp {
	/** The threshold the report states ("under 50% right"). */
	threshold: number;
	/** Lowest accuracy first, then by nickname. */
	needHelp: NeedsHelp[];
	/** Most questions left first, then by nickname. */
	didNotFinish: DidNotFinish[];
}

const byName = new Intl.Collator();

/**
 * The technique a student misses most: the most wrong answers, then the lowest share right, then
 * the name; null when every question about a technique was answered right (a student with 100%
 * has no weakest technique).
 */
export function missedMost(byTechnique: readonly TechniqueTally[]): TechniqueTally | null {
	let worst: TechniqueTally | null = null;
	for (const t of byTechnique) {
		const misses = t.responses - t.correct;
		if (misses === 0) continue;
		const worstMisses = worst ? worst.responses - worst.correct : 0;
		if (
			!worst ||
			misses > worstMisses ||
			(misses === worstMisses &&
				(t.share < worst.share ||
					(t.share === worst.share && byName.compare(t.name, worst.name) < 0)))
		) {
			worst = t;
		}
	}
	return worst;
}

/**
 * Whether `student` needs help: under `threshold` of their reached questions right. Null for a
 * student who reached none (nothing to judge them by).
 */
export function needsHelp(
	student: Pick<FollowUpStudent, 'correct' | 'reached'>,
	threshold = NEED_HELP_BELOW
): boolean | null {
	if (student.reached === 0) return null;
	return student.correct / student.reached < threshold;
}

/** Questions of a round of `questionCount` that `student` left without an answer. */
export function unansweredOf(
	student: Pick<FollowUpStudent, 'answered'>,
	questionCount: number
): number {
	return Math.max(0, questionCount - student.answered);
}

/**
 * The students to follow up in a round of `questionCount` questions: under `threshold` of their
 * reached questions right (a student who reached none is not judged), and those who left any
 * question of the round unanswered (each saying whether they also need help).
 */
export function studentsToFollowUp(
	students: readonly FollowUpStudent[],
	questionCount: number,
	threshold = NEED_HELP_BELOW
): FollowUp {
	const needHelp = students
		.filter((s) => needsHelp(s, threshold) === true)
		.map((s) => ({
			playerId: s.playerId,
			nickname: s.nickname,
			correct: s.correct,
			reached: s.reached,
			accuracy: s.correct / s.reached,
			missesMost: missedMost(s.byTechnique)
		}))
		.sort((a, b) => a.accuracy - b.accuracy || byName.compare(a.nickname, b.nickname));
	const didNotFinish = students
		.filter((s) => unansweredOf(s, questionCount) > 0)
		.map((s) => ({
			playerId: s.playerId,
			nickname: s.nickname,
			answered: s.answered,
			unanswered: unansweredOf(s, questionCount),
			needsHelp: needsHelp(s, threshold) === true
		}))
		.sort((a, b) => b.unanswered - a.unanswered || byName.compare(a.nickname, b.nickname));
	return { threshold, needHelp, didNotFinish };
}
