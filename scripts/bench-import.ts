/**
 * npx tsx scripts/bench-import.ts [runs]
 *
 * Times importing the PTC train set (../shared/data/ptc) into a fresh database file, and
 * exporting it again. Prints figures only; nothing is asserted.
 */
import { cpus } from 'node:os';
import { join } from 'node:path';
import { exportPtc, importContent, readContent } from '../src/lib/server/content';
import { SkipLog } from '../src/lib/server/content/drafts';
import { hasPtcTrain, PTC_DIR, PTC_TRAIN as SOURCES, withBenchDatabase } from './benchSetup';

function median(values: number[]): number {
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.floor(sorted.length / 2)];
}

/** Milliseconds `fn` takes. */
function time(fn: () => void): number {
	const start = performance.now();
	fn();
	return performance.now() - start;
}

function benchOnce() {
	return withBenchDatabase(
		'import',
		(db, dir) => {
			const read = time(() => readContent(SOURCES, {}, new SkipLog()));
			let spans = 0;
			const total = time(() => {
				spans = importContent(db, SOURCES).spansAdded;
			});
			const reimport = time(() => importContent(db, SOURCES));
			const exported = time(() => exportPtc(db, join(dir, 'export')));
			return { read, total, reimport, exported, spans };
		},
		{ bundled: false }
	);
}

function main(runs: number): number {
	if (!hasPtcTrain()) {
		console.error(`The PTC corpus is not at ${PTC_DIR}; nothing to measure.`);
		return 1;
	}
	benchOnce(); // warm-up: module loading and file cache
	const results = Array.from({ length: runs }, benchOnce);
	const fmt = (pick: (r: (typeof results)[number]) => number) =>
		`${median(results.map(pick)).toFixed(0)} ms (min ${Math.min(...results.map(pick)).toFixed(0)}, max ${Math.max(...results.map(pick)).toFixed(0)})`;
	console.log(`PTC train set: 371 articles, ${results[0].spans} spans; median of ${runs} runs`);
	console.log(
		`Machine: ${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}, Node ${process.version}`
	);
	console.log(`  read and check only (no DB):       ${fmt((r) => r.read)}`);
	console.log(`  import into a fresh DB file:       ${fmt((r) => r.total)}`);
	console.log(`  re-import (all unchanged):         ${fmt((r) => r.reimport)}`);
	console.log(`  export as PTC folder:              ${fmt((r) => r.exported)}`);
	return 0;
}

process.exitCode = main(Number(process.argv[2] ?? 5));
