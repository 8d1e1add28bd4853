/**
 * Builds a round of questions from labelled articles. Pure and deterministic: the same content,
 * config, seed and statistics always give the same round (randomness comes from a seeded PRNG).
 *
 * Excerpts are one to three whole sentences of one paragraph. Paragraphs end at every newline
 * (PTC articles put one sentence per line; content packs separate paragraphs by blank lines),
 * except where a labelled span runs across a newline: those lines are read as one paragraph, so
 * the span can still be asked about with its line break inside the excerpt. No excerpt cuts a
 * labelled span in two.
 */
import { alsoFits } from './alsoFits';
import { findPlayers, middleWords, type FindPlayer } from './adversaries';
import { spanCredit } from './scoring';
import { isFlagged } from './contentFilter';
import { bandWeight, targetBand } from './difficulty';
import { cutsQuotation, excerptBreaks, wholeQuotations } from './excerptBounds';
import {
	chooseChoiceSet,
	fitsSet,
	maskOf,
	pairAffinity,
	setWeight,
	weighSets,
	type AnswerableExcerpts,
	type SetWeights
} from './nameChoices';
import { createRng, type Rng } from './random';
import type { ReviewStatus } from './review';
import {
	TECHNIQUE_IDS,
	isTechniqueId,
	technique,
	type FamilyId,
	type TechniqueId
} from './techniques';
import { CodePointIndex } from './text';
import { snapToTokens, tokenize, tokenStarts } from './tokens';
import type {
	ContentArticle,
	ContentSpan,
	Excerpt,
	ExcerptSpan,
	PublicQuestion,
	Question,
	QuestionKind,
	RoundConfig,
	TokenRange
} from './types';

/** How players have done on one item (keyed by Question.itemKey). */
export interface ItemStats {
	answered: number;
	correct: number;
}

/** Excerpts aim for this many words at least (shorter ones are used only when nothing fits). */
export const EXCERPT_MIN_WORDS = 15;
/** Excerpts aim for at most this many words. */
export const EXCERPT_MAX_WORDS = 80;
/** Hard cap on words in an excerpt (phone screens). */
export const EXCERPT_CAP_WORDS = 90;
/** Hard cap on code points in an excerpt. */
export const EXCERPT_CAP_CHARS = 600;
/** No excerpt, loaded or straight, has fewer words than this. */
export const HARD_MIN_WORDS = 8;
/** A straight (clean) excerpt needs at least this many words to be worth judging. */
export const CLEAN_MIN_WORDS = HARD_MIN_WORDS;
/**
 * A find question is skipped when the technique's spans cover this share of the excerpt or
 * more: the words to find must be a minority, so selecting everything cannot pass as finding.
 */
export const FIND_MAX_COVERAGE = 0.5;
/** No technique is asked (name, find) more often than this in a round, unless it is a focus. */
export const MAX_ASKS_PER_TECHNIQUE = 2;
/** Wrong name answers per technique before the confusion statistics choose the distractors. */
export const CONFUSION_MIN_ANSWERS = 20;
/** Focus techniques are this many times as likely to be picked. */
export const FOCUS_WEIGHT = 3;
/** Default mix of question kinds. */
export const KIND_SHARES: Readonly<Record<QuestionKind, number>> = {
	name: 0.4,
	find: 0.3,
	judge: 0.3
};

const MAX_SENTENCES = 3;
/** Word count the window picker aims for inside the preferred range. */
const IDEAL_WORDS = 40;
/** Prior weight, in answers, of the content-based difficulty against observed statistics. */
const PRIOR_ANSWERS = 4;

/**
 * Techniques players commonly mix up, beyond their own family. Used to pick plausible
 * distractors for name questions.
 */
export const COMMONLY_CONFUSED: Readonly<Record<TechniqueId, readonly TechniqueId[]>> = {
	'loaded-language': ['exaggeration', 'name-calling', 'fear'],
	'name-calling': ['loaded-language', 'doubt', 'bandwagon'],
	repetition: ['slogans', 'loaded-language'],
	exaggeration: ['loaded-language', 'fear'],
	doubt: ['name-calling', 'whataboutism'],
	fear: ['loaded-language', 'exaggeration', 'flag-waving'],
	'flag-waving': ['slogans', 'fear', 'bandwagon'],
	'causal-oversimplification': ['black-and-white', 'fear'],
	slogans: ['thought-terminating', 'flag-waving', 'repetition'],
	authority: ['bandwagon', 'doubt'],
	'black-and-white': ['causal-oversimplification', 'thought-terminating'],
	'thought-terminating': ['slogans', 'black-and-white'],
	whataboutism: ['doubt', 'name-calling'],
	bandwagon: ['authority', 'name-calling', 'flag-waving']
};

/** The default round: ten mixed questions, 30 s each, speed scoring with streaks. */
export function defaultRoundConfig(): RoundConfig {
	return {
		articleId: null,
		families: [],
		count: 10,
		secondsPerQuestion: 30,
		scoring: 'speed',
		streaks: true,
		focusTechniques: []
	};
}

/**
 * A config for 'practise what you missed': same length, timing and scoring as `base`, drawn
 * from all articles, limited to the families of the missed techniques and weighted toward the
 * missed techniques themselves (straight passages still appear). With nothing missed it is
 * `base` over all content and families.
 */
export function practiceConfig(base: RoundConfig, missed: TechniqueId[]): RoundConfig {
	const focus = [...new Set(missed.filter((id) => isTechniqueId(id)))];
	const families = [...new Set(focus.map((id) => technique(id).family))];
	return {
		...base,
		articleId: null,
		families: focus.length > 0 ? families : [],
		focusTechniques: focus
	};
}

/**
 * The technique an item is about, as answers store it for per-technique reports: the answer of a
 * name question, the technique to find, the first labelled technique of a loaded passage, and
 * null for a straight one.
 */
export function questionTechnique(q: Question): TechniqueId | null {
	switch (q.kind) {
		case 'name':
			return q.answer;
		case 'find':
			return q.techniqueId;
		case 'judge':
			return q.loaded ? (q.spans[0]?.techniqueId ?? null) : null;
	}
}

/** Strips the answer key, the labelled spans and the item key: safe to send before answering. */
export function toPublicQuestion(q: Question): PublicQuestion {
	const excerpt = { ...q.excerpt, tokens: q.excerpt.tokens.map((t) => ({ ...t })) };
	switch (q.kind) {
		case 'name':
			return {
				kind: 'name',
				excerpt,
				highlight: [q.highlight[0], q.highlight[1]],
				choices: [...q.choices]
			};
		case 'find':
			return { kind: 'find', excerpt, techniqueId: q.techniqueId };
		case 'judge':
			return { kind: 'judge', excerpt };
	}
}

// ---------------------------------------------------------------------------------------------
// Preparing articles: paragraphs, sentences, windows (all offsets UTF-16 into the body).

interface Sentence {
	start: number;
	end: number;
	words: number;
}

interface Paragraph {
	start: number;
	end: number;
	/** Filled on first use: sentences and word boundaries (UTF-16 offsets into the body). */
	sentences: Sentence[] | null;
	wordStarts: number[];
	wordEnds: number[];
	/** Filled on first use: the candidate excerpt windows of this paragraph. */
	windows: Window[] | null;
}

interface Window {
	start: number;
	end: number;
	words: number;
}

interface Span {
	techniqueId: TechniqueId;
	family: FamilyId;
	/** UTF-16, trimmed of surrounding whitespace. */
	start: number;
	end: number;
	/** Code points, as in the content. */
	cpStart: number;
	cpEnd: number;
	explanation: string | null;
	explanationBy?: 'editor' | 'teacher';
	/** 'approved' for articles that need no review (bundled packs count as reviewed). */
	status: ReviewStatus;
	/** The content span it was prepared from. */
	source: ContentSpan;
}

interface Prepared {
	article: ContentArticle;
	cpi: CodePointIndex;
	spans: Span[];
	paragraphs: Paragraph[];
	/** Filled on first use: straight (clean) windows. */
	clean: Window[] | null;
}

const sentenceSegmenter = new Intl.Segmenter('en', { granularity: 'sentence' });
const WORD = /[\p{L}\p{N}\p{M}]+(?:['’.,][\p{L}\p{N}\p{M}]+)*/gu;
const SPACE = /\s/u;

function trimRange(text: string, start: number, end: number): [number, number] {
	while (start < end && SPACE.test(text[start])) start++;
	while (end > start && SPACE.test(text[end - 1])) end--;
	return [start, end];
}

/**
 * Prepared articles, by the content object they came from: a server that keeps its content
 * objects between rounds (see loadRoundContent) pays for segmenting a corpus once, not per round.
 * Content objects are treated as immutable.
 */
const preparedCache = new WeakMap<ContentArticle, Prepared>();

function prepare(article: ContentArticle): Prepared {
	let p = preparedCache.get(article);
	if (!p) {
		p = prepareUncached(article);
		preparedCache.set(article, p);
	}
	return p;
}

/** An article's usable labelled spans (see labelledSpans), with the index they were read by. */
interface LabelledSpans {
	cpi: CodePointIndex;
	/** Sorted by start, then end, then code-point start. */
	spans: Span[];
}

/**
 * Each article's labelled spans, by the content object they came from: counting how rare each
 * technique is needs them for every article given, while only the articles a round can use are
 * prepared (prepare takes its spans from here, so they are read once).
 */
const labelledCache = new WeakMap<ContentArticle, LabelledSpans>();

/**
 * The spans of an article a round can use, the one filter for both preparing an article and
 * counting technique frequencies: a span is dropped when its technique is unknown, its offsets
 * are not integers, out of range or empty, or it trims to nothing once widened to whole
 * quotations.
 */
function labelledSpans(article: ContentArticle): LabelledSpans {
	let l = labelledCache.get(article);
	if (!l) {
		l = labelledSpansUncached(article);
		labelledCache.set(article, l);
	}
	return l;
}

function labelledSpansUncached(article: ContentArticle): LabelledSpans {
	const body = article.body;
	const cpi = new CodePointIndex(body);
	const spans: Span[] = [];
	for (const s of article.spans) {
		if (!isTechniqueId(s.techniqueId)) continue;
		if (!Number.isInteger(s.start) || !Number.isInteger(s.end)) continue;
		if (s.start < 0 || s.end > cpi.length || s.start >= s.end) continue;
		// A revealed span never cuts a quotation: it is widened to the whole quotation.
		const [start, end] = wholeQuotations(
			body,
			...trimRange(body, cpi.toUtf16(s.start), cpi.toUtf16(s.end))
		);
		if (start >= end) continue;
		spans.push({
			techniqueId: s.techniqueId,
			family: technique(s.techniqueId).family,
			start,
			end,
			cpStart: s.start,
			cpEnd: s.end,
			explanation: s.explanation,
			explanationBy: s.explanationBy,
			status: article.reviewGated ? (s.review ?? 'unreviewed') : 'approved',
			source: s
		});
	}
	spans.sort((a, b) => a.start - b.start || a.end - b.end || a.cpStart - b.cpStart);
	return { cpi, spans };
}

function prepareUncached(article: ContentArticle): Prepared {
	const body = article.body;
	const { cpi, spans } = labelledSpans(article);

	// Paragraph breaks: every newline that no span runs across.
	const paragraphs: Paragraph[] = [];
	let from = 0;
	const close = (to: number) => {
		const [start, end] = trimRange(body, from, to);
		if (start < end)
			paragraphs.push({ start, end, sentences: null, wordStarts: [], wordEnds: [], windows: null });
	};
	const joined = new Set<number>();
	for (const s of spans) {
		for (
			let i = body.indexOf('\n', s.start);
			i !== -1 && i < s.end;
			i = body.indexOf('\n', i + 1)
		) {
			joined.add(i);
		}
	}
	for (let i = body.indexOf('\n'); i !== -1; i = body.indexOf('\n', i + 1)) {
		if (joined.has(i)) continue;
		close(i);
		from = i + 1;
	}
	close(body.length);
	return { article, cpi, spans, paragraphs, clean: null };
}

/** Number of values in the sorted array below `limit`. */
function countBelow(sorted: readonly number[], limit: number): number {
	let lo = 0;
	let hi = sorted.length;
	while (lo < hi) {
		const mid = (lo + hi) >> 1;
		if (sorted[mid] < limit) lo = mid + 1;
		else hi = mid;
	}
	return lo;
}

/** Words of `para` that overlap [start, end): a word cut by the range counts as inside. */
function wordsIn(para: Paragraph, start: number, end: number): number {
	return countBelow(para.wordStarts, end) - countBelow(para.wordEnds, start + 1);
}

function sentencesOf(p: Prepared, para: Paragraph): Sentence[] {
	if (para.sentences) return para.sentences;
	const body = p.article.body;
	const text = body.slice(para.start, para.end);
	// A regular expression stands in for the word segmenter here: it is many times faster over a
	// whole corpus, and its counts only steer excerpt lengths (materialize checks the real cap).
	for (const m of text.matchAll(WORD)) {
		para.wordStarts.push(para.start + m.index);
		para.wordEnds.push(para.start + m.index + m[0].length);
	}
	const out: Sentence[] = [];
	for (const seg of sentenceSegmenter.segment(text)) {
		const from = para.start + seg.index;
		const [start, end] = trimRange(body, from, from + seg.segment.length);
		if (start < end) out.push({ start, end, words: wordsIn(para, start, end) });
	}
	para.sentences = out;
	return out;
}

function codePoints(p: Prepared, start: number, end: number): number {
	return p.cpi.toCodePoint(end) - p.cpi.toCodePoint(start);
}

/** Whether a labelled span starts or ends strictly inside the range (the range would cut it). */
function cutsSpan(p: Prepared, start: number, end: number): boolean {
	return p.spans.some((s) => (s.start < start && s.end > start) || (s.start < end && s.end > end));
}

/** Every window of one to three sentences of `para` within the hard caps that cuts no span. */
function windowsOf(p: Prepared, para: Paragraph): Window[] {
	para.windows ??= computeWindows(p, para);
	return para.windows;
}

function computeWindows(p: Prepared, para: Paragraph): Window[] {
	const sentences = sentencesOf(p, para);
	const out: Window[] = [];
	for (let i = 0; i < sentences.length; i++) {
		let words = 0;
		for (let j = i; j < Math.min(i + MAX_SENTENCES, sentences.length); j++) {
			words += sentences[j].words;
			const start = sentences[i].start;
			const end = sentences[j].end;
			if (words > EXCERPT_CAP_WORDS || codePoints(p, start, end) > EXCERPT_CAP_CHARS) break;
			if (!cutsSpan(p, start, end) && readsAsWhole(p.article.body, start, end, words)) {
				out.push({ start, end, words });
			}
		}
	}
	return out;
}

const OPENERS = /^[^\p{L}\p{N}]*[\p{Lu}\p{N}]/u;
const CLOSERS = /[.!?…]["”’')\]»]*$/u;

/**
 * Whether a range of whole sentences makes an excerpt worth asking about: at least
 * HARD_MIN_WORDS words, starting like a sentence (its first letter or digit is a capital or a
 * digit), ending like one (., !, ? or …, before any closing quote or bracket), and never
 * cutting a quotation (curly quotes pair up in order; straight double quotes come in pairs).
 * Exported for tests.
 */
export function isAskable(body: string, start: number, end: number, words: number): boolean {
	if (words < HARD_MIN_WORDS) return false;
	const text = body.slice(start, end);
	return OPENERS.test(text) && CLOSERS.test(text) && !cutsQuotation(text);
}

/**
 * Whether a range of whole sentences is askable (isAskable) and reads as a whole: it opens on no
 * pronoun or connective whose referent is cut off, stays on one line, and shows no page debris
 * (see excerptBounds.ts). A window starting one sentence earlier is a candidate of its own.
 */
function readsAsWhole(body: string, start: number, end: number, words: number): boolean {
	return isAskable(body, start, end, words) && excerptBreaks(body, start, end).length === 0;
}

/** Lower is better: inside the preferred word range, close to IDEAL_WORDS. */
function windowCost(w: Window): number {
	if (w.words < EXCERPT_MIN_WORDS) return 100 + (EXCERPT_MIN_WORDS - w.words);
	if (w.words > EXCERPT_MAX_WORDS) return 100 + (w.words - EXCERPT_MAX_WORDS);
	return Math.abs(w.words - IDEAL_WORDS) / 10;
}

function bestWindow(windows: Window[], accept: (w: Window) => boolean): Window | null {
	let best: Window | null = null;
	for (const w of windows) {
		if (!accept(w)) continue;
		if (!best || windowCost(w) < windowCost(best)) best = w;
	}
	return best;
}

function paragraphAt(p: Prepared, offset: number): Paragraph | undefined {
	return p.paragraphs.find((para) => para.start <= offset && offset < para.end);
}

/** Share of the window's words inside the union of the given spans. */
function coverage(para: Paragraph, w: Window, spans: Span[]): number {
	const ranges = spans
		.filter((s) => s.start >= w.start && s.end <= w.end)
		.map((s) => [s.start, s.end])
		.sort((a, b) => a[0] - b[0]);
	let covered = 0;
	let curStart = -1;
	let curEnd = -1;
	for (const [s, e] of ranges) {
		if (s > curEnd) {
			if (curEnd > curStart) covered += wordsIn(para, curStart, curEnd);
			curStart = s;
			curEnd = e;
		} else curEnd = Math.max(curEnd, e);
	}
	if (curEnd > curStart) covered += wordsIn(para, curStart, curEnd);
	return w.words > 0 ? covered / w.words : 1;
}

/**
 * Straight windows: one to three whole sentences of a paragraph, each of them either inside a
 * range an editor checked and found clean, or (in an exhaustively labelled article) free of any
 * label with no label in the sentence before or after it either. No straight window overlaps or
 * borders a labelled span.
 */
function cleanWindows(p: Prepared): Window[] {
	p.clean ??= computeCleanWindows(p);
	return p.clean;
}

function editorCleanRanges(p: Prepared): [number, number][] {
	const out: [number, number][] = [];
	for (const c of p.article.clean) {
		if (!Number.isInteger(c.start) || !Number.isInteger(c.end)) continue;
		if (c.start < 0 || c.end > p.cpi.length || c.start >= c.end) continue;
		out.push(trimRange(p.article.body, p.cpi.toUtf16(c.start), p.cpi.toUtf16(c.end)));
	}
	return out;
}

function computeCleanWindows(p: Prepared): Window[] {
	const ranges = editorCleanRanges(p);
	const exhaustive = p.article.exhaustive === true;
	if (ranges.length === 0 && !exhaustive) return [];
	// Every sentence of the article in reading order, with its paragraph.
	const all: { para: Paragraph; s: Sentence }[] = [];
	for (const para of p.paragraphs) {
		if (!exhaustive && !ranges.some(([cs, ce]) => para.start < ce && cs < para.end)) continue;
		for (const s of sentencesOf(p, para)) all.push({ para, s });
	}
	const labelled = all.map(({ s }) => p.spans.some((sp) => sp.start < s.end && s.start < sp.end));
	const eligible = all.map(({ s }, k) => {
		if (labelled[k]) return false;
		if (ranges.some(([cs, ce]) => s.start >= cs && s.end <= ce)) return true;
		return exhaustive && !labelled[k - 1] && !labelled[k + 1];
	});
	const out: Window[] = [];
	for (let i = 0; i < all.length; i++) {
		let words = 0;
		for (let j = i; j < Math.min(i + MAX_SENTENCES, all.length); j++) {
			if (!eligible[j] || all[j].para !== all[i].para) break;
			words += all[j].s.words;
			const start = all[i].s.start;
			const end = all[j].s.end;
			if (words > EXCERPT_MAX_WORDS || codePoints(p, start, end) > EXCERPT_CAP_CHARS) break;
			if (readsAsWhole(p.article.body, start, end, words)) out.push({ start, end, words });
		}
	}
	return out;
}

// ---------------------------------------------------------------------------------------------
// Candidates and selection.

type Slot = 'name' | 'find' | 'loaded' | 'clean';

/** Surface features of an excerpt that a player could use instead of reading it. */
interface Features {
	digits: boolean;
	quotes: boolean;
	/** ? or ! */
	marks: boolean;
	words: number;
	collection: string;
}

interface Candidate {
	slot: Slot;
	prepared: Prepared;
	window: Window;
	itemKey: string;
	/** The highlighted span (name). */
	span: Span | null;
	/** The technique asked about (name, find). */
	techniqueId: TechniqueId | null;
	/** Techniques the item is about, for focus weighting and variety. */
	techniques: TechniqueId[];
	/** Name items: mask (nameChoices.maskOf) of every technique labelled in the window. */
	labelled: number;
	features: Features;
	/** Find items: where the phrases sit in the excerpt (see findLayout). */
	layout: FindLayout | null;
	/**
	 * False for a find item drawn only when no preferred one is left: its phrase sits where
	 * find phrases sit too often (see preferFindItems).
	 */
	preferred: boolean;
	difficulty: number;
	band: number;
}

function itemKey(p: Prepared, w: Window, kind: QuestionKind, detail: string): string {
	const range = `${p.cpi.toCodePoint(w.start)}-${p.cpi.toCodePoint(w.end)}`;
	return `${p.article.id}:${range}:${kind}:${detail}`;
}

function spansIn(p: Prepared, w: Window): Span[] {
	return p.spans.filter((s) => s.start >= w.start && s.end <= w.end);
}

function featuresOf(p: Prepared, w: Window): Features {
	const text = p.article.body.slice(w.start, w.end);
	return {
		digits: /\p{N}/u.test(text),
		quotes: /["“”«»]/u.test(text),
		marks: /[?!]/u.test(text),
		words: w.words,
		collection: p.article.collection ?? ''
	};
}

const REPEAT_WORD = /[\p{L}\p{N}]+/gu;
/** Short words that repeat in any text and so show no repetition by themselves. */
const COMMON_WORDS = new Set(
	'the a an and or but of to in on at for with by from as is are was were be been it its this that these those he she they we you i his her their our your not no so if then than'.split(
		' '
	)
);

function normalise(text: string): string {
	return text.toLowerCase().replace(/\s+/gu, ' ').trim();
}

const WORD_CHAR = /[\p{L}\p{N}\p{M}]/u;

/** How often `phrase` occurs in `text` as whole words ("war" is not in "warning"). */
function occurrences(text: string, phrase: string): number {
	let n = 0;
	for (let i = text.indexOf(phrase); i !== -1; i = text.indexOf(phrase, i + 1)) {
		const before = text[i - 1];
		const after = text[i + phrase.length];
		const edge = (ch: string | undefined, inner: string | undefined) =>
			ch === undefined || inner === undefined || !WORD_CHAR.test(ch) || !WORD_CHAR.test(inner);
		if (edge(before, phrase[0]) && edge(after, phrase[phrase.length - 1])) n++;
	}
	return n;
}

/**
 * Whether the excerpt shows the repetition a Repetition span is about: the span's words occur
 * at least twice in the excerpt, or the span itself repeats a word that is not a common one.
 * A label for a phrase repeated elsewhere in the article is not asked about from an excerpt that
 * holds it only once. Exported for tests.
 */
export function repetitionVisible(spanText: string, excerptText: string): boolean {
	const phrase = normalise(spanText);
	const haystack = normalise(excerptText);
	if (phrase.length > 0 && occurrences(haystack, phrase) >= 2) return true;
	const counts = new Map<string, number>();
	for (const m of phrase.matchAll(REPEAT_WORD)) {
		const word = m[0];
		if (COMMON_WORDS.has(word)) continue;
		const n = (counts.get(word) ?? 0) + 1;
		if (n >= 2) return true;
		counts.set(word, n);
	}
	return false;
}

/** Whether a player can see the technique of `span` inside window `w`. */
function visibleIn(p: Prepared, span: Span, w: Window): boolean {
	if (span.techniqueId !== 'repetition') return true;
	const body = p.article.body;
	return repetitionVisible(body.slice(span.start, span.end), body.slice(w.start, w.end));
}

/** Where the phrases to find sit in a find window, in words (as the window counts them). */
interface FindLayout {
	words: number;
	/** Words before the first phrase of the technique, and after the last one. */
	before: number;
	after: number;
	/** Words inside the phrases. */
	phrase: number;
}

function findLayout(para: Paragraph, w: Window, spans: Span[]): FindLayout {
	const inside = spans.filter((s) => s.start >= w.start && s.end <= w.end);
	let before = w.words;
	let after = w.words;
	for (const s of inside) {
		before = Math.min(before, wordsIn(para, w.start, s.start));
		after = Math.min(after, wordsIn(para, s.end, w.end));
	}
	return {
		words: w.words,
		before,
		after,
		phrase: Math.round(coverage(para, w, inside) * w.words)
	};
}

/** Words from an edge of the excerpt within which a phrase is "at the edge" (first or last words). */
const FIND_EDGE_WORDS = 4;

/**
 * The find window for a span: among the windows that may ask it, the one of a good length in
 * which the phrases stand furthest from the excerpt's edges and make the smallest share of it.
 * Why: a window that ends with the phrase's sentence puts the phrase on the excerpt's last words,
 * and "select the last few words" then finds it without reading (issue 22).
 */
function bestFindWindow(
	p: Prepared,
	para: Paragraph,
	windows: Window[],
	spans: Span[]
): { window: Window; layout: FindLayout } | null {
	let best: { window: Window; layout: FindLayout; cost: number } | null = null;
	for (const w of windows) {
		const layout = findLayout(para, w, spans);
		const edge = Math.min(layout.before, layout.after, FIND_EDGE_WORDS);
		const cost =
			windowCost(w) +
			(FIND_EDGE_WORDS - edge) / 2 +
			(4 * layout.phrase) / Math.max(1, layout.words);
		if (!best || cost < best.cost) best = { window: w, layout, cost };
	}
	return best && { window: best.window, layout: best.layout };
}

/**
 * Highest mean credit any positional player may earn over the preferred find items. Rounds draw
 * among them by difficulty band, not evenly, so this sits under the line of 0.15 that
 * `npm run bench:items` holds every player to (issue 22): 0.12 keeps 86 of the 138 bundled find
 * items preferred (a tighter 0.10 keeps 61; see BENCHMARKS.md).
 */
const FIND_PLAYER_TARGET = 0.11;
/** Fewer find items than this are all preferred: too few for a player's mean to tell. */
const FIND_MIN_ITEMS = 30;
/** Turns over which the player that changes with the turn (each sentence in turn) is averaged. */
const FIND_TURNS = 4;

/**
 * The players a find item is weighed against: those that select by position alone
 * (adversaries.findPlayers) and the middle 3, 5 and 8 words, which a pool kept away from the
 * edges would otherwise favour.
 */
function weighingPlayers(): Record<string, FindPlayer> {
	return {
		...findPlayers(),
		'middle 3 words': middleWords(3),
		'middle 5 words': middleWords(5),
		'middle 8 words': middleWords(8)
	};
}

/**
 * What each player earns on a find candidate, with the targets the question will have
 * (as materialize finds them).
 */
function playerCredits(c: Candidate, players: Record<string, FindPlayer>): number[] {
	const { prepared: p, window: w } = c;
	const tokens = tokenize(p.article.body.slice(w.start, w.end));
	const starts = tokenStarts(tokens);
	const targets: TokenRange[] = [];
	for (const s of spansIn(p, w)) {
		if (s.techniqueId !== c.techniqueId || s.status === 'hidden' || !visibleIn(p, s, w)) continue;
		const r = snapToTokens(starts, s.start - w.start, s.end - w.start);
		if (r) targets.push(r);
	}
	const credit = (r: TokenRange | null) => (r ? spanCredit(r, targets, tokens) : 0);
	if (targets.length === 0) return Object.keys(players).map(() => 0);
	return Object.entries(players).map(([name, player]) => {
		if (name !== 'each sentence in turn') return credit(player(tokens, 0));
		let sum = 0;
		for (let turn = 0; turn < FIND_TURNS; turn++) sum += credit(player(tokens, turn));
		return sum / FIND_TURNS;
	});
}

/**
 * What each weighing player earns on a find candidate (playerCredits), by the article's own
 * candidate it was copied from (articleCandidates): it depends on that article only, so a round
 * over other articles or configs, or after another article changed, does not weigh it again.
 */
const creditCache = new WeakMap<Candidate, number[]>();

/**
 * Marks find items as preferred (rounds draw the others only when no preferred find item is
 * left) so that no positional player earns more than FIND_PLAYER_TARGET on average over the
 * preferred ones: starting from every find item, while some player is over the target, the item
 * on which that player earns most is set aside. Phrases end sentences and are often the only
 * quotation, so without it "the last few words" or "the quoted words" would pay. Keeping all
 * items but those few widens the pool (an earlier rule thinned by position class, clause end and
 * quotation at random and kept 26 of 138 bundled items). Deterministic for the same content, so
 * item keys and statistics stay stable. `bases[i]` is the article's own candidate `candidates[i]`
 * was copied from (its credits are cached by it).
 */
function preferFindItems(candidates: Candidate[], bases: readonly Candidate[]): void {
	const at = candidates.flatMap((c, i) => (c.slot === 'find' && c.techniqueId ? [i] : []));
	const finds = at.map((i) => candidates[i]);
	if (finds.length < FIND_MIN_ITEMS) return;
	const weighing = weighingPlayers();
	const players = Object.keys(weighing);
	const credits = at.map((i) => {
		let credit = creditCache.get(bases[i]);
		if (!credit) {
			credit = playerCredits(bases[i], weighing);
			creditCache.set(bases[i], credit);
		}
		return credit;
	});
	const sums = players.map((_, j) => credits.reduce((a, v) => a + v[j], 0));
	// Per player, the items by what it earns on them, highest first.
	const order = players.map((_, j) =>
		finds.map((_, i) => i).sort((a, b) => credits[b][j] - credits[a][j] || a - b)
	);
	const next = players.map(() => 0);
	const kept = finds.map(() => true);
	let left = finds.length;
	while (left > 0) {
		let worst = 0;
		for (let j = 1; j < players.length; j++) if (sums[j] > sums[worst]) worst = j;
		if (sums[worst] / left <= FIND_PLAYER_TARGET) break;
		while (!kept[order[worst][next[worst]]]) next[worst]++;
		const i = order[worst][next[worst]];
		kept[i] = false;
		left--;
		for (let j = 0; j < players.length; j++) sums[j] -= credits[i][j];
	}
	finds.forEach((c, i) => (c.preferred = kept[i]));
}

/**
 * The candidates of the given articles, in their order, with the difficulty of name and find
 * items raised by how rare their technique is in the whole content. Find items are marked
 * preferred or not over all of them (preferFindItems). Each article's own candidates are cached
 * (articleCandidates), so after a change to one article only that one is collected again.
 */
function collectCandidates(
	articles: Prepared[],
	config: RoundConfig,
	rarity: (t: TechniqueId) => number
): Candidate[] {
	const out: Candidate[] = [];
	const bases: Candidate[] = [];
	const keys = new Set<string>();
	for (const p of articles) {
		for (const c of articleCandidates(p, config)) {
			if (keys.has(c.itemKey)) continue;
			keys.add(c.itemKey);
			const t = c.slot === 'name' || c.slot === 'find' ? c.techniqueId : null;
			out.push({ ...c, difficulty: t === null ? c.difficulty : c.difficulty + 0.5 * rarity(t) });
			bases.push(c);
		}
	}
	preferFindItems(out, bases);
	return out;
}

/**
 * One article's candidates for the families asked for and the review gate, by the prepared
 * article they come from (content objects are immutable: a changed article is a new object).
 * Name and find items carry their difficulty before rarity, which depends on the whole content
 * (collectCandidates adds it). Never modified once made.
 */
const articleCandidateCache = new WeakMap<Prepared, Map<string, readonly Candidate[]>>();

function articleCandidates(p: Prepared, config: RoundConfig): readonly Candidate[] {
	let byKey = articleCandidateCache.get(p);
	if (!byKey) {
		byKey = new Map();
		articleCandidateCache.set(p, byKey);
	}
	const key = `${[...config.families].sort().join(',')}|${config.includeUnreviewed === true}`;
	let list = byKey.get(key);
	if (!list) {
		list = collectArticleCandidates(p, config);
		byKey.set(key, list);
	}
	return list;
}

/** See articleCandidates. */
function collectArticleCandidates(p: Prepared, config: RoundConfig): Candidate[] {
	const families = new Set(config.families);
	const allowed = (s: Span) => families.size === 0 || families.has(s.family);
	const include = config.includeUnreviewed === true;
	const askable = (s: Span) => isAskableStatus(s.status, include);
	const out: Candidate[] = [];
	const keys = new Set<string>();
	const push = (
		c: Omit<Candidate, 'band' | 'features' | 'labelled' | 'layout' | 'preferred'>,
		layout: FindLayout | null = null
	) => {
		if (keys.has(c.itemKey)) return;
		keys.add(c.itemKey);
		const labelled =
			c.slot === 'name' ? maskOf(spansIn(c.prepared, c.window).map((s) => s.techniqueId)) : 0;
		out.push({
			...c,
			features: featuresOf(c.prepared, c.window),
			labelled,
			layout,
			preferred: true,
			band: 0
		});
	};
	// A window is asked only when every label in it is reviewed (hidden ones are not shown).
	const reviewed = (w: Window) => spansIn(p, w).every((s) => s.status === 'hidden' || askable(s));
	const shown = p.spans.filter((s) => s.status !== 'hidden');
	for (const span of p.spans) {
		if (!allowed(span) || !askable(span)) continue;
		const para = paragraphAt(p, span.start);
		if (!para) continue;
		const windows = windowsOf(p, para).filter(
			(w) => w.start <= span.start && span.end <= w.end && visibleIn(p, span, w) && reviewed(w)
		);
		const main = bestWindow(windows, () => true);
		if (!main) continue;
		const t = span.techniqueId;
		push({
			slot: 'name',
			prepared: p,
			window: main,
			itemKey: itemKey(p, main, 'name', `${span.cpStart}-${span.cpEnd}:${t}`),
			span,
			techniqueId: t,
			techniques: [t],
			// Raised by the technique's rarity in collectCandidates.
			difficulty: 0.3
		});
		const sameTechnique = shown.filter((s) => s.techniqueId === t);
		const find = bestFindWindow(
			p,
			para,
			windows.filter(
				(w) =>
					coverage(para, w, sameTechnique) < FIND_MAX_COVERAGE &&
					sameTechnique.every((s) => !(s.start >= w.start && s.end <= w.end) || visibleIn(p, s, w))
			),
			sameTechnique
		);
		if (find) {
			push(
				{
					slot: 'find',
					prepared: p,
					window: find.window,
					itemKey: itemKey(p, find.window, 'find', t),
					span: null,
					techniqueId: t,
					techniques: [t],
					// Raised by the technique's rarity in collectCandidates.
					difficulty: 0.4
				},
				find.layout
			);
		}
		// Loaded judge items: the main window and the shortest one around the span, so loaded
		// passages come in the same lengths as straight ones.
		const shortest = windows.reduce<Window | null>(
			(a, w) => (!a || w.words < a.words ? w : a),
			null
		);
		for (const w of shortest && shortest !== main ? [main, shortest] : [main]) {
			const inside = spansIn(p, w).filter((s) => s.status !== 'hidden');
			push({
				slot: 'loaded',
				prepared: p,
				window: w,
				itemKey: itemKey(p, w, 'judge', 'loaded'),
				span: null,
				techniqueId: null,
				techniques: [...new Set(inside.filter(allowed).map((s) => s.techniqueId))],
				// Subtle passages (few labelled words) are harder to call loaded.
				difficulty: 0.15 + 0.5 * (1 - Math.min(1, coverage(para, w, inside) * 2))
			});
		}
	}
	for (const w of cleanWindows(p)) {
		if (!straightReviewed(p, w, include)) continue;
		push({
			slot: 'clean',
			prepared: p,
			window: w,
			itemKey: itemKey(p, w, 'judge', 'clean'),
			span: null,
			techniqueId: null,
			techniques: [],
			difficulty: 0.45
		});
	}
	return out;
}

/** Whether a span of this review status may be asked (hidden ones never are). */
function isAskableStatus(status: ReviewStatus, includeUnreviewed: boolean): boolean {
	return (
		status === 'approved' || status === 'changed' || (includeUnreviewed && status === 'unreviewed')
	);
}

/** A straight review range of the article, in UTF-16 offsets of the body. */
function straightRanges(p: Prepared, status: 'approved' | 'hidden'): [number, number][] {
	return (p.article.straightReviews ?? [])
		.filter((r) => r.status === status && r.start >= 0 && r.end <= p.cpi.length && r.start < r.end)
		.map((r) => [p.cpi.toUtf16(r.start), p.cpi.toUtf16(r.end)]);
}

/**
 * Whether a straight window may be asked: always in articles that need no review; in imported
 * ones only inside a passage a teacher approved (a passage checked as straight is straight in
 * every part), or anywhere when unreviewed items are included, and never overlapping a passage
 * a teacher hid.
 */
function straightReviewed(p: Prepared, w: Window, includeUnreviewed: boolean): boolean {
	if (!p.article.reviewGated) return true;
	if (straightRanges(p, 'hidden').some(([s, e]) => s < w.end && w.start < e)) return false;
	return (
		includeUnreviewed || straightRanges(p, 'approved').some(([s, e]) => s <= w.start && w.end <= e)
	);
}

const FALLBACK: Readonly<Record<Slot, readonly Slot[]>> = {
	name: ['find', 'loaded', 'clean'],
	find: ['name', 'loaded', 'clean'],
	loaded: ['clean', 'name', 'find'],
	clean: ['loaded', 'name', 'find']
};
const SLOT_ORDER: readonly Slot[] = ['name', 'find', 'loaded', 'clean'];

/**
 * Questions per slot. Each judge question is straight or loaded by a fair coin (when the content
 * has straight passages), so over many rounds each key makes about half, and a round's own
 * split cannot be learnt.
 */
function quotas(count: number, hasClean: boolean, rng: Rng): Record<Slot, number> {
	const name = Math.round(count * KIND_SHARES.name);
	const find = Math.round(count * KIND_SHARES.find);
	const judge = Math.max(0, count - name - find);
	let clean = 0;
	if (hasClean) for (let i = 0; i < judge; i++) if (rng.next() < 0.5) clean++;
	return { name, find, loaded: judge - clean, clean };
}

function overlapsChosen(c: Candidate, chosen: Candidate[]): boolean {
	return chosen.some(
		(o) =>
			o.prepared === c.prepared && o.window.start < c.window.end && c.window.start < o.window.end
	);
}

/**
 * Wrong name answers: for each right technique, how often each other technique was chosen
 * instead. Built by the server from stored answers.
 */
export type ConfusionCounts = Partial<Record<TechniqueId, Partial<Record<TechniqueId, number>>>>;

/** Extra inputs of buildRound beyond content, config and seed. */
export interface RoundHistory {
	/** Excerpts this player met in recent rounds (code points); avoided while others remain. */
	seen?: { articleId: string; start: number; end: number }[];
	/** Confusion counts of wrong name answers, for distractors once there are enough. */
	confusion?: ConfusionCounts;
}

/** For each technique, the labels of the open name excerpts that ask it (for chooseChoiceSet). */
function answerableIn(pool: readonly Candidate[]): AnswerableExcerpts {
	const out = new Map<TechniqueId, number[]>();
	for (const c of pool) {
		if (!c.techniqueId) continue;
		const list = out.get(c.techniqueId) ?? [];
		list.push(c.labelled);
		out.set(c.techniqueId, list);
	}
	return out;
}

/**
 * Weight of a set of four choices: how well its members go together (pairAffinity: the guide's
 * families and confusions, then the confusions players make once a technique has
 * CONFUSION_MIN_ANSWERS wrong answers), FOCUS_WEIGHT times as much with a focus technique in it.
 * It depends on the set alone, never on which member will be the answer.
 */
function choiceSetWeights(
	confusion: ConfusionCounts | undefined,
	focus: ReadonlySet<TechniqueId>
): SetWeights {
	// Cached: the weights depend only on these two, and servers pass the same confusion object
	// to every round until new answers change it.
	const byFocus = setWeightCache.get(confusion ?? NO_CONFUSION) ?? new Map<string, SetWeights>();
	setWeightCache.set(confusion ?? NO_CONFUSION, byFocus);
	const key = [...focus].sort().join(',');
	let weights = byFocus.get(key);
	if (!weights) {
		if (byFocus.size >= 64) byFocus.clear();
		weights = computeChoiceSetWeights(confusion, focus);
		byFocus.set(key, weights);
	}
	return weights;
}

const NO_CONFUSION: ConfusionCounts = {};
const setWeightCache = new WeakMap<ConfusionCounts, Map<string, SetWeights>>();

function computeChoiceSetWeights(
	confusion: ConfusionCounts | undefined,
	focus: ReadonlySet<TechniqueId>
): SetWeights {
	const mixups = (right: TechniqueId, chosen: TechniqueId) => {
		const counts = confusion?.[right] ?? {};
		const wrong = Object.values(counts).reduce((a, b) => a + (b ?? 0), 0);
		return wrong >= CONFUSION_MIN_ANSWERS ? (counts[chosen] ?? 0) / wrong : 0;
	};
	const confused = (a: TechniqueId, b: TechniqueId) => COMMONLY_CONFUSED[a].includes(b);
	const affinity = new Map<string, number>();
	for (const a of TECHNIQUE_IDS)
		for (const b of TECHNIQUE_IDS) affinity.set(`${a}|${b}`, pairAffinity(a, b, confused, mixups));
	return weighSets(
		(members) =>
			setWeight(members, (a, b) => affinity.get(`${a}|${b}`) ?? 0) *
			(members.some((t) => focus.has(t)) ? FOCUS_WEIGHT : 1)
	);
}

/**
 * Three distractors for a name question: never the answer, never a technique that labels any
 * words of the excerpt (`forbidden`). Weighted toward what players confuse with the answer: the
 * confusion counts once the answer has CONFUSION_MIN_ANSWERS wrong answers, the same family and
 * the commonly confused techniques before that. Exported for tests.
 */
export function pickDistractors(
	rng: Rng,
	answer: TechniqueId,
	forbidden: ReadonlySet<TechniqueId>,
	confusion?: ConfusionCounts
): TechniqueId[] | null {
	const family = technique(answer).family;
	const pool = TECHNIQUE_IDS.filter((id) => id !== answer && !forbidden.has(id));
	if (pool.length < 3) return null;
	const confused = confusion?.[answer] ?? {};
	const wrong = Object.values(confused).reduce((a, b) => a + (b ?? 0), 0);
	const weights = pool.map((id) => {
		if (wrong >= CONFUSION_MIN_ANSWERS) return 0.5 + (20 * (confused[id] ?? 0)) / wrong;
		let w = 0.5;
		if (technique(id).family === family) w += 3;
		if (COMMONLY_CONFUSED[answer].includes(id) || COMMONLY_CONFUSED[id].includes(answer)) w += 2;
		return w;
	});
	const picked: TechniqueId[] = [];
	while (picked.length < 3) {
		const i = rng.weightedIndex(weights);
		picked.push(pool[i]);
		weights[i] = 0;
	}
	return picked;
}

/** Why a straight passage is straight, for the feedback. */
function straightNote(c: Candidate): string {
	const p = c.prepared;
	const note = p.article.clean.find(
		(r) =>
			r.note && p.cpi.toUtf16(r.start) <= c.window.start && c.window.end <= p.cpi.toUtf16(r.end)
	)?.note;
	if (note) return note;
	const checked = p.article.reviewGated
		? ' A teacher reviewed these sentences and found none either.'
		: '';
	if (p.article.exhaustive) {
		return (
			`No technique here: ${labellers(p.article)} marked every technique they found in this article, and ` +
			'they marked none in these sentences or the ones next to them. The words report what ' +
			'happened or what someone said; try swapping any strong word for a flat one and the ' +
			'point stays the same.' +
			checked
		);
	}
	return (
		'No technique here: an editor checked these sentences and found none. They report facts, ' +
		'figures or what someone said, and let you judge it; no word is there only to push you.'
	);
}

/**
 * Who labelled an exhaustively labelled article, as a straight passage's note says it: Slant's
 * editors for the bundled packs, the annotators for an imported corpus, the pack's editors for
 * an imported pack.
 */
function labellers(article: ContentArticle): string {
	switch (article.origin) {
		case 'bundled':
			return 'Slant’s editors';
		case 'pack':
			return 'the editors of this pack';
		default:
			return 'the annotators';
	}
}

/**
 * Turns a chosen candidate into a question; null when it cannot make a fair one. `choices`: the
 * set of four a name item was drawn for (see nameChoices.ts); without one, the distractors are
 * drawn around the answer (pickDistractors).
 */
function materialize(
	c: Candidate,
	rng: Rng,
	history: RoundHistory,
	choices: TechniqueId[] | null = null
): Question | null {
	const { prepared: p, window: w } = c;
	const body = p.article.body;
	// Slurs and obscenities stay out of student rounds (checked here, on the few candidates a
	// round picks, because the word-list matcher is too slow to run over a whole corpus per build).
	if (isFlagged(body.slice(w.start, w.end))) return null;
	const tokens = tokenize(body.slice(w.start, w.end));
	const wordCount = tokens.filter((t) => t.word).length;
	if (wordCount > EXCERPT_CAP_WORDS || wordCount < HARD_MIN_WORDS) return null;
	const starts = tokenStarts(tokens);
	const joined = (r: TokenRange) =>
		tokens
			.slice(r[0], r[1])
			.map((t) => t.text)
			.join('');
	const labelled: { span: Span; range: TokenRange }[] = [];
	// Labels a teacher hid are not shown (they judged them wrong), nor Repetition out of view; both
	// still rule out distractors.
	const inWindow = spansIn(p, w);
	for (const s of inWindow) {
		// A Repetition label whose repeat is out of view would teach a label the player cannot check.
		if (s.status === 'hidden' || !visibleIn(p, s, w)) continue;
		const range = snapToTokens(starts, s.start - w.start, s.end - w.start);
		if (range) labelled.push({ span: s, range });
	}
	const spans: ExcerptSpan[] = labelled.map(({ span, range }) => ({
		techniqueId: span.techniqueId,
		range,
		text: joined(range),
		explanation: span.explanation,
		...(span.explanationBy === 'teacher' ? { explanationBy: 'teacher' as const } : {})
	}));
	const excerpt = {
		articleId: p.article.id,
		articleTitle: p.article.title,
		outlet: p.article.outlet,
		start: p.cpi.toCodePoint(w.start),
		end: p.cpi.toCodePoint(w.end),
		tokens
	};
	const base = { itemKey: c.itemKey, excerpt, spans };
	switch (c.slot) {
		case 'name': {
			const own = labelled.find((l) => l.span === c.span);
			if (!own || !c.techniqueId) return null;
			// Any technique labelling words of this excerpt would be a right answer too.
			const forbidden = new Set<TechniqueId>(inWindow.map((s) => s.techniqueId));
			// Nor a technique that a second reading found also fits the asked words (alsoFits.ts).
			const asked = body.slice(p.cpi.toUtf16(own.span.cpStart), p.cpi.toUtf16(own.span.cpEnd));
			for (const t of alsoFits(p.article.id, c.techniqueId, asked)) forbidden.add(t);
			if (choices) {
				const others = choices.filter((t) => t !== c.techniqueId);
				if (others.length !== 3 || others.some((t) => forbidden.has(t))) return null;
				return {
					...base,
					kind: 'name',
					highlight: own.range,
					choices: rng.shuffle(choices),
					answer: c.techniqueId
				};
			}
			const distractors = pickDistractors(rng, c.techniqueId, forbidden, history.confusion);
			if (!distractors) return null;
			return {
				...base,
				kind: 'name',
				highlight: own.range,
				choices: rng.shuffle([c.techniqueId, ...distractors]),
				answer: c.techniqueId
			};
		}
		case 'find': {
			if (!c.techniqueId) return null;
			const seen = new Set<string>();
			const targets: TokenRange[] = [];
			for (const l of labelled) {
				const key = `${l.range[0]}-${l.range[1]}`;
				if (l.span.techniqueId !== c.techniqueId || seen.has(key)) continue;
				seen.add(key);
				targets.push(l.range);
			}
			if (targets.length === 0) return null;
			return { ...base, kind: 'find', techniqueId: c.techniqueId, targets };
		}
		case 'loaded':
			// A loaded passage must show its technique inside the excerpt.
			return labelled.some((l) => visibleIn(p, l.span, w))
				? { ...base, kind: 'judge', loaded: true }
				: null;
		case 'clean':
			return spans.length === 0
				? { ...base, kind: 'judge', loaded: false, note: straightNote(c) }
				: null;
	}
}

/**
 * Candidates depend only on the content, the article, the sources and the families asked for,
 * so they are cached per content array (servers reuse theirs while the content is unchanged).
 * Each round works on copies, since it adjusts difficulty and bands.
 */
const candidateCache = new WeakMap<ContentArticle[], Map<string, Candidate[]>>();

function baseCandidates(content: ContentArticle[], config: RoundConfig): Candidate[] {
	let byKey = candidateCache.get(content);
	if (!byKey) {
		byKey = new Map();
		candidateCache.set(content, byKey);
	}
	const sources = [...new Set(config.sources ?? [])].sort();
	const key = `${config.articleId ?? ''}|${[...config.families].sort().join(',')}|${sources.join(',')}|${config.includeUnreviewed === true}`;
	const cached = byKey.get(key);
	if (cached) return cached;
	// Technique frequency over all content given: rarer techniques count as harder. Only the
	// labelled spans are needed here; the articles the round cannot use are not prepared.
	const frequency = new Map<TechniqueId, number>();
	for (const a of content) {
		for (const s of labelledSpans(a).spans) {
			frequency.set(s.techniqueId, (frequency.get(s.techniqueId) ?? 0) + 1);
		}
	}
	const maxFrequency = Math.max(1, ...frequency.values());
	const rarity = (t: TechniqueId) =>
		1 - Math.log(1 + (frequency.get(t) ?? 0)) / Math.log(1 + maxFrequency);

	let chosen =
		config.articleId === null ? content : content.filter((a) => a.id === config.articleId);
	if (config.articleId !== null && chosen.length === 0) {
		throw new Error(`No article with id "${config.articleId}" to build a round from`);
	}
	if (sources.length > 0) {
		chosen = chosen.filter((a) => sources.includes(a.collection ?? ''));
	}
	const articles = chosen.map(prepare);

	const candidates = collectCandidates(articles, config, rarity);
	byKey.set(key, candidates);
	return candidates;
}

/** How far a judge candidate's surface is from a target profile: 0 when source and marks match. */
function profileDistance(c: Candidate, target: Features): number {
	const f = c.features;
	return (
		(f.collection === target.collection ? 0 : 8) +
		(f.digits === target.digits ? 0 : 2) +
		(f.quotes === target.quotes ? 0 : 2) +
		(f.marks === target.marks ? 0 : 1)
	);
}

/** The candidates closest to the profile (all of them when none is given). */
function closestTo(pool: Candidate[], target: Features | null): Candidate[] {
	if (!target || pool.length === 0) return pool;
	let best = Infinity;
	for (const c of pool) best = Math.min(best, profileDistance(c, target));
	return pool.filter((c) => profileDistance(c, target) === best);
}

/**
 * Builds a round of up to `config.count` questions.
 *
 * Candidates: for every labelled span (of the chosen families and sources) the best window
 * around it (one to three whole sentences of at least 8 words, aiming for 15–80, never over 90
 * words or 600 characters, never cutting a span or a quotation; any holding a flagged word is
 * skipped when picked)
 * gives a name item, a loaded judge item and, in a window where the technique covers less than
 * half the words, a find item (its window chosen, and find items preferred, so the phrase's
 * position in the excerpt gives nothing away: see bestFindWindow and preferFindItems). Repetition is asked only from windows that show the repetition.
 * Clean ranges, and in exhaustively labelled articles unlabelled sentences with no label next to
 * them, give straight judge items. Windows depend on the content only, so item keys stay stable
 * across rounds and statistics accumulate per item.
 *
 * Mix: about 40% name, 30% find, 30% judge; each judge item is straight or loaded by a fair coin
 * (when there are straight passages). A kind that runs out hands its share to the others. No
 * two questions overlap in the same article. Judge items are chosen to look alike whatever their
 * key: each one is matched to a surface profile (digits, quotation marks, ? or !, length, source)
 * drawn from straight and loaded passages alike, so no surface cue predicts the key.
 *
 * Name items offer the answer and three distractors (see pickDistractors), shuffled. No technique
 * is asked more than MAX_ASKS_PER_TECHNIQUE times unless it is a focus technique (or nothing
 * else is left). Excerpts overlapping `history.seen` are used only when no unseen one is left.
 *
 * Difficulty: a content prior (rarer techniques are harder; find is harder than name; loaded
 * passages with few labelled words are harder to spot) blended with the observed error rate
 * when `stats` are given (shrunk toward the prior, worth PRIOR_ANSWERS answers). Candidates are
 * split into thirds by difficulty and each kind's picks rotate through the thirds, so a round
 * spreads across easy, medium and hard items. Focus techniques weigh FOCUS_WEIGHT times as much;
 * techniques and articles already in the round, and excerpts under 15 words, weigh less. The
 * round is ordered from easier to harder.
 *
 * Easy or hard rounds (`config.difficulty`) aim every pick at the easiest or hardest third
 * instead of rotating (see difficulty.ts).
 *
 * Throws an Error when the content cannot make a single question (or the article asked for does
 * not exist, or the count is not a positive integer).
 */
export function buildRound(
	content: ContentArticle[],
	config: RoundConfig,
	seed: string,
	stats?: Map<string, ItemStats>,
	history: RoundHistory = {}
): Question[] {
	if (!Number.isInteger(config.count) || config.count < 1) {
		throw new Error(
			`A round needs a whole number of questions of at least 1 (got ${config.count})`
		);
	}
	const rng = createRng(seed);
	const candidates = baseCandidates(content, config).map((c) => ({ ...c }));
	if (candidates.length === 0) {
		throw new Error(
			'This content cannot make a single question: no labelled span or clean passage fits an excerpt' +
				(config.families.length > 0 ? ' in the chosen families' : '')
		);
	}
	for (const c of candidates) {
		const s = stats?.get(c.itemKey);
		if (s && s.answered > 0) {
			const errorRate = 1 - Math.min(s.correct, s.answered) / s.answered;
			c.difficulty =
				(PRIOR_ANSWERS * c.difficulty + s.answered * errorRate) / (PRIOR_ANSWERS + s.answered);
		}
	}
	const byDifficulty = candidates
		.map((c, i) => ({ c, i }))
		.sort((a, b) => a.c.difficulty - b.c.difficulty || a.i - b.i);
	byDifficulty.forEach(({ c }, rank) => {
		c.band = Math.min(2, Math.floor((3 * rank) / candidates.length));
	});

	const seenByArticle = new Map<string, { start: number; end: number }[]>();
	for (const s of history.seen ?? []) {
		const list = seenByArticle.get(s.articleId) ?? [];
		list.push(s);
		seenByArticle.set(s.articleId, list);
	}
	const isSeen = (c: Candidate) => {
		const list = seenByArticle.get(c.prepared.article.id);
		if (!list) return false;
		const start = c.prepared.cpi.toCodePoint(c.window.start);
		const end = c.prepared.cpi.toCodePoint(c.window.end);
		return list.some((s) => s.start < end && start < s.end);
	};

	const focus = new Set(config.focusTechniques);
	const quota = quotas(
		config.count,
		candidates.some((c) => c.slot === 'clean'),
		rng
	);
	const exhausted = new Set<Slot>();
	const used = new Set<Candidate>();
	const chosen: Candidate[] = [];
	const questions = new Map<Candidate, Question>();
	const techniqueUses = new Map<TechniqueId, number>();
	const asks = new Map<TechniqueId, number>();
	const articleUses = new Map<Prepared, number>();
	const picksOf: Record<Slot, number> = { name: 0, find: 0, loaded: 0, clean: 0 };
	const bandOffset = rng.int(3);
	const bySlot: Record<Slot, Candidate[]> = { name: [], find: [], loaded: [], clean: [] };
	for (const c of candidates) bySlot[c.slot].push(c);
	const judgeProfiles = [...bySlot.loaded, ...bySlot.clean];

	const overAsked = (c: Candidate) =>
		c.techniqueId !== null &&
		!focus.has(c.techniqueId) &&
		(asks.get(c.techniqueId) ?? 0) >= MAX_ASKS_PER_TECHNIQUE;

	/** The open candidates of a slot, preferring unseen and not over-asked ones. */
	const poolOf = (slot: Slot): Candidate[] => {
		const open = bySlot[slot].filter((c) => !used.has(c) && !overlapsChosen(c, chosen));
		for (const keep of [
			(c: Candidate) => !isSeen(c) && !overAsked(c) && c.preferred,
			(c: Candidate) => !isSeen(c) && !overAsked(c),
			(c: Candidate) => !overAsked(c) && c.preferred,
			(c: Candidate) => !overAsked(c),
			() => true
		]) {
			const pool = open.filter(keep);
			if (pool.length > 0) return pool;
		}
		return [];
	};

	const nameSetWeights = choiceSetWeights(history.confusion, focus);

	const pick = (slot: Slot): boolean => {
		const desiredBand = targetBand(config.difficulty, picksOf[slot] + bandOffset);
		// Judge items of both keys imitate the surface of a straight passage drawn at random
		// (straight passages are the scarcer kind), so no surface feature tells the key.
		let profile: Features | null = null;
		if ((slot === 'loaded' || slot === 'clean') && judgeProfiles.length > 0) {
			profile = rng.pick(bySlot.clean.length > 0 ? bySlot.clean : judgeProfiles).features;
		}
		for (;;) {
			let pool = closestTo(poolOf(slot), profile);
			if (pool.length === 0) return false;
			// Name items: the set of choices first, then the answer uniformly from it, then an
			// excerpt of that answer (nameChoices.ts says why). Content that cannot make a set of
			// four (a round of one or two small families) falls back to distractors around the key.
			let choices: TechniqueId[] | null = null;
			if (slot === 'name') {
				// An easy or hard round draws the set from the excerpts of its band when it can, then
				// the nearer bands: the answer follows the set, so the band must be chosen first.
				const reach =
					config.difficulty === 'easy' || config.difficulty === 'hard' ? [0, 1, 2] : [2];
				for (const distance of reach) {
					const near = pool.filter((c) => Math.abs(c.band - desiredBand) <= distance);
					choices = chooseChoiceSet(rng, answerableIn(near), nameSetWeights);
					if (!choices) continue;
					const set = maskOf(choices);
					const answer = rng.pick(choices);
					pool = near.filter((c) => c.techniqueId === answer && fitsSet(c.labelled, set, answer));
					break;
				}
			}
			const weights = pool.map((c) => {
				let w = bandWeight(config.difficulty, c.band, desiredBand);
				if (c.techniques.some((t) => focus.has(t))) w *= FOCUS_WEIGHT;
				for (const t of c.techniques) w *= 0.5 ** (techniqueUses.get(t) ?? 0);
				w *= 0.6 ** (articleUses.get(c.prepared) ?? 0);
				// Short excerpts give little context (PTC lines can be a few words).
				if (c.window.words < EXCERPT_MIN_WORDS) w *= 0.3;
				if (profile) w *= Math.exp(-Math.abs(c.window.words - profile.words) / 3);
				return w;
			});
			const c = pool[rng.weightedIndex(weights)];
			used.add(c);
			const q = materialize(c, rng, history, choices);
			if (!q) continue;
			chosen.push(c);
			questions.set(c, q);
			picksOf[slot]++;
			for (const t of c.techniques) techniqueUses.set(t, (techniqueUses.get(t) ?? 0) + 1);
			if (c.techniqueId) asks.set(c.techniqueId, (asks.get(c.techniqueId) ?? 0) + 1);
			articleUses.set(c.prepared, (articleUses.get(c.prepared) ?? 0) + 1);
			return true;
		}
	};

	while (chosen.length < config.count && exhausted.size < SLOT_ORDER.length) {
		for (const slot of SLOT_ORDER) {
			if (chosen.length >= config.count) break;
			if (quota[slot] <= 0) continue;
			if (!exhausted.has(slot) && pick(slot)) {
				quota[slot]--;
				continue;
			}
			exhausted.add(slot);
			const heir = FALLBACK[slot].find((s) => !exhausted.has(s));
			if (heir) quota[heir] += quota[slot];
			quota[slot] = 0;
		}
		if (SLOT_ORDER.every((s) => quota[s] <= 0 || exhausted.has(s))) {
			// Every remaining quota belongs to an exhausted kind.
			const open = SLOT_ORDER.filter((s) => !exhausted.has(s));
			if (open.length === 0) break;
			quota[open[0]] += config.count - chosen.length;
		}
	}

	if (chosen.length === 0) {
		throw new Error('This content cannot make a single fair question');
	}
	return chosen
		.map((c, i) => ({ c, i }))
		.sort((a, b) => a.c.difficulty - b.c.difficulty || a.i - b.i)
		.map(({ c }) => questions.get(c) as Question);
}

/**
 * Every item `content` can make under `config`, each built once as a round would build it (same
 * windows, excerpts, distractors and word-list filter; distractors drawn from `seed`), for the
 * article preview. Unlike buildRound, no mix, overlap, variety or difficulty rule applies: this is
 * the pool a round draws from. Candidates that cannot make a fair question are left out, as a
 * round leaves them out. Returns [] when nothing fits.
 */
export function listItems(
	content: ContentArticle[],
	config: RoundConfig,
	seed: string
): Question[] {
	const rng = createRng(seed);
	const out: Question[] = [];
	for (const c of baseCandidates(content, config)) {
		const q = materialize({ ...c }, rng, {});
		if (q) out.push(q);
	}
	return out;
}

/**
 * The content model's difficulty (0 easy .. 1 hard) of every item `content` can make under
 * `config`, by item key: the prior buildRound starts from before any answer is seen (rarer
 * techniques are harder; find is harder than name; loaded passages with few labelled words are
 * harder to spot; straight passages 0.45).
 */
export function itemPriors(content: ContentArticle[], config: RoundConfig): Map<string, number> {
	return new Map(baseCandidates(content, config).map((c) => [c.itemKey, c.difficulty]));
}

/** One reviewable item of an article as the reviewing teacher sees it (reviewItemsOf). */
export interface ReviewItem {
	kind: 'span' | 'straight';
	/** The labelled span (span items), with its review status and key. */
	span: ContentSpan | null;
	/** Code points of the straight passage (straight items) or the span. */
	start: number;
	end: number;
	/** The excerpt a round would show, or null when no excerpt fits (never asked). */
	excerpt: Excerpt | null;
	/** The span's words in the excerpt (span items). */
	highlight: TokenRange | null;
	/** The span's words as they stand in the article. */
	text: string;
	/** Held back from students whatever the review (slur, obscenity or the sensitive screen). */
	heldBack: boolean;
}

/**
 * Every reviewable item of one article, for the review page: each labelled span (hidden ones
 * included) in the excerpt a round would ask it in, and the straight passages a round could use,
 * each the longest window (its shorter windows lie inside it, and approving it approves them).
 * Whether each excerpt is held back is said, as the round builder decides it.
 */
export function reviewItemsOf(article: ContentArticle): ReviewItem[] {
	const p = prepare(article);
	const body = article.body;
	const toExcerpt = (w: Window): Excerpt => ({
		articleId: article.id,
		articleTitle: article.title,
		outlet: article.outlet,
		start: p.cpi.toCodePoint(w.start),
		end: p.cpi.toCodePoint(w.end),
		tokens: tokenize(body.slice(w.start, w.end))
	});
	const out: ReviewItem[] = [];
	for (const span of p.spans) {
		const para = paragraphAt(p, span.start);
		const windows = para
			? windowsOf(p, para).filter(
					(w) => w.start <= span.start && span.end <= w.end && visibleIn(p, span, w)
				)
			: [];
		const main = bestWindow(windows, () => true);
		const excerpt = main ? toExcerpt(main) : null;
		let highlight: TokenRange | null = null;
		if (main && excerpt) {
			highlight = snapToTokens(
				tokenStarts(excerpt.tokens),
				span.start - main.start,
				span.end - main.start
			);
		}
		out.push({
			kind: 'span',
			span: span.source,
			start: span.cpStart,
			end: span.cpEnd,
			excerpt,
			highlight,
			text: body.slice(span.start, span.end),
			heldBack: main ? isFlagged(body.slice(main.start, main.end)) : false
		});
	}
	const clean = cleanWindows(p);
	for (const w of clean) {
		if (clean.some((o) => o !== w && o.start <= w.start && w.end <= o.end)) continue;
		const excerpt = toExcerpt(w);
		out.push({
			kind: 'straight',
			span: null,
			start: excerpt.start,
			end: excerpt.end,
			excerpt,
			highlight: null,
			text: body.slice(w.start, w.end),
			heldBack: isFlagged(body.slice(w.start, w.end))
		});
	}
	return out;
}
