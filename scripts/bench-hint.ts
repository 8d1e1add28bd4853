/**
 * npm run bench:hint
 *
 * How far the charged-words hint (src/lib/game/chargedWords.ts) goes toward the PTC's own
 * propaganda spans: the SemEval-2020 Task 11 span-identification score (precision and recall
 * with partial-overlap credit, F1; src/lib/game/stats/spanF1.ts) on the PTC train set
 * (PTC_DIR, default ../shared/data/ptc: articles/train and labels/train-SI), in 5 folds by
 * article. For each fold the lexicon threshold (|score| ≥ 1..5) is the one with the best F1 on
 * the other four folds, and the hint is scored on the held-out fold with it. Beside it, the
 * trivial baseline that marks every sentence (every non-empty line: the PTC gives one sentence
 * per line). Reads the corpus where it lies; nothing is copied. Figures only, no assertions;
 * BENCHMARKS.md keeps them.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { chargedWords, DEFAULT_CHARGE_THRESHOLD } from '../src/lib/game/chargedWords';
import { countWords } from '../src/lib/game/tokens';
import {
	spanScore,
	spanTally,
	sumTallies,
	type SpanRange,
	type SpanScore,
	type SpanTally
} from '../src/lib/game/stats/spanF1';
import { CodePointIndex } from '../src/lib/game/text';
import { readLabelFile } from '../src/lib/server/content/ptc';
import { readUtf8File } from '../src/lib/server/content/sourceFiles';
import { PTC_DIR } from './benchSetup';

const PTC = PTC_DIR;
const FOLDS = 5;
const THRESHOLDS = [1, 2, 3, 4, 5];

interface Article {
	id: string;
	gold: SpanRange[];
	/** Every charged word at threshold 1, with its |score|, so each threshold is a filter. */
	charged: (SpanRange & { strength: number })[];
	sentences: SpanRange[];
	words: number;
}

/** Every non-empty line, trimmed, as a code-point range. */
function sentenceRanges(body: string): SpanRange[] {
	const cpi = new CodePointIndex(body);
	const out: SpanRange[] = [];
	for (const m of body.matchAll(/[^\n]+/gu)) {
		const lead = m[0].length - m[0].trimStart().length;
		const text = m[0].trim();
		if (text === '') continue;
		const start = m.index + lead;
		out.push({ start: cpi.toCodePoint(start), end: cpi.toCodePoint(start + text.length) });
	}
	return out;
}

function load(): Article[] {
	const articleDir = join(PTC, 'articles/train');
	const labelDir = join(PTC, 'labels/train-SI');
	const articles: Article[] = [];
	for (const name of readdirSync(articleDir).sort()) {
		const id = /^article(\d+)\.txt$/.exec(name)?.[1];
		if (!id) continue;
		const body = readUtf8File(join(articleDir, name));
		const labels = join(labelDir, `article${id}.task1-SI.labels`);
		const gold = existsSync(labels)
			? readLabelFile(labels).map((l) => ({ start: l.start, end: l.end }))
			: [];
		const charged = chargedWords(body, 1).map((w) => ({
			start: w.start,
			end: w.end,
			strength: Math.abs(w.score)
		}));
		articles.push({ id, gold, charged, sentences: sentenceRanges(body), words: countWords(body) });
	}
	// Folds by article: ids in numeric order, dealt round-robin.
	return articles.sort((a, b) => Number(a.id) - Number(b.id));
}

function hintTally(articles: Article[], threshold: number): SpanTally {
	return sumTallies(
		articles.map((a) =>
			spanTally(
				a.charged.filter((w) => w.strength >= threshold),
				a.gold
			)
		)
	);
}

function baselineTally(articles: Article[]): SpanTally {
	return sumTallies(articles.map((a) => spanTally(a.sentences, a.gold)));
}

const f = (x: number) => x.toFixed(3);
const line = (s: SpanScore) => `F1 ${f(s.f1)} (P ${f(s.precision)}, R ${f(s.recall)})`;

if (!existsSync(join(PTC, 'articles/train')) || !existsSync(join(PTC, 'labels/train-SI'))) {
	console.log(`PTC train set not found at ${PTC} (set PTC_DIR): nothing to measure.`);
	process.exit(0);
}
const started = performance.now();
const articles = load();
const gold = articles.reduce((n, a) => n + a.gold.length, 0);
console.log(
	`Charged-words hint on the PTC train set: ${articles.length} articles, ${gold} SI spans, ${FOLDS} folds by article`
);
const folds = Array.from({ length: FOLDS }, (_, k) => articles.filter((_, i) => i % FOLDS === k));
const hintTallies: SpanTally[] = [];
const baseTallies: SpanTally[] = [];
const hintFolds: number[] = [];
const baseFolds: number[] = [];
for (let k = 0; k < FOLDS; k++) {
	const train = folds.filter((_, j) => j !== k).flat();
	let best = THRESHOLDS[0];
	let bestF1 = -1;
	for (const t of THRESHOLDS) {
		const f1 = spanScore(hintTally(train, t)).f1;
		if (f1 > bestF1) [best, bestF1] = [t, f1];
	}
	const hint = hintTally(folds[k], best);
	const base = baselineTally(folds[k]);
	hintTallies.push(hint);
	baseTallies.push(base);
	hintFolds.push(spanScore(hint).f1);
	baseFolds.push(spanScore(base).f1);
	console.log(
		`  fold ${k + 1} (${folds[k].length} articles): threshold |score| ≥ ${best} (F1 ${f(bestF1)} on the other folds); hint ${line(spanScore(hint))}; every sentence ${line(spanScore(base))}`
	);
}
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const range = (xs: number[]) => `${f(Math.min(...xs))}-${f(Math.max(...xs))}`;
console.log(
	`Held-out folds pooled: hint ${line(spanScore(sumTallies(hintTallies)))}; mean of folds ${f(mean(hintFolds))} (${range(hintFolds)})`
);
console.log(
	`Held-out folds pooled: every sentence ${line(spanScore(sumTallies(baseTallies)))}; mean of folds ${f(mean(baseFolds))} (${range(baseFolds)})`
);
const words = articles.reduce((n, a) => n + a.words, 0);
for (const t of THRESHOLDS) {
	const marked = articles.reduce((n, a) => n + a.charged.filter((w) => w.strength >= t).length, 0);
	const share = ((100 * marked) / words).toFixed(1);
	const isDefault = t === DEFAULT_CHARGE_THRESHOLD ? ' (the hint’s default)' : '';
	console.log(
		`  whole train set, threshold ${t}${isDefault}: hint ${line(spanScore(hintTally(articles, t)))}; marks ${marked} words, ${share} per 100 words`
	);
}
console.log(`(${(performance.now() - started).toFixed(0)} ms)`);
