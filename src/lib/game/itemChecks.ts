/**
 * The checks that tell whether questions can be beaten without reading them, shared by
 * `npm run bench:items` (over many rounds) and the article preview (over one article's items):
 * surface cues that predict a loaded-or-straight key, over-selection credit in find items,
 * explanations at the reveal, excerpt length, and name choices that also fit the excerpt.
 */
import { scoreAnswer } from './scoring';
import type { TechniqueId } from './techniques';
import type { FindQuestion, NameQuestion, Question, Reveal } from './types';

/** A loaded-or-straight item as the cue checks see it. */
export interface JudgeItem {
	loaded: boolean;
	text: string;
	words: number;
	/** The collection a player could see (pack or corpus). */
	source: string;
}

/** A yes/no surface feature a player could answer by instead of reading. */
export interface SurfaceCue {
	id: 'digits' | 'quotes' | 'marks';
	/** What the feature is, for reports ("has digits"). */
	label: string;
	test: (item: JudgeItem) => boolean;
}

/** The yes/no cues bench:items reports (length and source have their own functions). */
export const SURFACE_CUES: readonly SurfaceCue[] = [
	{ id: 'digits', label: 'digits', test: (i) => /\p{N}/u.test(i.text) },
	{ id: 'quotes', label: 'quotation marks', test: (i) => /["“”«»]/u.test(i.text) },
	{ id: 'marks', label: '? or !', test: (i) => /[?!]/u.test(i.text) }
];

/** Accuracy of the better direction of a yes/no cue at predicting the key. */
export function binaryCueAccuracy(
	items: readonly JudgeItem[],
	cue: (i: JudgeItem) => boolean
): number {
	let agree = 0;
	for (const i of items) if (cue(i) === i.loaded) agree++;
	return Math.max(agree, items.length - agree) / items.length;
}

/** Accuracy of the best length threshold (either direction). */
export function lengthCueAccuracy(items: readonly JudgeItem[]): number {
	const thresholds = [...new Set(items.map((i) => i.words))];
	let best = 0;
	for (const t of thresholds)
		best = Math.max(
			best,
			binaryCueAccuracy(items, (i) => i.words >= t)
		);
	return best;
}

/** Accuracy of answering each source's majority key. */
export function sourceCueAccuracy(items: readonly JudgeItem[]): number {
	const bySource = new Map<string, { loaded: number; n: number }>();
	for (const i of items) {
		const s = bySource.get(i.source) ?? { loaded: 0, n: 0 };
		s.n++;
		if (i.loaded) s.loaded++;
		bySource.set(i.source, s);
	}
	let right = 0;
	for (const s of bySource.values()) right += Math.max(s.loaded, s.n - s.loaded);
	return right / items.length;
}

/** Whether the player is shown an explanation of the words for this answer. */
export function isExplained(q: Question, reveal: Reveal): boolean {
	const spanExplained = (range: [number, number]) =>
		reveal.spans.some((s) => s.range[0] === range[0] && s.range[1] === range[1] && !!s.explanation);
	switch (q.kind) {
		case 'name':
			return spanExplained(q.highlight);
		case 'find':
			return q.targets.every(spanExplained);
		case 'judge':
			return q.loaded
				? reveal.spans.length > 0 && reveal.spans.every((s) => !!s.explanation)
				: !!reveal.note;
	}
}

/** Words in a question's excerpt. */
export function excerptWords(q: Question): number {
	return q.excerpt.tokens.filter((t) => t.word).length;
}

/** A question's excerpt as text. */
export function excerptText(q: Question): string {
	return q.excerpt.tokens.map((t) => t.text).join('');
}

/** Scoring on accuracy alone, with no clock and no streak: what an item gives for a response. */
export const ACCURACY_ONLY = {
	elapsedMs: 0,
	limitMs: null,
	streak: 0,
	scoring: 'accuracy',
	streaks: false
} as const;

/**
 * The credit a find item gives for selecting the whole excerpt, and for its first three
 * quarters: anything above 0 rewards selecting everything instead of finding the words.
 */
export function findOverSelectionCredit(q: FindQuestion): { whole: number; threeQuarters: number } {
	const n = q.excerpt.tokens.length;
	return {
		whole: scoreAnswer(q, { kind: 'find', range: [0, n] }, ACCURACY_ONLY).credit,
		threeQuarters: scoreAnswer(
			q,
			{ kind: 'find', range: [0, Math.max(1, Math.ceil(n * 0.75))] },
			ACCURACY_ONLY
		).credit
	};
}

/** The wrong choices of a name item that label words of its excerpt too (each would also fit). */
export function nameDistractorsInExcerpt(q: NameQuestion): TechniqueId[] {
	const inExcerpt = new Set(q.spans.map((s) => s.techniqueId));
	return q.choices.filter((c) => c !== q.answer && inExcerpt.has(c));
}
