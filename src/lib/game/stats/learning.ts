/**
 * A measure of learning: the same students on two parallel checks, one before teaching and one
 * after. Change in accuracy and in discernment, always with the number of items behind each.
 */
import { discernment, enoughForDPrime, judgementsOf, type Discernment } from '../discernment';
import type { TechniqueId } from '../techniques';
import { ratio } from './answers';
import { levelCalibration, type ConfidenceLevel, type LevelCalibration } from './confidenceLevels';
import { meanWithInterval, type MeanInterval } from './interval';
import { techniqueTally, type AnswerTo } from './techniques';

/** One student's attempt at one check. */
export interface CheckAttempt {
	/** Questions reached (timed-out ones included, as wrong). */
	reached: number;
	correct: number;
	/** Loaded-or-straight judgements (timeouts already scored as the wrong call). */
	judgements: readonly { loaded: boolean; saidLoaded: boolean }[];
}

export interface CheckFigures {
	items: number;
	correct: number;
	accuracy: number | null;
	judged: number;
	discernment: Discernment | null;
	/** d' only when enough judgements are behind it (see enoughForDPrime). */
	dPrime: number | null;
}

export interface LearningChange {
	before: CheckFigures | null;
	after: CheckFigures | null;
	/** after.accuracy - before.accuracy; null unless both checks have an accuracy. */
	accuracyChange: number | null;
	/** after.dPrime - before.dPrime; null unless both have enough judgements. */
	dPrimeChange: number | null;
}

function figures(attempt: CheckAttempt | null): CheckFigures | null {
	if (!attempt) return null;
	const d = attempt.judgements.length > 0 ? discernment([...attempt.judgements]) : null;
	return {
		items: attempt.reached,
		correct: attempt.correct,
		accuracy: ratio(attempt.correct, attempt.reached),
		judged: attempt.judgements.length,
		discernment: d,
		dPrime: enoughForDPrime(d) ? d.dPrime : null
	};
}

/** The change between a before and an after attempt (either may be missing). */
export function learningChange(
	before: CheckAttempt | null,
	after: CheckAttempt | null
): LearningChange {
	const b = figures(before);
	const a = figures(after);
	return {
		before: b,
		after: a,
		accuracyChange: b?.accuracy != null && a?.accuracy != null ? a.accuracy - b.accuracy : null,
		dPrimeChange: b?.dPrime != null && a?.dPrime != null ? a.dPrime - b.dPrime : null
	};
}

/** Pools the attempts of several students into one (for the class figure). */
export function poolAttempts(attempts: readonly CheckAttempt[]): CheckAttempt {
	return {
		reached: attempts.reduce((s, a) => s + a.reached, 0),
		correct: attempts.reduce((s, a) => s + a.correct, 0),
		judgements: attempts.flatMap((a) => a.judgements)
	};
}

/**
 * The class's change: pooled over the students who took both checks only, so the same people
 * are compared; `students` says how many that is.
 */
export function classLearningChange(
	pairs: readonly { before: CheckAttempt | null; after: CheckAttempt | null }[]
): LearningChange & { students: number } {
	const both = pairs.filter(
		(p): p is { before: CheckAttempt; after: CheckAttempt } => p.before !== null && p.after !== null
	);
	return {
		...learningChange(
			both.length > 0 ? poolAttempts(both.map((p) => p.before)) : null,
			both.length > 0 ? poolAttempts(both.map((p) => p.after)) : null
		),
		students: both.length
	};
}

// ---------------------------------------------------------------- the class, as an instrument

/** Below this many students with both checks the class figures say "too few students to tell". */
export const MIN_STUDENTS_TO_TELL = 5;

/** One answer of a check, with its 1-4 confidence rating (null when none was given). */
export interface CheckAnswer extends AnswerTo {
	confidence: ConfidenceLevel | null;
}

/** One student's answers to two checks (null: did not take it). */
export interface StudentCheckAnswers {
	first: readonly CheckAnswer[] | null;
	second: readonly CheckAnswer[] | null;
}

/** A technique's share right on the first and second check. */
export interface TechniqueChange {
	techniqueId: TechniqueId;
	name: string;
	first: { responses: number; correct: number; share: number } | null;
	second: { responses: number; correct: number; share: number } | null;
	/** second.share - first.share; null unless the technique was asked in both. */
	change: number | null;
}

export interface ClassChange {
	/** Students who took both checks: every figure below is over them only. */
	students: number;
	/** Fewer than MIN_STUDENTS_TO_TELL: the interval and the share improved are left out. */
	tooFew: boolean;
	accuracy: {
		/** Pooled: all their answers right over all reached. */
		first: number | null;
		second: number | null;
		/** Mean of each student's change in accuracy (a fraction: 0.1 is 10 percentage points). */
		change: MeanInterval | null;
	};
	discernment: {
		/** Pooled judgements of the class: d′ and c (log-linear corrected). */
		first: Discernment | null;
		second: Discernment | null;
		/** Mean of each student's change in d′ (students with both kinds of passage on both). */
		dPrimeChange: MeanInterval | null;
	};
	/** In the guide's order of names. */
	byTechnique: TechniqueChange[];
	/** Students whose accuracy rose, stayed, fell; share = improved / students. */
	improved: { improved: number; same: number; worse: number; share: number | null };
	calibration: { first: LevelCalibration; second: LevelCalibration };
}

const accuracyOf = (answers: readonly CheckAnswer[]) =>
	ratio(answers.filter((a) => a.correct).length, answers.length);

const dPrimeOf = (answers: readonly CheckAnswer[]) =>
	judgementsOf(answers).length > 0 ? discernment(judgementsOf(answers)).dPrime : null;

/**
 * The class's change between two checks (before and after, or before and delayed), over the
 * students who took both and answered at least one question of each: pooled accuracy, d′ and c on
 * each; the mean change in accuracy and in d′ per student, each with its 95% interval; accuracy
 * per technique; how many students improved; and the calibration of their 1-4 ratings. Below
 * MIN_STUDENTS_TO_TELL students the intervals and the share improved are null.
 */
export function classChange(students: readonly StudentCheckAnswers[]): ClassChange {
	const both = students.filter(
		(s): s is { first: CheckAnswer[]; second: CheckAnswer[] } =>
			s.first !== null && s.second !== null && s.first.length > 0 && s.second.length > 0
	);
	const tooFew = both.length < MIN_STUDENTS_TO_TELL;
	const first = both.flatMap((s) => s.first);
	const second = both.flatMap((s) => s.second);
	const accuracyChanges = both.map((s) => accuracyOf(s.second)! - accuracyOf(s.first)!);
	const dPrimeChanges = both.flatMap((s) => {
		const [a, b] = [dPrimeOf(s.first), dPrimeOf(s.second)];
		return a !== null && b !== null ? [b - a] : [];
	});
	const improved = accuracyChanges.filter((c) => c > 1e-12).length;
	const worse = accuracyChanges.filter((c) => c < -1e-12).length;
	const talliesOf = (answers: CheckAnswer[]) =>
		new Map(techniqueTally(answers).map((t) => [t.techniqueId, t]));
	const [t1, t2] = [talliesOf(first), talliesOf(second)];
	const collator = new Intl.Collator('en');
	const byTechnique = [...new Set([...t1.keys(), ...t2.keys()])]
		.map((id): TechniqueChange => {
			const [a, b] = [t1.get(id), t2.get(id)];
			const part = (t: typeof a) =>
				t ? { responses: t.responses, correct: t.correct, share: t.share } : null;
			return {
				techniqueId: id,
				name: (a ?? b)!.name,
				first: part(a),
				second: part(b),
				change: a && b ? b.share - a.share : null
			};
		})
		.sort((x, y) => collator.compare(x.name, y.name));
	const judged = (answers: CheckAnswer[]) =>
		judgementsOf(answers).length > 0 ? discernment(judgementsOf(answers)) : null;
	return {
		students: both.length,
		tooFew,
		accuracy: {
			first: accuracyOf(first),
			second: accuracyOf(second),
			change: tooFew ? null : meanWithInterval(accuracyChanges)
		},
		discernment: {
			first: judged(first),
			second: judged(second),
			dPrimeChange: tooFew ? null : meanWithInterval(dPrimeChanges)
		},
		byTechnique,
		improved: {
			improved,
			same: both.length - improved - worse,
			worse,
			share: tooFew ? null : ratio(improved, both.length)
		},
		calibration: { first: levelCalibration(first), second: levelCalibration(second) }
	};
}
