/**
 * npm run bench:items [-- rounds]
 *
 * Measures whether the questions can be beaten without reading. Builds many random rounds of ten
 * on the bundled content, on the bundled content plus the PTC train set, and on the PTC train
 * set alone (PTC_DIR, default ../shared/data/ptc; skipped with a message when absent), and
 * prints per case:
 *
 * - the loaded share of "loaded or straight?" keys (always answering "loaded" scores this);
 * - the accuracy of the best single surface cue at predicting those keys: has digits, has
 *   quotation marks, has ? or !, length (best threshold in words), source (the collection);
 * - the mean credit of selecting the whole excerpt, and its first three quarters, in find items;
 * - the share of answers shown without an explanation of the words;
 * - excerpt lengths in words (min, 10th percentile, median, max, and how many under 8);
 * - the most times one technique is asked in a round.
 *
 * Figures only, no assertions; BENCHMARKS.md keeps them.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { revealQuestion } from '../src/lib/game/feedback';
import { buildRound, defaultRoundConfig, questionTechnique } from '../src/lib/game/round';
import {
	SURFACE_CUES,
	binaryCueAccuracy,
	excerptText,
	excerptWords,
	findOverSelectionCredit,
	isExplained,
	lengthCueAccuracy,
	sourceCueAccuracy,
	type JudgeItem
} from '../src/lib/game/itemChecks';
import type { ContentArticle } from '../src/lib/game/types';
import { ensureBundledContent, importContent } from '../src/lib/server/content';
import { syncTechniques } from '../src/lib/server/content/techniques';
import { migrateDatabase, openDatabase } from '../src/lib/server/db/open';
import { loadRoundContent } from '../src/lib/server/db/queries';

const rounds = Number(process.argv[2] ?? 200);
const PTC = resolve(process.env.PTC_DIR ?? '../shared/data/ptc');

function percentile(sorted: number[], p: number): number {
	return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

function measure(label: string, content: ContentArticle[]) {
	if (content.length === 0) {
		console.log(`${label}: no content`);
		return;
	}
	const collection = new Map(content.map((a) => [a.id, sourceOf(a)]));
	const judge: JudgeItem[] = [];
	const whole: number[] = [];
	const most: number[] = [];
	const lengths: number[] = [];
	let answers = 0;
	let unexplained = 0;
	let maxTechnique = 0;
	let questions = 0;
	const start = performance.now();
	for (let r = 0; r < rounds; r++) {
		const round = buildRound(content, defaultRoundConfig(), `bench-items-${r}`);
		const uses = new Map<string, number>();
		for (const q of round) {
			questions++;
			lengths.push(excerptWords(q));
			answers++;
			if (!isExplained(q, revealQuestion(q))) unexplained++;
			const t = q.kind === 'judge' ? null : questionTechnique(q);
			if (t) uses.set(t, (uses.get(t) ?? 0) + 1);
			if (q.kind === 'judge') {
				judge.push({
					loaded: q.loaded,
					text: excerptText(q),
					words: excerptWords(q),
					source: collection.get(q.excerpt.articleId) ?? '?'
				});
			}
			if (q.kind === 'find') {
				const credit = findOverSelectionCredit(q);
				whole.push(credit.whole);
				most.push(credit.threeQuarters);
			}
		}
		maxTechnique = Math.max(maxTechnique, ...uses.values());
	}
	const ms = performance.now() - start;
	const loadedShare = judge.filter((j) => j.loaded).length / Math.max(1, judge.length);
	const cues: [string, number][] = [
		['always one answer', Math.max(loadedShare, 1 - loadedShare)],
		...SURFACE_CUES.map((c): [string, number] => [c.label, binaryCueAccuracy(judge, c.test)]),
		['length', lengthCueAccuracy(judge)],
		['source', sourceCueAccuracy(judge)]
	];
	const best = cues.reduce((a, b) => (b[1] > a[1] ? b : a));
	const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : NaN);
	lengths.sort((a, b) => a - b);
	const pct = (x: number) => `${(100 * x).toFixed(0)}%`;
	console.log(`\n${label}: ${content.length} articles, ${rounds} rounds (${ms.toFixed(0)} ms)`);
	console.log(`  judge items                ${judge.length}, loaded ${pct(loadedShare)}`);
	console.log(`  surface cues (accuracy)    ${cues.map(([n, a]) => `${n} ${pct(a)}`).join(', ')}`);
	console.log(`  best single cue            ${best[0]}: ${pct(best[1])}`);
	console.log(
		`  find items                 ${whole.length}; whole excerpt selected: mean credit ${mean(whole).toFixed(2)}; first 3/4: ${mean(most).toFixed(2)}`
	);
	console.log(
		`  answers without explanation ${unexplained} of ${answers} (${pct(unexplained / answers)})`
	);
	console.log(
		`  excerpt words              min ${lengths[0]}, p10 ${percentile(lengths, 10)}, median ${percentile(lengths, 50)}, max ${lengths[lengths.length - 1]}; under 8: ${lengths.filter((n) => n < 8).length} of ${questions}`
	);
	console.log(`  most asks of one technique in a round: ${maxTechnique}`);
}

/** The source a player could see: the collection (pack or corpus folder) of the article. */
function sourceOf(a: ContentArticle): string {
	const withCollection = a as ContentArticle & { collection?: string | null };
	return withCollection.collection ?? (/^\d+$/.test(a.id) ? 'ptc' : a.id.split('-')[0]);
}

const dir = mkdtempSync(join(tmpdir(), 'slant-bench-items-'));
try {
	console.log(`Item validity: ${rounds} random rounds of 10 per case (Node ${process.version})`);
	const db = openDatabase(join(dir, 'bench.db'));
	migrateDatabase(db);
	syncTechniques(db);
	ensureBundledContent(db);
	const bundled = loadRoundContent(db);
	measure('Bundled content', bundled);
	if (existsSync(join(PTC, 'articles/train'))) {
		importContent(db, [join(PTC, 'articles/train'), join(PTC, 'labels/train-TC')]);
		const all = loadRoundContent(db);
		const bundledIds = new Set(bundled.map((a) => a.id));
		measure('Bundled + PTC train set', all);
		measure(
			'PTC train set only',
			all.filter((a) => !bundledIds.has(a.id))
		);
	} else {
		console.log(`\nPTC train set not found at ${PTC} (set PTC_DIR): skipped the imported cases.`);
	}
	db.$client.close();
} finally {
	rmSync(dir, { recursive: true, force: true });
}
