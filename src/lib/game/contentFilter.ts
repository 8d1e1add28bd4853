/**
 * Keeps slurs, obscenities and other sensitive text out of student rounds. Real corpora (the PTC among them) carry
 * hate speech; a classroom tool must not put it in front of students without a teacher choosing
 * it. The word list is the maintained English dataset of the `obscenity` package (slurs and
 * obscenities, with the variants people type to get past filters: leetspeak, repeated letters,
 * look-alike characters), not a list of our own. A word list cannot see a hateful claim made in
 * polite words; it catches the words that should never reach a class unannounced. The rule in
 * sensitiveContent.ts adds hostility toward a protected group, graphic violence, sexual violence
 * and self-harm; `isFlagged` holds back what either finds.
 */
import {
	RegExpMatcher,
	englishDataset,
	englishRecommendedTransformers,
	type MatchPayload
} from 'obscenity';
import naughtyWords from 'naughty-words';
import { screenSensitive, type SensitiveFinding } from './sensitiveContent';

/** Why a flagged excerpt is held back, as the import summary and documentation say it. */
export const HELD_BACK_REASON =
	'contains a slur or obscenity on the English word list of the obscenity package, or words of hostility toward a protected group, graphic violence, sexual violence or self-harm (a word rule; see BENCHMARKS.md for what it misses)';

let matcher: RegExpMatcher | null = null;

function getMatcher(): RegExpMatcher {
	matcher ??= new RegExpMatcher({
		...englishDataset.build(),
		...englishRecommendedTransformers
	});
	return matcher;
}

/** True when `text` holds a word on the list (slur or obscenity), in any common disguise. */
export function hasListedWord(text: string): boolean {
	return getMatcher().hasMatch(text);
}

/**
 * True when `text` should be held back from students: a slur or obscenity on the list, or a
 * finding of the sensitive-content rule (see sensitiveFindings).
 */
export function isFlagged(text: string): boolean {
	return hasListedWord(text) || screenSensitive(text).length > 0;
}

/**
 * Why `text` would be held back: the listed slurs or obscenities found, then the rule's findings
 * (hostility, graphic violence, sexual violence, self-harm), each with its words, so a reviewing
 * teacher sees the reason. Empty when nothing is found.
 */
export function sensitiveFindings(text: string): SensitiveFinding[] {
	const listed = flaggedWords(text);
	const rest = screenSensitive(text);
	return listed.length > 0 ? [{ category: 'slur-or-obscenity', words: listed }, ...rest] : rest;
}

let ldnoobw: RegExp | null = null;

/**
 * Words of the English LDNOOBW list (the `naughty-words` package) found in `text`, as whole
 * words. Measured beside the screen in `npm run bench:sensitive`; not part of isFlagged, because
 * in news text it mostly finds words such as "sexual" and "sex" (see BENCHMARKS.md).
 */
export function ldnoobwWords(text: string): string[] {
	ldnoobw ??= new RegExp(
		`(?<![\\p{L}\\p{N}])(?:${naughtyWords.en
			.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
			.join('|')})(?![\\p{L}\\p{N}])`,
		'giu'
	);
	return [...new Set([...text.matchAll(ldnoobw)].map((m) => m[0].toLowerCase()))];
}

/** The listed words found in `text` (their base forms), for reports and tests. */
export function flaggedWords(text: string): string[] {
	const found = getMatcher()
		.getAllMatches(text, true)
		.map(
			(m: MatchPayload) =>
				englishDataset.getPayloadWithPhraseMetadata(m).phraseMetadata?.originalWord ?? '?'
		);
	return [...new Set(found)];
}

const sentences = new Intl.Segmenter('en', { granularity: 'sentence' });

/**
 * Number of sentences of `body` holding a listed word: none of them reaches a student round
 * (every excerpt holding one is held back), so an import reports this count.
 */
export function countFlaggedSentences(body: string): number {
	if (!isFlagged(body)) return 0;
	let n = 0;
	for (const line of body.split('\n')) {
		if (!isFlagged(line)) continue;
		for (const s of sentences.segment(line)) if (isFlagged(s.segment)) n++;
	}
	return n;
}
