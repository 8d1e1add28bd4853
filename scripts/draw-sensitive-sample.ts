/**
 * npx tsx scripts/draw-sensitive-sample.ts > sample.tsv
 *
 * Draws the sentences of scripts/data/sensitive-sample.tsv from the PTC train set with a fixed
 * seed, before anyone labels them: 90 at random, 90 among sentences naming a group of people
 * (religion, ethnicity, nationality, gender, sexuality, disability, migration) and 40 among
 * sentences with a word about harm (killing, blood, rape, abuse, suicide, attack). The group and
 * harm lists here are broader than the screen's, so the enrichment does not simply pick what the
 * screen matches; and, drawn last, 60 among sentences naming a group that PTC annotators marked
 * as name calling, loaded language or appeal to fear (an enrichment by a judgement made
 * independently of the screen's word lists, to find enough hostile sentences to measure recall). Prints article id, start, end (code points) and stratum; the labels are added
 * by hand. With --text, also prints each sentence (for labelling; never commit that).
 */
import { createRng } from '../src/lib/game/random';
import { readTrainLabels, readTrainArticles, sentencesOf, type PtcSentence } from './ptcSentences';

const GROUPS =
	/\b(muslims?|islam\w*|jews?|jewish|judaism|christians?|christianity|catholics?|hindus?|sikhs?|arabs?|africans?|blacks?|whites?|hispanics?|latinos?|mexicans?|asians?|chinese|immigrants?|migrants?|refugees?|women|woman|girls?|feminists?|gays?|lesbians?|homosexual\w*|transgender|lgbt\w*|disabled|israelis?|palestinians?|iranians?|russians?|europeans?|somalis?|pakistanis?|indians?|negro\w*)\b/i;
const HARM =
	/\b(kill\w*|murder\w*|dead|death|blood\w*|bod(?:y|ies)|rap(?:e|ed|es|ing|ist|ists)|sexual\w*|abus\w*|suicid\w*|attack\w*|shot|stabb\w*|tortur\w*|massacr\w*|behead\w*)\b/i;

const words = (s: PtcSentence) => s.text.split(/\s+/).length;
const all = [...readTrainArticles()].flatMap(([id, body]) => sentencesOf(id, body));
const pool = all.filter((s) => words(s) >= 6);
const rng = createRng('sensitive-sample-2026');
const taken = new Set<PtcSentence>();
const draw = (from: PtcSentence[], n: number, stratum: string) => {
	const open = rng.shuffle(from.filter((s) => !taken.has(s)));
	return open.slice(0, n).map((s) => {
		taken.add(s);
		return { s, stratum };
	});
};
const CHARGED = new Set(['Name_Calling,Labeling', 'Loaded_Language', 'Appeal_to_fear-prejudice']);
const labels = readTrainLabels().filter((l) => CHARGED.has(l.technique));
const charged = (s: PtcSentence) =>
	labels.some((l) => l.articleId === s.articleId && l.start < s.end && s.start < l.end);
const rows = [
	...draw(pool, 90, 'random'),
	...draw(
		pool.filter((s) => GROUPS.test(s.text)),
		90,
		'group'
	),
	...draw(
		pool.filter((s) => HARM.test(s.text)),
		40,
		'harm'
	),
	...draw(
		pool.filter((s) => GROUPS.test(s.text) && charged(s)),
		60,
		'group-charged'
	)
];
const withText = process.argv.includes('--text');
for (const { s, stratum } of rows) {
	const cols = [s.articleId, s.start, s.end, stratum];
	if (withText) cols.push(s.text);
	console.log(cols.join('\t'));
}
console.error(
	`${all.length} sentences, ${pool.length} of 6+ words, ${pool.filter((s) => GROUPS.test(s.text)).length} naming a group, ${pool.filter((s) => HARM.test(s.text)).length} about harm`
);
