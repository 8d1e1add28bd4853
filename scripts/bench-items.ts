/**
 * npm run bench:items [-- rounds] [-- corpus paths...]
 *
 * Measures whether the questions can be beaten without reading. Builds many random rounds of ten
 * per content source: the bundled content, and the corpus given on the command line (paths as
 * for `npm run import`, e.g. a PTC articles folder and its labels folder), or by default the PTC
 * train set (PTC_DIR, default ../shared/data/ptc; skipped with a message when absent). Prints
 * per source:
 *
 * - adversarial players (src/lib/game/adversaries.ts), each against chance and its line:
 *   name the technique: always one technique, the most connected choice, the most and least
 *   frequent answer, and a player that learns from other rounds which choice is the answer for
 *   each set of choices (line: chance + 0.08); find the phrase: positional selections (line:
 *   0.15 mean credit), and beside them a reader's selections (the phrase give or take a word must
 *   earn full credit, half the phrase partial credit); loaded or straight: always one answer,
 *   every surface cue and pair of cues (line: 0.65);
 * - how many distinct find items the rounds served, of the find items listed;
 * - the mean credit of selecting the whole excerpt, and its first three quarters, in find items;
 * - the share of answers shown without an explanation of the words;
 * - excerpt lengths in words (min, 10th percentile, median, max, and how many under 8);
 * - the most times one technique is asked in a round, and which techniques name questions ask.
 *
 * Figures only, no assertions (adversaries.spec.ts pins the rules); BENCHMARKS.md keeps them.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import {
	NAME_CHANCE,
	alwaysPlayer,
	cueStrategies,
	findPlayers,
	FULL_CREDIT_READERS,
	leastFrequentPlayer,
	learnedPlayer,
	mostConnectedPlayer,
	mostFrequentPlayer,
	readerSelections,
	type JudgeSurface,
	type NamePlayer
} from '../src/lib/game/adversaries';
import { revealQuestion } from '../src/lib/game/feedback';
import {
	buildRound,
	defaultRoundConfig,
	listItems,
	questionTechnique
} from '../src/lib/game/round';
import {
	excerptText,
	excerptWords,
	findOverSelectionCredit,
	isExplained
} from '../src/lib/game/itemChecks';
import { spanCredit } from '../src/lib/game/scoring';
import { excerptRuleCounts, formatExcerptRuleCounts } from './excerptRules';
import { TECHNIQUE_IDS, type TechniqueId } from '../src/lib/game/techniques';
import type { ContentArticle, NameQuestion, Question } from '../src/lib/game/types';
import { importContent } from '../src/lib/server/content';
import { loadRoundContent } from '../src/lib/server/db/queries';
import { PTC_TRAIN, withBenchDatabase } from './benchSetup';

const args = process.argv.slice(2);
const rounds = /^\d+$/.test(args[0] ?? '') ? Number(args.shift()) : 200;
const corpusPaths = args.length > 0 ? args.map((a) => resolve(a)) : PTC_TRAIN;

/** Lines a player must stay within (issue 22). */
const NAME_LINE = NAME_CHANCE + 0.08;
const FIND_LINE = 0.15;
const JUDGE_LINE = 0.65;

function percentile(sorted: number[], p: number): number {
	return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : NaN);
const pct = (x: number) => `${(100 * x).toFixed(0)}%`;
const within = (x: number, line: number) => (x <= line ? 'within' : 'OVER');

/** Accuracy of a name player on the given questions. */
function nameAccuracy(player: NamePlayer, questions: NameQuestion[]): number {
	return mean(questions.map((q) => (player(q.choices) === q.answer ? 1 : 0)));
}

function measure(label: string, content: ContentArticle[]) {
	if (content.length === 0) {
		console.log(`${label}: no content`);
		return;
	}
	const collection = new Map(content.map((a) => [a.id, sourceOf(a)]));
	const judge: JudgeSurface[] = [];
	const names: NameQuestion[] = [];
	const training: NameQuestion[] = [];
	const finds: Question[] = [];
	const lengths: number[] = [];
	let answers = 0;
	let unexplained = 0;
	let maxTechnique = 0;
	let questions = 0;
	const served: Question[] = [];
	const start = performance.now();
	for (let r = 0; r < rounds; r++) {
		// Rounds the learning player trains on: other seeds than the ones it is scored on.
		// Imported corpora are unreviewed here: the bench measures how items are built from all of them.
		for (const q of buildRound(
			content,
			{ ...defaultRoundConfig(), includeUnreviewed: true },
			`bench-items-train-${r}`
		)) {
			if (q.kind === 'name') training.push(q);
		}
		const round = buildRound(
			content,
			{ ...defaultRoundConfig(), includeUnreviewed: true },
			`bench-items-${r}`
		);
		served.push(...round);
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
			if (q.kind === 'name') names.push(q);
			if (q.kind === 'find') finds.push(q);
		}
		maxTechnique = Math.max(maxTechnique, ...uses.values());
	}
	const ms = performance.now() - start;
	lengths.sort((a, b) => a - b);
	console.log(`\n${label}: ${content.length} articles, ${rounds} rounds (${ms.toFixed(0)} ms)`);

	// Name the technique.
	const keyCounts = new Map<TechniqueId, number>();
	for (const a of content) {
		for (const s of a.spans) keyCounts.set(s.techniqueId, (keyCounts.get(s.techniqueId) ?? 0) + 1);
	}
	const keyed = new Map<TechniqueId, number>();
	for (const q of names) keyed.set(q.answer, (keyed.get(q.answer) ?? 0) + 1);
	// "Always X when offered": each X's accuracy when offered, and the X a player would settle on
	// after the training rounds, scored on the others (the best of 14 noisy figures on the same
	// rounds sits above chance by luck alone).
	const alwaysOn = (qs: NameQuestion[]) =>
		TECHNIQUE_IDS.map((t) => {
			const offered = qs.filter((q) => q.choices.includes(t));
			return { t, offered: offered.length, right: nameAccuracy(alwaysPlayer(t), offered) };
		})
			.filter((a) => a.offered >= 20)
			.sort((a, b) => b.right - a.right);
	const always = alwaysOn(names);
	const favourite = alwaysOn(training)[0]?.t;
	const favouriteOffered = names.filter((q) => favourite && q.choices.includes(favourite));
	const namePlayers: [string, number][] = [
		[
			`always ${favourite ?? '-'} when offered (best in other rounds; offered ${favouriteOffered.length} times)`,
			favourite ? nameAccuracy(alwaysPlayer(favourite), favouriteOffered) : NaN
		],
		['most connected choice', nameAccuracy(mostConnectedPlayer, names)],
		['most frequent answer in the content', nameAccuracy(mostFrequentPlayer(keyCounts), names)],
		['least frequent answer in the content', nameAccuracy(leastFrequentPlayer(keyCounts), names)],
		['learnt from other rounds (set, then technique)', nameAccuracy(learnedPlayer(training), names)]
	];
	const bestName = Math.max(...namePlayers.map(([, a]) => a));
	console.log(
		`  name questions             ${names.length}; chance ${NAME_CHANCE.toFixed(2)}, line ${NAME_LINE.toFixed(2)}: best ${bestName.toFixed(2)} (${within(bestName, NAME_LINE)})`
	);
	for (const [n, a] of namePlayers) console.log(`    ${a.toFixed(2)}  ${n}`);
	console.log(
		`    always X when offered, each X on these rounds: ${always.map((a) => `${a.t} ${a.right.toFixed(2)}`).join(', ')}`
	);
	console.log(
		`    answers: ${[...keyed.entries()]
			.sort((a, b) => b[1] - a[1])
			.map(([t, n]) => `${t} ${pct(n / names.length)}`)
			.join(', ')}`
	);

	// Find the phrase.
	const players = Object.entries(findPlayers()).map(([n, player]) => {
		const credits = finds.map((q, turn) => {
			if (q.kind !== 'find') return 0;
			const range = player(q.excerpt.tokens, turn);
			return range ? spanCredit(range, q.targets, q.excerpt.tokens) : 0;
		});
		return { n, credit: mean(credits), full: mean(credits.map((c) => (c >= 1 ? 1 : 0))) };
	});
	players.sort((a, b) => b.credit - a.credit);
	const bestFind = players[0]?.credit ?? NaN;
	const overSelection = finds.flatMap((q) =>
		q.kind === 'find' ? [findOverSelectionCredit(q)] : []
	);
	const whole = overSelection.map((c) => c.whole);
	const most = overSelection.map((c) => c.threeQuarters);
	console.log(
		`  find questions             ${finds.length}; line ${FIND_LINE.toFixed(2)} mean credit: best positional ${bestFind.toFixed(2)} (${within(bestFind, FIND_LINE)})`
	);
	const listed = listItems(
		content,
		{ ...defaultRoundConfig(), includeUnreviewed: true },
		'bench-items-pool'
	).filter((q) => q.kind === 'find').length;
	console.log(
		`    find items served: ${new Set(finds.map((q) => q.itemKey)).size} distinct of ${listed} listed`
	);
	for (const p of players.slice(0, 6)) {
		console.log(`    ${p.credit.toFixed(2)}  ${p.n} (full credit ${pct(p.full)})`);
	}
	console.log(
		`    the rest: ${players
			.slice(6)
			.map((p) => `${p.n} ${p.credit.toFixed(2)}`)
			.join(', ')}`
	);
	console.log(
		`    whole excerpt selected: mean credit ${mean(whole).toFixed(2)}; first 3/4: ${mean(most).toFixed(2)}`
	);
	// A reader who found the phrase: full credit give or take a word, partial for half of it.
	const readers = new Map<string, number[]>();
	for (const q of finds) {
		if (q.kind !== 'find') continue;
		for (const [n, range] of Object.entries(readerSelections(q.excerpt.tokens, q.targets[0]))) {
			if (!range) continue;
			const list = readers.get(n) ?? [];
			list.push(spanCredit(range, q.targets, q.excerpt.tokens));
			readers.set(n, list);
		}
	}
	const fullReaders: readonly string[] = FULL_CREDIT_READERS;
	for (const [n, credits] of readers) {
		const full = mean(credits.map((c) => (c >= 1 ? 1 : 0)));
		const partial = mean(credits.map((c) => (c > 0 && c < 1 ? 1 : 0)));
		const due = fullReaders.includes(n) ? full === 1 : partial > 0;
		console.log(
			`    reader, ${n}: mean credit ${mean(credits).toFixed(2)}, full ${pct(full)}, partial ${pct(partial)} of ${credits.length}${due ? '' : ' (NOT AS DUE)'}`
		);
	}

	// Loaded or straight.
	const loadedShare = judge.filter((j) => j.loaded).length / Math.max(1, judge.length);
	const cues = cueStrategies(judge).sort((a, b) => b[1] - a[1]);
	const single = cues.filter(([n]) => !n.includes(' + '));
	const bestJudge = cues[0]?.[1] ?? NaN;
	console.log(
		`  judge questions            ${judge.length}, loaded ${pct(loadedShare)}; line ${JUDGE_LINE.toFixed(2)}: best cue or pair ${bestJudge.toFixed(2)} (${cues[0]?.[0]}, ${within(bestJudge, JUDGE_LINE)})`
	);
	console.log(`    single cues: ${single.map(([n, a]) => `${n} ${pct(a)}`).join(', ')}`);
	console.log(
		`    best pairs: ${cues
			.filter(([n]) => n.includes(' + '))
			.slice(0, 4)
			.map(([n, a]) => `${n} ${pct(a)}`)
			.join(', ')}`
	);

	console.log(
		`  answers without explanation ${unexplained} of ${answers} (${pct(unexplained / answers)})`
	);
	console.log(
		`  excerpt words              min ${lengths[0]}, p10 ${percentile(lengths, 10)}, median ${percentile(lengths, 50)}, max ${lengths[lengths.length - 1]}; under 8: ${lengths.filter((n) => n < 8).length} of ${questions}`
	);
	console.log(`  most asks of one technique in a round: ${maxTechnique}`);
	// Excerpts that read as a whole (issue 21): the share of served excerpts breaking each rule.
	for (const line of formatExcerptRuleCounts(excerptRuleCounts(served, content))) {
		console.log(`  ${line}`);
	}
}

/** The source a player could see: the collection (pack or corpus folder) of the article. */
function sourceOf(a: ContentArticle): string {
	return a.collection ?? (/^\d+$/.test(a.id) ? 'ptc' : a.id.split('-')[0]);
}

console.log(`Item validity: ${rounds} random rounds of 10 per case (Node ${process.version})`);
withBenchDatabase('items', (db) => {
	const bundled = loadRoundContent(db);
	measure('Bundled content', bundled);
	if (corpusPaths.every((p) => existsSync(p))) {
		importContent(db, corpusPaths);
		const bundledIds = new Set(bundled.map((a) => a.id));
		measure(
			`Corpus ${corpusPaths.join(' + ')}`,
			loadRoundContent(db).filter((a) => !bundledIds.has(a.id))
		);
	} else {
		console.log(
			`\nCorpus not found at ${corpusPaths.join(', ')} (give paths, or set PTC_DIR): skipped.`
		);
	}
});
