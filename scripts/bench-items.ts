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
import { scoreAnswer } from '../src/lib/game/scoring';
import type { ContentArticle, Question, Reveal } from '../src/lib/game/types';
import { ensureBundledContent, importContent } from '../src/lib/server/content';
import { syncTechniques } from '../src/lib/server/content/techniques';
import { migrateDatabase, openDatabase } from '../src/lib/server/db/open';
import { loadRoundContent } from '../src/lib/server/db/queries';

const rounds = Number(process.argv[2] ?? 200);
const PTC = resolve(process.env.PTC_DIR ?? '../shared/data/ptc');

interface JudgeItem {
	loaded: boolean;
	text: string;
	words: number;
	source: string;
}

function percentile(sorted: number[], p: number): number {
	return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

/** Accuracy of the better direction of a yes/no cue at predicting the key. */
function binaryCue(items: JudgeItem[], cue: (i: JudgeItem) => boolean): number {
	let agree = 0;
	for (const i of items) if (cue(i) === i.loaded) agree++;
	return Math.max(agree, items.length - agree) / items.length;
}

/** Accuracy of the best length threshold (either direction). */
function lengthCue(items: JudgeItem[]): number {
	const thresholds = [...new Set(items.map((i) => i.words))];
	let best = 0;
	for (const t of thresholds)
		best = Math.max(
			best,
			binaryCue(items, (i) => i.words >= t)
		);
	return best;
}

/** Accuracy of answering each source's majority key. */
function sourceCue(items: JudgeItem[]): number {
	const bySource = new Map<string, { loaded: number; n: number }>();
	for (const i of items) {
		const s = bySource.get(i.source) ?? { loaded: 0, n: 0 };
		s.n++;
		if (i.loaded) s.loaded++;
		bySource.set(i.source, s);
	}
	let right = 0;
	for (const s of bySource.values()) right += Math.max(s.loaded, s.n - s.loaded);
	return right / items.length;
}

/** Whether the player is shown an explanation of the words for this answer. */
function explained(q: Question, reveal: Reveal): boolean {
	const note = (reveal as Reveal & { note?: string | null }).note;
	const spanExplained = (range: [number, number]) =>
		reveal.spans.some((s) => s.range[0] === range[0] && s.range[1] === range[1] && !!s.explanation);
	switch (q.kind) {
		case 'name':
			return spanExplained(q.highlight);
		case 'find':
			return q.targets.every(spanExplained);
		case 'judge':
			return q.loaded
				? reveal.spans.length > 0 && reveal.spans.every((s) => !!s.explanation)
				: !!note;
	}
}

function wordsOf(q: Question): number {
	return q.excerpt.tokens.filter((t) => t.word).length;
}

function textOf(q: Question): string {
	return q.excerpt.tokens.map((t) => t.text).join('');
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
			lengths.push(wordsOf(q));
			answers++;
			if (!explained(q, revealQuestion(q))) unexplained++;
			const t = q.kind === 'judge' ? null : questionTechnique(q);
			if (t) uses.set(t, (uses.get(t) ?? 0) + 1);
			if (q.kind === 'judge') {
				judge.push({
					loaded: q.loaded,
					text: textOf(q),
					words: wordsOf(q),
					source: collection.get(q.excerpt.articleId) ?? '?'
				});
			}
			if (q.kind === 'find') {
				const n = q.excerpt.tokens.length;
				const ctx = {
					elapsedMs: 0,
					limitMs: null,
					streak: 0,
					scoring: 'accuracy',
					streaks: false
				} as const;
				whole.push(scoreAnswer(q, { kind: 'find', range: [0, n] }, ctx).credit);
				most.push(
					scoreAnswer(q, { kind: 'find', range: [0, Math.max(1, Math.ceil(n * 0.75))] }, ctx).credit
				);
			}
		}
		maxTechnique = Math.max(maxTechnique, ...uses.values());
	}
	const ms = performance.now() - start;
	const loadedShare = judge.filter((j) => j.loaded).length / Math.max(1, judge.length);
	const cues: [string, number][] = [
		['always one answer', Math.max(loadedShare, 1 - loadedShare)],
		['digits', binaryCue(judge, (j) => /\p{N}/u.test(j.text))],
		['quotation marks', binaryCue(judge, (j) => /["“”«»]/u.test(j.text))],
		['? or !', binaryCue(judge, (j) => /[?!]/u.test(j.text))],
		['length', lengthCue(judge)],
		['source', sourceCue(judge)]
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
