/**
 * The two parallel forms of a before/after check, built from the database's content (the sources
 * the teacher's class may use) and matched on difficulty as calibrated for the bundled content
 * (itemCalibration.ts), refined by the answers stored here. Pure work of game/parallel.ts; this
 * module only gathers its inputs.
 */
import { buildParallelForms, type ParallelForms } from '../../game/parallel';
import { itemPriors, listItems } from '../../game/round';
import type { Question, RoundConfig } from '../../game/types';
import type { Db } from '../db/open';
import { loadItemStats, loadRoundContent } from '../db/queries';
import { loadItemCalibration, shrunkDifficulty } from './itemCalibration';

/** Distractor order of the name items is drawn from this seed, so the forms are fixed items. */
const FORMS_SEED = 'check-forms';

/**
 * The difficulty of each item `content` can make: its answers in `db`, shrunk toward the shipped
 * calibration, or toward the content model for an item the calibration does not know.
 */
export function formDifficulty(
	db: Db,
	content: ReturnType<typeof loadRoundContent>,
	config: RoundConfig
): (q: Question) => number {
	const calibration = loadItemCalibration();
	const priors = itemPriors(content, config);
	const stats = loadItemStats(db);
	return (q) =>
		shrunkDifficulty(
			calibration.get(q.itemKey) ?? priors.get(q.itemKey) ?? 0.5,
			stats.get(q.itemKey)
		);
}

/** Parallel forms from the content `config` settles on (its sources, article and families). */
export function buildFormsFromDb(db: Db, config: RoundConfig): ParallelForms {
	const content = loadRoundContent(db, config.articleId);
	const items = listItems(content, config, FORMS_SEED);
	return buildParallelForms(items, formDifficulty(db, content, config));
}
