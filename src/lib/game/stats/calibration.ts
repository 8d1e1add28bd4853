/**
 * Calibration of confidence ratings: are answers marked "sure" right more often than those marked
 * "not sure", and how far does the share of sure answers run ahead of accuracy?
 */
import { ratio } from './answers';

export type Confidence = 'sure' | 'unsure';

export interface Calibration {
	sure: { answers: number; correct: number; accuracy: number | null };
	unsure: { answers: number; correct: number; accuracy: number | null };
	/** Rated answers (unrated ones are left out). */
	rated: number;
	/** Share of rated answers marked sure minus share right: above 0 is overconfidence. */
	overconfidence: number | null;
	/** Accuracy when sure minus accuracy when not sure: above 0 means the ratings mean something. */
	resolution: number | null;
}

/** Calibration over answers with an optional rating (null: not asked or not given). */
export function calibration(
	answers: readonly { confidence: Confidence | null; correct: boolean }[]
): Calibration {
	const side = (c: Confidence) => {
		const rated = answers.filter((a) => a.confidence === c);
		const correct = rated.filter((a) => a.correct).length;
		return { answers: rated.length, correct, accuracy: ratio(correct, rated.length) };
	};
	const sure = side('sure');
	const unsure = side('unsure');
	const rated = sure.answers + unsure.answers;
	const sureShare = ratio(sure.answers, rated);
	const accuracy = ratio(sure.correct + unsure.correct, rated);
	return {
		sure,
		unsure,
		rated,
		overconfidence: sureShare !== null && accuracy !== null ? sureShare - accuracy : null,
		resolution:
			sure.accuracy !== null && unsure.accuracy !== null ? sure.accuracy - unsure.accuracy : null
	};
}

/** One plain sentence on a calibration, for a teacher. */
export function calibrationReading(c: Calibration): string {
	if (c.rated === 0) return 'No answers were rated.';
	if (c.sure.answers === 0) return `Every rated answer was marked not sure (${c.unsure.answers}).`;
	if (c.unsure.answers === 0) return `Every rated answer was marked sure (${c.sure.answers}).`;
	const sense = band(
		c.resolution,
		0.1,
		'Answers marked sure were right more often than those marked not sure',
		'Answers marked sure were right less often than those marked not sure',
		'Being sure made little difference to being right'
	);
	const bias = band(
		c.overconfidence,
		0.15,
		'; more answers were marked sure than were right (overconfident)',
		'; fewer answers were marked sure than were right (underconfident)',
		''
	);
	return `${sense}${bias}.`;
}

/** `above` when `x` is at least `limit`, `below` when at most `-limit`, else (or null) `near`. */
function band(x: number | null, limit: number, above: string, below: string, near: string): string {
	const v = x ?? 0;
	return v >= limit ? above : v <= -limit ? below : near;
}
