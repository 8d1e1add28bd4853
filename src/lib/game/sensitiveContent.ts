/**
 * A rule, not a classifier: flags text a teacher should read before it reaches a class. Besides
 * the slur and obscenity lists (contentFilter.ts), it looks for
 *
 * - hostility toward a protected group: a group term (religion, ethnicity, nationality or
 *   migration, gender, sexuality, disability; see GROUP_TERMS) and a hostile word (dehumanising
 *   nouns such as vermin or invaders, hostile verbs such as despise, phrases such as "deserve to
 *   die"; see HOSTILE_TERMS) in the same sentence;
 * - graphic violence: acts that are graphic by themselves (beheading, dismembering, burning
 *   alive), or killing with bodily detail (blood, corpses, severed limbs) in the same sentence;
 * - sexual violence: rape, sexual assault or abuse, molesting, paedophilia, sexual predation;
 * - self-harm: suicide and self-harm, except suicide bombings and figures of speech.
 *
 * It sees words, not meaning: a hateful claim in polite words passes, and a sentence that reports
 * or condemns hostility is flagged like one that voices it. BENCHMARKS.md gives its precision
 * and recall on a hand-labelled sample of the PTC train set and what it misses.
 */

/** Why a text is held back, in the order a report lists them. */
export type SensitiveCategory =
	'slur-or-obscenity' | 'hostility' | 'graphic-violence' | 'sexual-violence' | 'self-harm';

/** One reason to hold a text back: its category and the words that matched. */
export interface SensitiveFinding {
	category: SensitiveCategory;
	words: string[];
}

/** How each category reads in a reviewing teacher's list. */
export const CATEGORY_LABELS: Readonly<Record<SensitiveCategory, string>> = {
	'slur-or-obscenity': 'slur or obscenity',
	hostility: 'hostility toward a protected group',
	'graphic-violence': 'graphic violence',
	'sexual-violence': 'sexual violence',
	'self-harm': 'self-harm or suicide'
};

const words = (list: string) => list.trim().split(/\s*\|\s*/);
const pattern = (alternatives: string[]) =>
	new RegExp(`(?<![\\p{L}\\p{N}])(?:${alternatives.join('|')})(?![\\p{L}\\p{N}])`, 'giu');

/**
 * Nouns and adjectives naming a protected group, by kind (regular-expression fragments, matched
 * as whole words, case-insensitive). Compact on purpose: the groups hate speech in English news
 * most often targets, not every nation or faith.
 */
export const GROUP_TERMS: Readonly<Record<string, string[]>> = {
	religion: words(`
		muslims? | moslems? | islam | islamic | jews? | jewish | judaism | christians? | christianity |
		catholics? | hindus? | sikhs? | buddhists? | mormons? | atheists? | infidels? | unbelievers |
		antichrists?`),
	ethnicity: words(`
		blacks | black (?:people|men|women|skin) | whites | white (?:people|men|women) | arabs? |
		africans? | asians? | hispanics? | latinos? | latinas? | roma | gypsies | negro(?:es)?`),
	'nationality or migration': words(`
		mexicans? | chinese | pakistanis? | somalis? | syrians? | afghans? | iranians? |
		palestinians? | israelis? | immigrants? | migrants? | refugees? | (?:illegal )?aliens |
		asylum seekers`),
	gender: words(
		`women | woman | girls | females | feminists? | transgenders? | trans (?:people|women|men)`
	),
	sexuality: words(`
		gays? | lesbians? | homosexuals? | homosexuality | homosexualist | bisexuals? | queers? |
		lgbt\\w* | sodomites? | lavender mafia`),
	disability: words(`disabled | cripples? | autistic | retard(?:s|ed)? | mentally ill`)
};

/** Dehumanising or hostile words and phrases (whole words, case-insensitive). */
export const HOSTILE_TERMS: string[] = words(`
	despis\\w* | hate | hates | hated | hatred of | loath\\w* | disgust\\w* | vermin | apes |
	swine | pigs? | monkeys? | dogs | rats | cockroach\\w* | parasit\\w* | leech\\w* | filth\\w* |
	dirty | scum | savages? | barbari\\w* | subhuman\\w* | animals | beasts | devils? | cursed |
	inferior | invasion | invaders? | infest\\w* | flood of | hordes? | breed\\w* | plague |
	cancer | disease | deserve to die | must die | should die | get rid of | wipe out |
	exterminat\\w* | kill (?:all|them|every) | gas the | go back to | kick (?:them|all) out |
	get out of | predators? | pederast\\w* | perverted | perverts? | uppity | grandson of`);

const GRAPHIC_ALONE = pattern(
	words(`
	behead\\w* | decapitat\\w* | dismember\\w* | disembowel\\w* | mutilat\\w* | eviscerat\\w* |
	burn(?:ed|t|ing) (?:alive|to death) | slit (?:his|her|their) throats? | gouged? | severed heads? |
	flay\\w* | crucifi(?:ed|xion)s? | skinned alive`)
);
const KILLING = pattern(
	words(`massacr\\w* | slaughter\\w* | butcher\\w* | kill\\w* | murder\\w* | shot | stabb\\w* |
	tortur\\w* | lynch\\w* | execut\\w*`)
);
const BODILY = pattern(
	words(`blood\\w* | corpses? | bodies | body parts | limbs? | entrails | skulls? | brains |
	guts | organs | severed | torn apart | ripped | decomposing | charred`)
);
const SEXUAL_VIOLENCE = pattern(
	words(`rap(?:e|es|ed|ing|ists?) | gang-rap\\w* | sexual(?:ly)? (?:assault\\w*|abus\\w*|predat\\w*|attacks?|violence|slav\\w*) |
	sex(?:ual)? (?:attacks?|slaves?|slavery|trafficking) | molest\\w* | p(?:a)?edophil\\w* | pederast\\w* |
	child (?:sex|porn\\w*) | sodomi[sz]\\w* | violated | grooming gangs?`)
);
const SELF_HARM = pattern(
	words(`suicid\\w* | self-harm\\w* | kill(?:ed|ing|s)? (?:himself|herself|themselves|myself|yourself) |
	took (?:his|her|their) own li(?:fe|ves) | cut(?:ting)? (?:himself|herself|themselves) | overdos\\w*`)
);
/** Suicide that is not self-harm: attacks and figures of speech. */
const NOT_SELF_HARM = pattern(
	words(`suicide (?:bomb\\w*|attack\\w*|vests?|missions?|squads?|drones?) | political suicide |
	(?:economic|electoral|cultural|civilizational|national) suicide`)
);
const GROUPS = pattern(Object.values(GROUP_TERMS).flat());
const HOSTILE = pattern(HOSTILE_TERMS);

const sentenceSegmenter = new Intl.Segmenter('en', { granularity: 'sentence' });

function matches(re: RegExp, text: string): string[] {
	return [...text.matchAll(re)].map((m) => m[0].toLowerCase());
}

/** Sentences of `text`: line breaks end sentences. */
function sentencesIn(text: string): string[] {
	const out: string[] = [];
	for (const line of text.split('\n')) {
		for (const s of sentenceSegmenter.segment(line)) if (s.segment.trim()) out.push(s.segment);
	}
	return out;
}

function findingsOfSentence(sentence: string, found: Map<SensitiveCategory, Set<string>>): void {
	const add = (category: SensitiveCategory, list: string[]) => {
		if (list.length === 0) return;
		const set = found.get(category) ?? new Set<string>();
		for (const w of list) set.add(w);
		found.set(category, set);
	};
	const groups = matches(GROUPS, sentence);
	if (groups.length > 0) {
		// A group term is not a hostile word about itself ("predators" is hostile, not a group).
		const hostile = matches(HOSTILE, sentence).filter((w) => !groups.includes(w));
		if (hostile.length > 0) add('hostility', [...groups, ...hostile]);
	}
	add('graphic-violence', matches(GRAPHIC_ALONE, sentence));
	const bodily = matches(BODILY, sentence);
	if (bodily.length > 0) {
		const killing = matches(KILLING, sentence);
		if (killing.length > 0) add('graphic-violence', [...killing, ...bodily]);
	}
	add('sexual-violence', matches(SEXUAL_VIOLENCE, sentence));
	const exempt = matches(NOT_SELF_HARM, sentence).join(' ');
	add(
		'self-harm',
		matches(SELF_HARM, sentence).filter((w) => !exempt.includes(w))
	);
}

const ORDER: readonly SensitiveCategory[] = [
	'slur-or-obscenity',
	'hostility',
	'graphic-violence',
	'sexual-violence',
	'self-harm'
];

/**
 * The rule's findings for `text` (hostility, graphic violence, sexual violence, self-harm), each
 * with the words that matched, in a fixed category order; empty when nothing matched. The slur
 * and obscenity lists are checked by `sensitiveFindings` in contentFilter.ts, which adds them.
 */
export function screenSensitive(text: string): SensitiveFinding[] {
	const found = new Map<SensitiveCategory, Set<string>>();
	for (const sentence of sentencesIn(text)) findingsOfSentence(sentence, found);
	return ORDER.filter((c) => found.has(c)).map((category) => ({
		category,
		words: [...(found.get(category) as Set<string>)]
	}));
}

/** The findings as one line a reviewing teacher reads, e.g. `hostility toward a protected group ("muslim", "invaders")`. */
export function describeFindings(findings: readonly SensitiveFinding[]): string {
	return findings
		.map(
			(f) => `${CATEGORY_LABELS[f.category]} (${f.words.map((w) => JSON.stringify(w)).join(', ')})`
		)
		.join('; ');
}
