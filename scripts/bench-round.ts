/**
 * npx tsx scripts/bench-round.ts [rounds]
 *
 * Times building rounds from the bundled content and from the bundled content plus the PTC train
 * set (../shared/data/ptc), as a server does it: content loaded through loadRoundContent (cached
 * while unchanged), then buildRound with a new seed each time. Then, with the PTC train set, the
 * first round after a teacher's review decision on one imported item (the content changes, one
 * article of it). Prints figures only.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { defaultRoundConfig, buildRound } from '../src/lib/game/round';
import { ensureBundledContent, importContent } from '../src/lib/server/content';
import { syncTechniques } from '../src/lib/server/content/techniques';
import { migrateDatabase, openDatabase, type Db } from '../src/lib/server/db/open';
import { loadItemStats, loadRoundContent } from '../src/lib/server/db/queries';
import { recordDecision } from '../src/lib/server/review/reviews';

const rounds = Number(process.argv[2] ?? 20);
const PTC = resolve(process.env.PTC_DIR ?? '../shared/data/ptc');

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
			collection: article.collection ?? '',
			articleId: article.id,
			reviewKey: span.reviewKey ?? '',
			kind: 'span',
			status: 'approved',
			techniqueId: null,
			start: null,
			end: null,
			explanation: null,
			reason: null,
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

const dir = mkdtempSync(join(tmpdir(), 'slant-bench-round-'));
try {
	console.log(`Building ${rounds} rounds of 10 (${cpus().length} cores, Node ${process.version})`);
	const db = openDatabase(join(dir, 'bench.db'));
	migrateDatabase(db);
	syncTechniques(db);
	ensureBundledContent(db);
	bench('bundled content', db);
	if (existsSync(PTC)) {
		importContent(db, [join(PTC, 'articles/train'), join(PTC, 'labels/train-TC')]);
		bench('bundled + PTC train set', db);
		benchAfterDecisions(db, 10);
	} else {
		console.log('PTC train set not found at ../shared/data/ptc: skipped that case.');
	}
	db.$client.close();
} finally {
	rmSync(dir, { recursive: true, force: true });
}
