/**
 * Calibration of 1-4 confidence ratings (the before/after checks ask one with every answer): how
 * often answers at each level were right, and how many answers a student was confident of (3 or
 * 4) and still got wrong, the figure a teacher acts on.
 */
import { ratio } from './answers';

export const CONFIDENCE_LEVELS = [1, 2, 3, 4] as const;
export type ConfidenceLevel = (typeof CONFIDENCE_LEVELS)[number];

/** What each level means, as the student reads it when choosing. */
export const CONFIDENCE_LABELS: Readonly<Record<ConfidenceLevel, string>> = {
	1: 'Guessing',
	2: 'Not sure',
	3: 'Fairly sure',
	4: 'Certain'
};

/** Levels from this one up count as confident. */
export const CONFIDENT_FROM: ConfidenceLevel = 3;

/** A rating as a form posts it ("1" to "4"), or null when it is anything else. */
export function confidenceLevelOf(raw: unknown): ConfidenceLevel | null {
	const n = typeof raw === 'string' && /^[1-4]$/.test(raw.trim()) ? Number(raw.trim()) : raw;
	return n === 1 || n === 2 || n === 3 || n === 4 ? n : null;
}

export interface LevelFigures {
	level: ConfidenceLevel;
	label: string;
	answers: number;
	correct: number;
	accuracy: number | null;
}

export interface LevelCalibration {
	/** One entry per level, 1 to 4. */
	levels: LevelFigures[];
	/** Answers with a rating (unrated ones are left out of every figure). */
	rated: number;
	/** Answers rated 3 or 4. */
	confident: number;
	/** Answers rated 3 or 4 that were wrong. */
	confidentWrong: number;
	/** confidentWrong / confident. */
	confidentWrongShare: number | null;
	/** Accuracy at 3-4 minus accuracy at 1-2: above 0 means the ratings mean something. */
	resolution: number | null;
}

/** Calibration over answers with an optional 1-4 rating (null: not given). */
export function levelCalibration(
	answers: readonly { confidence: ConfidenceLevel | null; correct: boolean }[]
): LevelCalibration {
	const levels = CONFIDENCE_LEVELS.map((level): LevelFigures => {
		const at = answers.filter((a) => a.confidence === level);
		const correct = at.filter((a) => a.correct).length;
		return {
			level,
			label: CONFIDENCE_LABELS[level],
			answers: at.length,
			correct,
			accuracy: ratio(correct, at.length)
		};
	});
	const sum = (list: LevelFigures[], key: 'answers' | 'correct') =>
		list.reduce((s, l) => s + l[key], 0);
	const high = levels.filter((l) => l.level >= CONFIDENT_FROM);
	const low = levels.filter((l) => l.level < CONFIDENT_FROM);
	const confident = sum(high, 'answers');
	const confidentWrong = confident - sum(high, 'correct');
	const highAccuracy = ratio(sum(high, 'correct'), confident);
	const lowAccuracy = ratio(sum(low, 'correct'), sum(low, 'answers'));
	return {
		levels,
		rated: sum(levels, 'answers'),
		confident,
		confidentWrong,
		confidentWrongShare: ratio(confidentWrong, confident),
		resolution: highAccuracy !== null && lowAccuracy !== null ? highAccuracy - lowAccuracy : null
	};
}

/** One plain sentence on a calibration, for a teacher. */
export function levelCalibrationReading(c: LevelCalibration): string {
	if (c.rated === 0) return 'No answers were rated.';
	const wrong =
		c.confident === 0
			? 'No answer was rated fairly sure or certain'
			: `${c.confidentWrong} of ${c.confident} answers rated fairly sure or certain were wrong`;
	if (c.resolution === null) return `${wrong}.`;
	const sense =
		c.resolution >= 0.1
			? 'confident answers were right more often than unsure ones'
			: c.resolution <= -0.1
				? 'confident answers were right less often than unsure ones'
				: 'being confident made little difference to being right';
	return `${wrong}; ${sense}.`;
}
