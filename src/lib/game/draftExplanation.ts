/**
 * A draft explanation for a label a teacher just made, from its technique and its words, for
 * the teacher to edit: the saved text is theirs. Unlike the template shown for imported corpora
 * (feedback.ts), a draft states the label as the labeller's reading ("is marked as"), not as a
 * fact about the words, because a wrong label with a confident explanation teaches something
 * false. Each technique asks the teacher one question of its own in a `[to fill: …]` gap, the
 * part only someone who read the article can write. The templates name no side, party or group:
 * anything political in a draft comes from the quoted words.
 */
import { technique, type TechniqueId } from './techniques';

/** How every draft begins, so a screen (and isUnfinishedDraft) can tell it from edited text. */
export const DRAFT_PREFIX = 'Draft, edit before saving:';

/** What the marked words do if the label fits, and the question only the teacher can answer. */
const READING: Readonly<Record<TechniqueId, { does: string; ask: string }>> = {
	'loaded-language': {
		does: 'the words carry a feeling (outrage, pity, admiration) on top of what they describe.',
		ask: 'name the feeling, and give a flatter word that would report the same fact'
	},
	'name-calling': {
		does: 'a label is put on a person or group, inviting the reader to judge them by the label rather than by what they did.',
		ask: 'say who is labelled, and what the text offers instead of evidence about them'
	},
	repetition: {
		does: 'the same words come back in the text, so the point sticks by being met again rather than by new support.',
		ask: 'say where else the words appear and whether they add anything the second time'
	},
	exaggeration: {
		does: 'the size of something is stretched or shrunk beyond what a plain description would say.',
		ask: 'give the plain size: a number, a date, or what actually happened'
	},
	doubt: {
		does: 'the trustworthiness of a person or source is questioned without showing that what they say is wrong.',
		ask: 'say whose credibility is questioned, and what evidence the text gives for the doubt'
	},
	fear: {
		does: 'a threat is painted, or dislike of a group is played on, to win agreement instead of giving a reason.',
		ask: 'say what the reader is made to fear, and whether the text shows the danger is real'
	},
	'flag-waving': {
		does: 'the claim is tied to pride in a nation or group, so that disagreeing feels disloyal.',
		ask: 'say which group is invoked, and what reason the text gives beyond belonging to it'
	},
	'causal-oversimplification': {
		does: 'one cause is named for a result that had several.',
		ask: 'name one other cause the text leaves out'
	},
	slogans: {
		does: 'a short, catchy line stands in for an argument.',
		ask: 'say what claim the line packs in, and what reason it would need'
	},
	authority: {
		does: 'who said it is given as the reason to believe it.',
		ask: 'say who is cited, whether they speak within their field, and what evidence is given'
	},
	'black-and-white': {
		does: 'two options are presented as the only ones.',
		ask: 'name an option the text leaves out'
	},
	'thought-terminating': {
		does: 'a stock phrase closes the question instead of answering it.',
		ask: 'say which question the phrase shuts down'
	},
	whataboutism: {
		does: "a point is answered by turning to someone else's faults, a weaker version of the other side's view, or another subject.",
		ask: 'say which point goes unanswered, and where the text turns instead'
	},
	bandwagon: {
		does: 'readers are asked to agree because many others do, or to reject an idea because of who is linked to it.',
		ask: 'say who the crowd or the disliked figure is, and what reason about the idea itself is missing'
	}
};

/** Longest span quoted whole, in words; longer ones keep their first 8 and last 4 words. */
const QUOTE_MAX_WORDS = 20;

/**
 * The words as the draft quotes them: exactly as marked (curly quotes, emoji and no-break spaces
 * included), trimmed of the space around them; a long span keeps its first and last words around
 * an ellipsis, cut at ordinary spaces and line breaks only.
 */
function quoteWords(words: string): string {
	const trimmed = words.replace(/^\s+|\s+$/gu, '');
	const parts = trimmed.split(/[ \n\r\t]+/u);
	if (parts.length <= QUOTE_MAX_WORDS) return `“${trimmed}”`;
	return `“${parts.slice(0, 8).join(' ')} … ${parts.slice(-4).join(' ')}”`;
}

/**
 * A draft explanation of the marked `words` as `techniqueId`: begins with DRAFT_PREFIX, quotes the
 * words, names the technique as the label given ("is marked as"), says what the words do if the
 * label fits, and ends with a `[to fill: …]` question for the teacher.
 */
export function draftExplanation(techniqueId: TechniqueId, words: string): string {
	const t = technique(techniqueId);
	const reading = READING[techniqueId];
	const name = t.name.charAt(0).toLowerCase() + t.name.slice(1);
	return `${DRAFT_PREFIX} ${quoteWords(words)} is marked as ${name}. If the label fits, ${reading.does} [to fill: ${reading.ask}.]`;
}

/**
 * True while an explanation still reads as a draft: it begins with DRAFT_PREFIX or keeps a
 * `[to fill: …]` gap. A screen can ask the teacher to finish it before students see it.
 */
export function isUnfinishedDraft(text: string): boolean {
	return text.trimStart().startsWith(DRAFT_PREFIX) || /\[to fill:/u.test(text);
}
