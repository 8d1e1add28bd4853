/**
 * What a player sees after answering: the right answer, every labelled span with its technique
 * and explanation, and a line contrasting a wrong technique with the right one.
 */
import { FAMILIES, technique, type TechniqueId } from './techniques';
import type { Question, Reveal, RevealAnswer, RevealSpan } from './types';

/** The words of a span as an explanation quotes them: whole when short, trimmed when long. */
function quoteWords(text: string): string {
	const words = text.trim().split(/\s+/u);
	const shown = words.length > 14 ? `${words.slice(0, 10).join(' ')} …` : words.join(' ');
	return `“${shown}”`;
}

/**
 * An explanation for a span that has none from an editor or teacher (imported corpora): the
 * annotators' label stated as their reading, what the words would do if the label fits, then the
 * technique's tip. Corpus labels are often disputed, so it never says as a fact what the words
 * are; screens show it as generated from the annotators' label and checked by nobody.
 */
export function generatedExplanation(techniqueId: TechniqueId, text: string): string {
	const t = technique(techniqueId);
	return (
		`${quoteWords(text)} is marked by the annotators as ${lowerFirst(t.name)}. ` +
		`If that label fits, the phrase ${DOES[techniqueId]}. How to spot it: ${lowerFirst(t.tip)}`
	);
}

/** The answer key and every labelled span of `q`, for feedback after answering. */
export function revealQuestion(q: Question): Reveal {
	let answer: RevealAnswer;
	switch (q.kind) {
		case 'name':
			answer = { kind: 'name', techniqueId: q.answer, highlight: [q.highlight[0], q.highlight[1]] };
			break;
		case 'find':
			answer = {
				kind: 'find',
				techniqueId: q.techniqueId,
				targets: q.targets.map((t) => [t[0], t[1]])
			};
			break;
		case 'judge':
			answer = { kind: 'judge', loaded: q.loaded };
			break;
	}
	const spans = q.spans
		.map((s): RevealSpan => {
			const t = technique(s.techniqueId);
			const written = s.explanation !== null && s.explanation.trim() !== '';
			return {
				techniqueId: s.techniqueId,
				range: [s.range[0], s.range[1]],
				text: s.text,
				explanation: written ? s.explanation : generatedExplanation(s.techniqueId, s.text),
				explanationBy: written ? (s.explanationBy ?? 'editor') : 'slant',
				techniqueName: t.name,
				family: t.family,
				definition: t.definition
			};
		})
		.sort((a, b) => a.range[0] - b.range[0] || a.range[1] - b.range[1]);
	const note =
		q.kind === 'judge' && !q.loaded
			? (q.note ??
				'No technique here: these sentences were checked and carry none. They let you judge the facts for yourself.')
			: null;
	return { itemKey: q.itemKey, kind: q.kind, excerpt: q.excerpt, answer, spans, note };
}

function lowerFirst(text: string): string {
	return text.charAt(0).toLowerCase() + text.slice(1);
}

/** What the words do, for the right technique in a contrast line (third person). */
const DOES: Readonly<Record<TechniqueId, string>> = {
	'loaded-language': 'gets its push from emotionally charged wording',
	'name-calling': 'sticks a label on people',
	repetition: 'says the same thing again so that it sticks',
	exaggeration: 'stretches or shrinks how big something is',
	doubt: 'makes you suspect a person or source',
	fear: 'tries to scare you, or plays on dislike of a group',
	'flag-waving': 'leans on pride in a nation or group',
	'causal-oversimplification': 'blames one cause for a complicated result',
	slogans: 'packs a message into a short, catchy line',
	authority: 'leans on who said it',
	'black-and-white': 'leaves you only two options',
	'thought-terminating': 'ends the discussion with a stock phrase',
	whataboutism: 'points somewhere else instead of answering',
	bandwagon: 'says everyone agrees, or ties the other side to a hated figure'
};

/** What the wrongly chosen technique would need to see in the words. */
const NEEDS: Readonly<Record<TechniqueId, string>> = {
	'loaded-language': 'words picked mainly for their emotional charge',
	'name-calling': 'a label aimed at a person or group',
	repetition: 'the same words coming back again and again',
	exaggeration: 'a claim stretched bigger or shrunk smaller than the facts',
	doubt: 'a hint that a person or source cannot be trusted',
	fear: 'a frightening picture of what will happen, or dislike of a group',
	'flag-waving': 'an appeal to national or group pride',
	'causal-oversimplification': 'one cause blamed for a result with many causes',
	slogans: 'a short, catchy line made to be chanted or repeated',
	authority: 'a famous name or expert given as the reason to agree',
	'black-and-white': 'a choice squeezed down to two options',
	'thought-terminating': 'a stock phrase that stops the discussion',
	whataboutism: "a turn to someone else's faults or to another subject",
	bandwagon: 'the claim that everyone agrees, or a link to a hated figure'
};

/**
 * Distinctions for the pairs players mix up most, keyed `right|chosen`, in our own words.
 * `W` is replaced by the quoted words.
 */
const PAIRS: Readonly<Partial<Record<`${TechniqueId}|${TechniqueId}`, string>>> = {
	'loaded-language|exaggeration':
		'W colours the facts with feeling but does not make anything bigger or smaller than it is, so it is loaded language, not exaggeration.',
	'exaggeration|loaded-language':
		'W changes the size of something: the push comes from making it sound bigger or smaller than it is, not only from emotional words, so it is exaggeration.',
	'loaded-language|name-calling':
		'W charges the description with feeling, but it is not a label pinned on a person or group, so it is loaded language rather than name calling.',
	'name-calling|loaded-language':
		'W works as a label for people: it tells you what to think of them instead of describing what they did. That makes it name calling, not just strong wording.',
	'loaded-language|fear':
		'W is charged wording, but it does not warn of a danger to win your support, so it is loaded language rather than an appeal to fear.',
	'fear|loaded-language':
		'W goes further than strong wording: it paints a threat, or a group as a threat, to make you back the claim. That is an appeal to fear or prejudice.',
	'fear|exaggeration':
		'W is there to make you afraid of what comes next; even if it overstates, its job is the fear, so it is an appeal to fear rather than exaggeration.',
	'exaggeration|fear':
		'W inflates or shrinks how big something is, but it does not use a danger to win you over, so it is exaggeration rather than an appeal to fear.',
	'name-calling|doubt':
		'W pins a label on someone. Casting doubt would question whether they can be trusted or know what they are doing, without needing a label.',
	'doubt|name-calling':
		'W makes you wonder whether someone can be trusted, without pinning a name on them, so it is casting doubt rather than name calling.',
	'slogans|thought-terminating':
		'W is a catchy line meant to rally people behind a cause. A thought-ending cliché would be a stock phrase that simply stops the discussion.',
	'thought-terminating|slogans':
		'W shuts the discussion down rather than rallying people behind a cause, so it is a thought-ending cliché, not a slogan.',
	'flag-waving|slogans':
		'W draws on pride in the nation or group to win agreement. A slogan would be a short catchy line, whatever it appealed to.',
	'slogans|flag-waving':
		'W is a short line made to be chanted and remembered; flag-waving would need pride in a nation or group to carry the argument.',
	'causal-oversimplification|black-and-white':
		'W blames a complicated result on one cause. A false dilemma would instead leave you only two options to choose from.',
	'black-and-white|causal-oversimplification':
		'W leaves you only two options. Causal oversimplification would instead pin a result on a single cause.',
	'authority|bandwagon':
		'W leans on one source’s standing (an expert, a leader, an official body). Bandwagon would lean on how many people agree.',
	'bandwagon|authority':
		'W leans on the crowd, or on a hated figure, not on one trusted source, so it is bandwagon or guilt by association rather than an appeal to authority.',
	'whataboutism|doubt':
		'W changes the subject to someone else’s faults or a side issue. Casting doubt would attack the trustworthiness of whoever made the point.',
	'doubt|whataboutism':
		'W undermines trust in someone but does not switch to another subject or another side’s faults, so it is casting doubt, not whataboutism.',
	'repetition|slogans':
		'What matters in W is that it comes back again and again in the text. A slogan is a catchy line; it is only repetition once it is repeated.',
	'slogans|repetition':
		'W is a catchy line. Repetition would need the same words to come back several times in the passage.',
	'flag-waving|fear':
		'W appeals to pride in who "we" are rather than to fear of what will happen, so it is flag-waving.',
	'fear|flag-waving':
		'W works by fear of what will happen, or of a group, not by pride in the nation, so it is an appeal to fear or prejudice.'
};

/**
 * One or two sentences on why these words fit the right technique and not the chosen one, in
 * terms a 14-year-old follows: a hand-written distinction for the pairs players confuse most,
 * otherwise what the words do and what the chosen technique would have needed. `words` are the
 * highlighted words; without them the line says "These words". Same technique: a short
 * confirmation.
 */
export function contrastLine(chosen: TechniqueId, correct: TechniqueId, words?: string): string {
	const right = technique(correct);
	const w = words && words.trim() !== '' ? quoteWords(words) : 'These words';
	if (chosen === correct) {
		return `Right: ${w} ${DOES[correct]}, which is ${lowerFirst(right.name)}.`;
	}
	const pair = PAIRS[`${correct}|${chosen}`];
	if (pair) return pair.replace('W', w);
	const wrong = technique(chosen);
	const fits = `${w} ${DOES[correct]}, so it is ${lowerFirst(right.name)}.`;
	const needs = `would need ${NEEDS[chosen]}, and that is not what these words do.`;
	if (right.family === wrong.family) {
		const family = FAMILIES.find((f) => f.id === right.family)?.name ?? right.family;
		return `${fits} Both are ${lowerFirst(family)} techniques, but ${lowerFirst(wrong.name)} ${needs}`;
	}
	return `${fits} ${wrong.name} ${needs}`;
}
