/**
 * npm run bench:sensitive [-- --list]
 *
 * Precision and recall of the sensitive-content screen on the hand-labelled sample
 * scripts/data/sensitive-sample.tsv (PTC train sentences, by article id and code-point offsets;
 * the text is read from PTC_DIR, default ../shared/data/ptc). Compares the old word-list filter
 * alone (obscenity), the LDNOOBW list (naughty-words) alone, the new rule alone, and the
 * combinations; lists what the screen misses by category, and with --list also its false alarms
 * (sentences are printed to the terminal only, never written to the repository). Also counts how
 * many of the train set's sentences each screen would hold back. Figures only; BENCHMARKS.md
 * keeps them.
 */
import { readFileSync } from 'node:fs';
import { hasListedWord, isFlagged, ldnoobwWords } from '../src/lib/game/contentFilter';
import { describeFindings, screenSensitive } from '../src/lib/game/sensitiveContent';
import { CodePointIndex } from '../src/lib/game/text';
import { PTC_ROOT, readTrainArticles, sentencesOf } from './ptcSentences';

interface Row {
	text: string;
	stratum: string;
	hold: boolean;
	category: string;
}

const articles = readTrainArticles();
if (articles.size === 0) {
	console.log(`PTC train set not found at ${PTC_ROOT} (set PTC_DIR): nothing to measure.`);
	process.exit(0);
}
const indexes = new Map<string, CodePointIndex>();
const rows: Row[] = readFileSync(new URL('./data/sensitive-sample.tsv', import.meta.url), 'utf8')
	.split('\n')
	.filter((line) => line !== '' && !line.startsWith('#') && !line.startsWith('article\t'))
	.map((line) => {
		const [id, start, end, stratum, label, category] = line.split('\t');
		let cpi = indexes.get(id);
		if (!cpi) indexes.set(id, (cpi = new CodePointIndex(articles.get(id) as string)));
		return { text: cpi.slice(+start, +end), stratum, hold: label === 'hold', category };
	});

const screens: [string, (text: string) => boolean][] = [
	['old word list (obscenity)', hasListedWord],
	['LDNOOBW list (naughty-words)', (t) => ldnoobwWords(t).length > 0],
	['new rule alone', (t) => screenSensitive(t).length > 0],
	['screen (word list + rule)', isFlagged],
	['screen + LDNOOBW', (t) => isFlagged(t) || ldnoobwWords(t).length > 0]
];

const pct = (n: number, d: number) => (d === 0 ? '-' : `${((100 * n) / d).toFixed(0)}%`);
const holds = rows.filter((r) => r.hold).length;
const strata = [...new Set(rows.map((r) => r.stratum))];
console.log(
	`Sample: ${rows.length} sentences (${strata.map((s) => `${rows.filter((r) => r.stratum === s).length} ${s}`).join(', ')}), ${holds} labelled hold.\n`
);
console.log('| Screen | flagged | precision | recall | hold found / missed | false alarms |');
console.log('| :-- | --: | --: | --: | --: | --: |');
for (const [name, flag] of screens) {
	const flagged = rows.filter((r) => flag(r.text));
	const tp = flagged.filter((r) => r.hold).length;
	console.log(
		`| ${name} | ${flagged.length} | ${pct(tp, flagged.length)} (${tp}/${flagged.length}) | ${pct(tp, holds)} (${tp}/${holds}) | ${tp} / ${holds - tp} | ${flagged.length - tp} |`
	);
}

console.log('\nRecall of the screen (word list + rule) by labelled category:');
for (const category of [...new Set(rows.filter((r) => r.hold).map((r) => r.category))]) {
	const of = rows.filter((r) => r.hold && r.category === category);
	const found = of.filter((r) => isFlagged(r.text)).length;
	console.log(`  ${category}: ${found} of ${of.length}`);
}
console.log('\nRecall and false alarms of the screen by stratum:');
for (const s of strata) {
	const of = rows.filter((r) => r.stratum === s);
	const h = of.filter((r) => r.hold);
	const found = h.filter((r) => isFlagged(r.text)).length;
	const alarms = of.filter((r) => !r.hold && isFlagged(r.text)).length;
	console.log(
		`  ${s}: ${found} of ${h.length} holds found, ${alarms} false alarms in ${of.length - h.length} ok sentences`
	);
}

const show = (r: Row) =>
	`  [${r.category}] ${r.text.length > 160 ? `${r.text.slice(0, 157)}...` : r.text}`;
console.log('\nMissed by the screen:');
for (const r of rows.filter((r) => r.hold && !isFlagged(r.text))) console.log(show(r));
if (process.argv.includes('--list')) {
	console.log('\nFalse alarms of the screen (why):');
	for (const r of rows.filter((r) => !r.hold && isFlagged(r.text))) {
		const why = describeFindings(screenSensitive(r.text)) || 'word list';
		console.log(`${show(r)}\n      ${why}`);
	}
	console.log('\nLDNOOBW words in the sample:');
	for (const r of rows) {
		const w = ldnoobwWords(r.text);
		if (w.length > 0) console.log(`  ${r.hold ? 'hold' : 'ok  '} ${w.join(', ')}`);
	}
}

const all = [...articles].flatMap(([id, body]) => sentencesOf(id, body));
console.log(`\nTrain set: ${all.length} sentences; held back by each screen:`);
for (const [name, flag] of screens) {
	const n = all.filter((s) => flag(s.text)).length;
	console.log(`  ${name}: ${n} (${((100 * n) / all.length).toFixed(1)}%)`);
}
