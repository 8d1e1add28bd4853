/**
 * Keeps slurs and obscenities out of student rounds. Real corpora (the PTC among them) carry
 * hate speech; a classroom tool must not put it in front of students without a teacher choosing
 * it. The word list is the maintained English dataset of the `obscenity` package (slurs and
 * obscenities, with the variants people type to get past filters: leetspeak, repeated letters,
 * look-alike characters), not a list of our own. A word list cannot see a hateful claim made in
 * polite words; it catches the words that should never reach a class unannounced.
 */
import {
	RegExpMatcher,
	englishDataset,
	englishRecommendedTransformers,
	type MatchPayload
} from 'obscenity';

/** Why a flagged excerpt is held back, as the import summary and documentation say it. */
export const HELD_BACK_REASON =
	'contains a slur or obscenity on the English word list of the obscenity package';

let matcher: RegExpMatcher | null = null;

function getMatcher(): RegExpMatcher {
	matcher ??= new RegExpMatcher({
		...englishDataset.build(),
		...englishRecommendedTransformers
	});
	return matcher;
}

/** True when `text` holds a word on the list (slur or obscenity), in any common disguise. */
export function isFlagged(text: string): boolean {
	return getMatcher().hasMatch(text);
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
