/**
 * A measure of learning: the same students on two parallel checks, one before teaching and one
 * after. Change in accuracy and in discernment, always with the number of items behind each.
 */
import { discernment, enoughForDPrime, type Discernment } from '../discernment';
import { ratio } from './answers';

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
