/**
 * npx tsx scripts/bench-round.ts [rounds]
 *
 * Times building rounds from the bundled content and from the bundled content plus the PTC train
 * set (../shared/data/ptc), as a server does it: content loaded through loadRoundContent (cached
 * while unchanged), then buildRound with a new seed each time. Prints figures only.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { defaultRoundConfig, buildRound } from '../src/lib/game/round';
import { ensureBundledContent, importContent } from '../src/lib/server/content';
import { syncTechniques } from '../src/lib/server/content/techniques';
import { migrateDatabase, openDatabase, type Db } from '../src/lib/server/db/open';
import { loadItemStats, loadRoundContent } from '../src/lib/server/db/queries';

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
	} else {
		console.log('PTC train set not found at ../shared/data/ptc: skipped that case.');
	}
	db.$client.close();
} finally {
	rmSync(dir, { recursive: true, force: true });
}
