/**
 * Excerpts that read as a whole. Four rules, as the round builder and `npm run bench:excerpts`
 * apply them (offsets are UTF-16 indexes into an article body):
 *
 * - an excerpt never opens on a pronoun or connective that points back to the sentence before
 *   ("He", "They", "But", "However"): that sentence must come with it, or the excerpt is not used;
 * - an excerpt never joins paragraphs or a headline to what follows: it never runs across a
 *   blank line, and every line it runs across ends like a sentence (a line break ends a sentence;
 *   the round builder lets an excerpt hold a line break only where a labelled span runs across
 *   it, and shows the break);
 * - nothing cuts a quotation: an excerpt holds whole quotations, and a revealed span that holds
 *   one quotation mark of a pair is widened to the other (or loses the stray mark at its edge);
 * - page debris (photo captions, "Hide Caption", share, follow and subscribe lines,
 *   "Advertisement", "Click here", image credits, poll and newsletter prompts) is never shown:
 *   the text stays as imported, so offsets stay true, and its lines are unusable.
 *
 * Single quotation marks are not paired: they cannot be told from apostrophes.
 */

/** A rule an excerpt breaks. */
export type ExcerptRule = 'dangling-opener' | 'joins-lines' | 'cuts-quotation' | 'page-debris';

/** Every rule, in the order reports list them. */
export const EXCERPT_RULES: readonly ExcerptRule[] = [
	'dangling-opener',
	'joins-lines',
	'cuts-quotation',
	'page-debris'
];

/**
 * First words that need the sentence before: personal pronouns and connectives that continue an
 * argument (demonstratives below).
 */
const DANGLING =
	/^[^\p{L}\p{N}]*(?:(?:he|she|it|its|it's|it’s|they|them|their|his|her|him|such|but|and|or|nor|so|yet|also|however|moreover|furthermore|meanwhile|instead|therefore|thus|hence|still|besides|indeed|nevertheless|nonetheless|otherwise|then|likewise|similarly|consequently|accordingly|additionally|anyway|again|there)(?![\p{L}\p{N}'’-])|(?:in addition|as a result|on the other hand|for example|for instance|in fact|even so|after that|at the same time|by contrast|in contrast|in turn)\b)/iu;
/**
 * "This", "that", "these" and "those" point back when they stand for a thing ("This is why",
 * "That was a lie"), not when they come before a noun ("This plan is fair", "This week").
 */
const DEMONSTRATIVE_PRONOUN =
	/^[^\p{L}\p{N}]*(?:this|that|these|those)(?:\s*[,.;:!?—–]|\s+(?:is|was|are|were|isn['’]t|wasn['’]t|has|have|had|will|would|can|could|may|might|must|should|does|did|means|meant|shows|showed|seems|seemed|makes|made|gives|gave|explains|leads|led|comes|came|says|said|tells|told)\b)/iu;

/** Whether `text` (an excerpt) opens on a word whose referent is in the sentence before. */
export function opensOnDanglingWord(text: string): boolean {
	return DANGLING.test(text) || DEMONSTRATIVE_PRONOUN.test(text);
}

const DEBRIS: readonly RegExp[] = [
	/\bhide caption\b/i,
	/^\s*(?:photos?|images?|pictures?|video|watch|related|read more|advertisement|sponsored|click here|source: (?:getty|ap|reuters|afp))\b\s*[:|-]?/i,
	/\bclick here\b/i,
	/\b(?:getty images|ap photo|afp photo|shutterstock|photo credit|image credit|image source|photo courtesy|image courtesy)\b/i,
	/^\s*(?:share (?:this|on|with)|follow (?:us|me|him|her|them)\b|subscribe (?:to|now|for|here)|sign up (?:for|to|here)|like us on|join us on)/i,
	/\b(?:follow|subscribe|share|like)\b.{0,60}\b(?:on|via) (?:twitter|facebook|instagram|youtube|telegram|gab|parler|rss)\b/i,
	/\bstory continues below\b|\btake our poll\b|\bpoll grants you access\b/i,
	/\b(?:this (?:early-morning|daily|weekly) (?:email|newsletter)|sign up for our|our newsletter)\b/i
];

/** Whether a line of an article is page debris (a caption, share line, advert, credit...). */
export function isPageDebrisLine(line: string): boolean {
	return DEBRIS.some((re) => re.test(line));
}

/** The debris lines of `body`: UTF-16 ranges and 1-based line numbers, in order. */
export function pageDebrisLines(body: string): { start: number; end: number; line: number }[] {
	const out: { start: number; end: number; line: number }[] = [];
	let start = 0;
	body.split('\n').forEach((text, i) => {
		if (text.trim() !== '' && isPageDebrisLine(text))
			out.push({ start, end: start + text.length, line: i + 1 });
		start += text.length + 1;
	});
	return out;
}

/**
 * Pairs of double quotation marks in `text[from, to)`, as [open, close] offsets: curly marks by
 * nesting, straight marks in turn. A mark with no partner is left out.
 */
export function quotePairs(text: string, from = 0, to = text.length): [number, number][] {
	const pairs: [number, number][] = [];
	const curly: number[] = [];
	let straight = -1;
	for (let i = from; i < to; i++) {
		const ch = text[i];
		if (ch === '“') curly.push(i);
		else if (ch === '”') {
			const open = curly.pop();
			if (open !== undefined) pairs.push([open, i]);
		} else if (ch === '"') {
			if (straight === -1) straight = i;
			else {
				pairs.push([straight, i]);
				straight = -1;
			}
		}
	}
	return pairs;
}

/** Whether the double quotation marks of `text` are unbalanced (a quotation is cut). */
export function cutsQuotation(text: string): boolean {
	let open = 0;
	let straight = 0;
	for (const ch of text) {
		if (ch === '“') open++;
		else if (ch === '”' && --open < 0) return true;
		else if (ch === '"') straight++;
	}
	return open !== 0 || straight % 2 !== 0;
}

/**
 * Whether the range [start, end) of `text` holds one mark of a quotation's pair but not the
 * other, or a mark with no partner in `text`: a highlight there would cut the quotation.
 */
export function spanCutsQuotation(text: string, start: number, end: number): boolean {
	const pairs = quotePairs(text);
	const paired = new Set(pairs.flat());
	for (let i = start; i < end; i++) {
		if ('“”"'.includes(text[i]) && !paired.has(i)) return true;
	}
	return pairs.some(([o, c]) => o >= start && o < end !== (c >= start && c < end));
}

/**
 * A span's range widened so it cuts no quotation of its line: a span holding an opening mark
 * reaches the closing one, a span holding a closing mark reaches back to the opening one, and a
 * mark alone at the span's edge (a span ending on an opening mark) is dropped from it.
 * A span across lines is returned as it is (no excerpt can hold it).
 */
export function wholeQuotations(body: string, start: number, end: number): [number, number] {
	const lineStart = body.lastIndexOf('\n', start - 1) + 1;
	const next = body.indexOf('\n', start);
	const lineEnd = next === -1 ? body.length : next;
	if (end > lineEnd) return [start, end];
	const pairs = quotePairs(body, lineStart, lineEnd);
	for (let round = 0; round < 8; round++) {
		let changed = false;
		for (const [o, c] of pairs) {
			const openIn = o >= start && o < end;
			if (openIn === (c >= start && c < end)) continue;
			changed = true;
			if (openIn && o === end - 1) end = o;
			else if (openIn) end = c + 1;
			else if (c === start) start = c + 1;
			else start = o;
		}
		if (!changed) break;
	}
	while (start < end && /\s/u.test(body[start])) start++;
	while (end > start && /\s/u.test(body[end - 1])) end--;
	return [start, end];
}

const ENDS_SENTENCE = /[.!?…:]["”’')\]»]*\s*$/u;

/** Whether `text` runs across a blank line, or across a line that does not end a sentence. */
export function joinsLines(text: string): boolean {
	const lines = text.split('\n');
	return lines.slice(0, -1).some((line) => line.trim() === '' || !ENDS_SENTENCE.test(line));
}

/**
 * The rules an excerpt `body[start, end)` breaks (empty when it reads as a whole): it opens on
 * a dangling word, runs across a line break, cuts a quotation, or lies on a line of page debris.
 */
export function excerptBreaks(body: string, start: number, end: number): ExcerptRule[] {
	const text = body.slice(start, end);
	const out: ExcerptRule[] = [];
	if (opensOnDanglingWord(text)) out.push('dangling-opener');
	if (joinsLines(text)) out.push('joins-lines');
	if (cutsQuotation(text)) out.push('cuts-quotation');
	const lineStart = body.lastIndexOf('\n', start - 1) + 1;
	const next = body.indexOf('\n', end);
	if (
		body
			.slice(lineStart, next === -1 ? body.length : next)
			.split('\n')
			.some(isPageDebrisLine)
	)
		out.push('page-debris');
	return out;
}
