/**
 * The item calibration shipped with the bundled content (content/item-calibration.json, written
 * by `npm run calibrate:items`, see scripts/calibrate-items.ts): each bundled item's difficulty,
 * so parallel check forms are matched on difficulty on a new install too, before any class has
 * answered. Answers stored in this database refine it (shrunk toward it, as the round builder
 * shrinks toward its prior); items the file does not know start from the content model.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as v from 'valibot';
import type { ItemStats } from '../../game/round';
import { contentRoot } from './bundled';

/** The file's name under content/. */
export const CALIBRATION_FILE = 'item-calibration.json';

/** The weight, in answers, of the calibrated difficulty against this database's answers. */
export const CALIBRATION_WEIGHT = 4;

const CalibrationSchema = v.object({
	format: v.literal('slant-item-calibration'),
	version: v.literal(1),
	source: v.string(),
	items: v.record(
		v.string(),
		v.object({
			difficulty: v.pipe(v.number(), v.minValue(0), v.maxValue(1)),
			model: v.pipe(v.number(), v.minValue(0), v.maxValue(1)),
			answers: v.pipe(v.number(), v.integer(), v.minValue(0)),
			correct: v.pipe(v.number(), v.integer(), v.minValue(0))
		})
	)
});

export type ItemCalibrationFile = v.InferOutput<typeof CalibrationSchema>;

const cache = new Map<string, Map<string, number>>();

/**
 * Calibrated difficulty by item key, from `root`'s calibration file (read once per process);
 * empty when there is none. A file that does not parse is an error (it ships with the code).
 */
export function loadItemCalibration(root = contentRoot()): Map<string, number> {
	const path = join(root, CALIBRATION_FILE);
	let known = cache.get(path);
	if (!known) {
		known = new Map();
		if (existsSync(path)) {
			const file = v.parse(CalibrationSchema, JSON.parse(readFileSync(path, 'utf8')));
			for (const [key, item] of Object.entries(file.items)) known.set(key, item.difficulty);
		}
		cache.set(path, known);
	}
	return known;
}

/**
 * An item's difficulty (0 easy .. 1 hard): `base` (the calibrated or modelled difficulty) moved
 * toward the error rate of `stats`, each answer worth as much as 1 / CALIBRATION_WEIGHT of it.
 */
export function shrunkDifficulty(base: number, stats: ItemStats | undefined): number {
	if (!stats || stats.answered === 0) return base;
	const errorRate = 1 - Math.min(stats.correct, stats.answered) / stats.answered;
	return (
		(CALIBRATION_WEIGHT * base + stats.answered * errorRate) / (CALIBRATION_WEIGHT + stats.answered)
	);
}
