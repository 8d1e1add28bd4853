/**
 * npx tsx scripts/bench-round.ts [rounds]
 *
 * Times building rounds from the bundled content and from the bundled content plus the PTC train
 * set (../shared/data/ptc), as a server does it: content loaded through loadRoundContent (cached
 * while unchanged), then buildRound with a new seed each time. With the PTC train set, first the
 * first class round (bundled sources) right after importing it; then the
 * first round after a teacher's review decision on one imported item (the content changes, one
 * article of it). Prints figures only.
 */
import { cpus } from 'node:os';
import { defaultRoundConfig, buildRound } from '../src/lib/game/round';
import { spanApproval } from '../src/lib/game/reviewFixtures';
import { importContent } from '../src/lib/server/content';
import { defaultSourceIds } from '../src/lib/server/content/roundSources';
import type { Db } from '../src/lib/server/db/open';
import { loadItemStats, loadRoundContent } from '../src/lib/server/db/queries';
import { recordDecision } from '../src/lib/server/review/reviews';
import { hasPtcTrain, PTC_DIR, PTC_TRAIN, withBenchDatabase } from './benchSetup';

const rounds = Number(process.argv[2] ?? 20);

function percentile(values: number[], p: number): number {
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

function bench(label: string, db: Db) {
	const times: number[] = [];
	let first = 0;
	for (let i = 0; i <= rounds; i++) {
		const start = performance.now();
		// Imported corpora are unreviewed here: the bench measures how items are built from all of them.
		buildRound(
			loadRoundContent(db),
			{ ...defaultRoundConfig(), includeUnreviewed: true },
			`bench-${i}`,
			loadItemStats(db)
		);
		const ms = performance.now() - start;
		if (i === 0) first = ms;
		else times.push(ms);
	}
	const articles = loadRoundContent(db).length;
	console.log(
		`${label.padEnd(28)} ${String(articles).padStart(4)} articles  first ${first.toFixed(0).padStart(5)} ms  ` +
			`then median ${percentile(times, 50).toFixed(0).padStart(4)} ms, p95 ${percentile(times, 95).toFixed(0).padStart(4)} ms`
	);
}

/**
 * The first round after each of `decisions` review decisions, each on a span of another imported
 * article: approving an item changes one article of the content.
 */
function benchAfterDecisions(db: Db, decisions: number) {
	const config = { ...defaultRoundConfig(), includeUnreviewed: true };
	const imported = loadRoundContent(db).filter((a) => a.reviewGated && a.spans.length > 0);
	const times: number[] = [];
	for (let i = 0; i < Math.min(decisions, imported.length); i++) {
		const article = imported[i * Math.floor(imported.length / decisions)];
		const span = article.spans[0];
		recordDecision(db, {
			...spanApproval(article.id, span.start, span.end, span.techniqueId),
			collection: article.collection ?? '',
			teacherId: null,
			now: Date.now()
		});
		const start = performance.now();
		buildRound(loadRoundContent(db), config, `bench-review-${i}`, loadItemStats(db));
		times.push(performance.now() - start);
	}
	console.log(
		`${'after one review decision'.padEnd(28)} ${String(times.length).padStart(4)} decisions  ` +
			`median ${percentile(times, 50).toFixed(0).padStart(4)} ms, max ${Math.max(...times)
				.toFixed(0)
				.padStart(4)} ms`
	);
}

/**
 * The first class round after the PTC train set is imported, as the server builds it: sources
 * settled to the defaults (the bundled packs), content read again after the import.
 */
function benchFirstAfterImport(db: Db) {
	const config = { ...defaultRoundConfig(), sources: defaultSourceIds(db, 'class') };
	buildRound(loadRoundContent(db), config, 'bench-before-import', loadItemStats(db));
	importContent(db, PTC_TRAIN);
	const start = performance.now();
	const content = loadRoundContent(db);
	buildRound(content, config, 'bench-after-import', loadItemStats(db));
	const ms = performance.now() - start;
	const second = performance.now();
	buildRound(loadRoundContent(db), config, 'bench-after-import-2', loadItemStats(db));
	console.log(
		`${'first round after import'.padEnd(28)} ${String(content.length).padStart(4)} articles  ` +
			`${ms.toFixed(0).padStart(5)} ms (read + build), the next ${(performance.now() - second).toFixed(0)} ms`
	);
}

console.log(`Building ${rounds} rounds of 10 (${cpus().length} cores, Node ${process.version})`);
withBenchDatabase('round', (db) => {
	bench('bundled content', db);
	if (hasPtcTrain()) {
		benchFirstAfterImport(db);
		bench('bundled + PTC train set', db);
		benchAfterDecisions(db, 10);
	} else {
		console.log(`PTC train set not found at ${PTC_DIR}: skipped that case.`);
	}
});
