/**
 * npm run calibrate:items [-- --db <slant.db>]
 *
 * Writes content/item-calibration.json: the difficulty (0 easy .. 1 hard) of every item the
 * bundled content can make, which the before/after checks match their parallel forms on
 * (src/lib/server/content/checkForms.ts), so a new install matches them before any class has
 * answered.
 *
 * The source of each figure, as the file's `source` field says:
 * - `model`: Slant's content model of difficulty. It starts from the prior the round builder
 *   gives every item (src/lib/game/round.ts, itemPriors): rarer techniques are harder, finding a
 *   phrase is harder than naming it, loaded passages with few labelled words are harder to spot,
 *   straight passages 0.45. A loaded-or-straight passage then gains 0.15 when the charged-word cue
 *   points the wrong way (a straight passage holding a word AFINN-165 rates ±2 or more, or a
 *   loaded one holding none: see chargedWords.ts), and loses 0.1 when it points the right way, so
 *   passages that tempt a quick reader count as harder.
 * - `answers`, `correct`: the answers to the item stored in the database given with --db (a
 *   Slant database whose classes played the bundled content; live games, assignments and the
 *   anonymised answers of deleted games), none without it.
 * - `difficulty`: the model moved toward the observed error rate, the model worth 4 answers (as
 *   the round builder weighs it).
 *
 * Run it again after the bundled content or the content model changes (bundledContent.spec.ts
 * fails until the file covers every bundled item), or with --db to fold in a school's answers.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chargedWords } from '../src/lib/game/chargedWords';
import { excerptText } from '../src/lib/game/itemChecks';
import { defaultRoundConfig, itemPriors, listItems } from '../src/lib/game/round';
import type { Question } from '../src/lib/game/types';
import { contentRoot, ensureBundledContent } from '../src/lib/server/content/bundled';
import {
	CALIBRATION_FILE,
	shrunkDifficulty,
	type ItemCalibrationFile
} from '../src/lib/server/content/itemCalibration';
import { syncTechniques } from '../src/lib/server/content/techniques';
import { openDatabase, openTestDatabase } from '../src/lib/server/db/open';
import { loadItemStats, loadRoundContent } from '../src/lib/server/db/queries';

const USAGE = 'Usage: npm run calibrate:items [-- --db <slant.db>]';

function main(args: string[]): number {
	let answersFrom: string | null = null;
	if (args.length === 2 && args[0] === '--db') answersFrom = args[1];
	else if (args.length > 0) {
		console.error(USAGE);
		return 2;
	}
	const db = openTestDatabase();
	syncTechniques(db);
	ensureBundledContent(db);
	const content = loadRoundContent(db);
	const config = defaultRoundConfig();
	const priors = itemPriors(content, config);
	const asked = new Map(listItems(content, config, 'calibrate').map((q) => [q.itemKey, q]));
	const stats = answersFrom ? loadItemStats(openDatabase(answersFrom)) : new Map();
	const items: ItemCalibrationFile['items'] = {};
	let answered = 0;
	for (const key of [...asked.keys()].sort()) {
		const model = modelled(asked.get(key)!, priors.get(key) ?? 0.5);
		const s = stats.get(key);
		if (s) answered++;
		items[key] = {
			difficulty: round(shrunkDifficulty(model, s)),
			model: round(model),
			answers: s?.answered ?? 0,
			correct: s?.correct ?? 0
		};
	}
	const file: ItemCalibrationFile = {
		format: 'slant-item-calibration',
		version: 1,
		source: answersFrom
			? `Slant's content model (round.ts itemPriors and the charged-word cue, see scripts/calibrate-items.ts), moved toward the answers stored in a Slant database (${answered} items answered), the model worth 4 answers. Built by npm run calibrate:items -- --db.`
			: "Slant's content model (round.ts itemPriors and the charged-word cue, see scripts/calibrate-items.ts): no answers folded in yet. Built by npm run calibrate:items.",
		items
	};
	const path = join(contentRoot(), CALIBRATION_FILE);
	// One item a line: the file stays readable and its diffs small.
	const lines = Object.entries(items).map(
		([k, v]) => `\t\t${JSON.stringify(k)}: ${JSON.stringify(v)}`
	);
	writeFileSync(
		path,
		`{\n\t"format": "${file.format}",\n\t"version": ${file.version},\n\t"source": ${JSON.stringify(file.source)},\n\t"items": {\n${lines.join(',\n')}\n\t}\n}\n`
	);
	console.log(
		`Wrote ${Object.keys(items).length} items (${answered} with answers) to content/${CALIBRATION_FILE}`
	);
	return 0;
}

/** The content model (see the head of this file): the prior, and the charged-word cue. */
function modelled(q: Question, prior: number): number {
	if (q.kind !== 'judge') return prior;
	const cueSaysLoaded = chargedWords(excerptText(q)).length > 0;
	const shift = cueSaysLoaded === q.loaded ? -0.1 : 0.15;
	return Math.min(1, Math.max(0, prior + shift));
}

const round = (x: number) => Math.round(x * 1000) / 1000;

process.exit(main(process.argv.slice(2)));
