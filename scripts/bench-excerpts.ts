/**
 * npm run bench:excerpts [-- rounds]
 *
 * Imports the PTC train set (PTC_DIR, default ../shared/data/ptc) into a fresh database file,
 * builds random rounds of ten from it (200 by default, default config) and prints how many of
 * the distinct excerpts served break each excerpt rule (scripts/excerptRules.ts), plus the page
 * debris lines the import found. Figures only; BENCHMARKS.md keeps them.
 */
import { pageDebrisLines } from '../src/lib/game/excerptBounds';
import { buildRound, defaultRoundConfig } from '../src/lib/game/round';
import type { Question } from '../src/lib/game/types';
import { importContent } from '../src/lib/server/content';
import { loadRoundContent } from '../src/lib/server/db/queries';
import { hasPtcTrain, PTC_DIR, PTC_TRAIN, withBenchDatabase } from './benchSetup';
import { excerptRuleCounts, formatExcerptRuleCounts } from './excerptRules';

const rounds = Number(process.argv[2] ?? 200);

if (!hasPtcTrain()) {
	console.log(`PTC train set not found at ${PTC_DIR} (set PTC_DIR): nothing to measure.`);
	process.exit(0);
}
withBenchDatabase(
	'excerpts',
	(db) => {
		importContent(db, PTC_TRAIN);
		const content = loadRoundContent(db);
		const started = performance.now();
		const questions: Question[] = [];
		for (let i = 0; i < rounds; i++) {
			// Imported corpora are unreviewed here: the bench measures how items are built from all of them.
			questions.push(
				...buildRound(
					content,
					{ ...defaultRoundConfig(), includeUnreviewed: true },
					`excerpts-${i}`
				)
			);
		}
		const ms = performance.now() - started;
		console.log(
			`PTC train set: ${content.length} articles, ${rounds} rounds of 10, ${questions.length} questions (${ms.toFixed(0)} ms)`
		);
		for (const line of formatExcerptRuleCounts(excerptRuleCounts(questions, content)))
			console.log(`  ${line}`);
		const debris = content.flatMap((a) => pageDebrisLines(a.body).map((d) => ({ a, d })));
		console.log(`  page debris lines in the corpus: ${debris.length}; for example:`);
		for (const { a, d } of debris.slice(0, 12)) {
			const text = a.body.slice(d.start, d.end);
			console.log(`    ${a.id}:${d.line} ${text.length > 90 ? `${text.slice(0, 87)}...` : text}`);
		}
	},
	{ bundled: false }
);
