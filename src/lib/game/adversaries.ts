/**
 * Test-wise players: strategies that answer without reading what the excerpt means. They play
 * against generated rounds in `adversaries.spec.ts` and in `npm run bench:items`, so a rule that
 * lets one of them beat chance shows up in both. Each sees only what a player sees before
 * answering (the public question) plus what anyone can learn from the technique guide and from
 * playing a lot (families, "often mixed up with", how often each technique is the answer).
 *
 * Not used by the game itself.
 */
import { COMMONLY_CONFUSED } from './round';
import { technique, type TechniqueId } from './techniques';
import type { Token, TokenRange } from './types';

/** Chance for a name question: one of four choices. */
export const NAME_CHANCE = 0.25;

// ---------------------------------------------------------------------------------------------
// Name the technique.

/** Picks one of the offered techniques. */
export type NamePlayer = (choices: readonly TechniqueId[]) => TechniqueId;

/** Whether the guide links two techniques: the same family or an "often mixed up with" entry. */
export function linked(a: TechniqueId, b: TechniqueId): boolean {
	return (
		a !== b &&
		(technique(a).family === technique(b).family ||
			COMMONLY_CONFUSED[a].includes(b) ||
			COMMONLY_CONFUSED[b].includes(a))
	);
}

/** The first choice with the highest score (choices come in a random order, so ties are fair). */
function argmax(choices: readonly TechniqueId[], score: (t: TechniqueId) => number): TechniqueId {
	let best = choices[0];
	for (const c of choices) if (score(c) > score(best)) best = c;
	return best;
}

/** Always `t` when it is offered, otherwise the first choice. */
export function alwaysPlayer(t: TechniqueId): NamePlayer {
	return (choices) => (choices.includes(t) ? t : choices[0]);
}

/** The choice the guide links to the most other choices (the centre of the cluster). */
export const mostConnectedPlayer: NamePlayer = (choices) =>
	argmax(choices, (c) => choices.filter((o) => linked(c, o)).length);

/** The choice that is the answer most often in the content (`keyCounts`: labels per technique). */
export function mostFrequentPlayer(keyCounts: ReadonlyMap<TechniqueId, number>): NamePlayer {
	return (choices) => argmax(choices, (c) => keyCounts.get(c) ?? 0);
}

/** The choice that is the answer least often in the content. */
export function leastFrequentPlayer(keyCounts: ReadonlyMap<TechniqueId, number>): NamePlayer {
	return (choices) => argmax(choices, (c) => -(keyCounts.get(c) ?? 0));
}

/** A set of choices as an order-free key. */
function setKey(choices: readonly TechniqueId[]): string {
	return [...choices].sort().join('|');
}

/**
 * A player that learns from answered questions (`train`), then plays: for a set of choices it has
 * seen, the choice that was the answer most often with that set; otherwise the choice that was
 * the answer most often whenever it was offered. The strongest taxonomy-only strategy measured
 * here: any rule that reads only the set of choices is a special case of the first half.
 */
export function learnedPlayer(
	train: readonly { choices: readonly TechniqueId[]; answer: TechniqueId }[]
): NamePlayer {
	const bySet = new Map<string, Map<TechniqueId, number>>();
	const offered = new Map<TechniqueId, number>();
	const keyed = new Map<TechniqueId, number>();
	for (const q of train) {
		const key = setKey(q.choices);
		const counts = bySet.get(key) ?? new Map<TechniqueId, number>();
		counts.set(q.answer, (counts.get(q.answer) ?? 0) + 1);
		bySet.set(key, counts);
		for (const c of q.choices) offered.set(c, (offered.get(c) ?? 0) + 1);
		keyed.set(q.answer, (keyed.get(q.answer) ?? 0) + 1);
	}
	const rate = (t: TechniqueId) => (keyed.get(t) ?? 0) / Math.max(1, offered.get(t) ?? 0);
	return (choices) => {
		const seen = bySet.get(setKey(choices));
		if (seen) return argmax(choices, (c) => (seen.get(c) ?? 0) + rate(c) / 10);
		return argmax(choices, rate);
	};
}

// ---------------------------------------------------------------------------------------------
// Find the phrase.

/** Selects a range of the excerpt's tokens; `turn` counts the find questions played so far. */
export type FindPlayer = (tokens: readonly Token[], turn: number) => TokenRange | null;

function wordIndices(tokens: readonly Token[]): number[] {
	const out: number[] = [];
	tokens.forEach((t, i) => {
		if (t.word) out.push(i);
	});
	return out;
}

/** Token range from the `from`-th to the `to`-th word (inclusive, clamped); null when empty. */
function wordRange(tokens: readonly Token[], from: number, to: number): TokenRange | null {
	const words = wordIndices(tokens);
	const a = Math.max(0, from);
	const b = Math.min(words.length - 1, to);
	return a <= b ? [words[a], words[b] + 1] : null;
}

/** Runs of words split where a token matches `boundary`, as [first word, last word] indices. */
function runs(tokens: readonly Token[], boundary: RegExp): [number, number][] {
	const out: [number, number][] = [];
	let w = 0;
	let start = -1;
	for (const t of tokens) {
		if (t.word) {
			if (start < 0) start = w;
			w++;
		} else if (boundary.test(t.text) && start >= 0) {
			out.push([start, w - 1]);
			start = -1;
		}
	}
	if (start >= 0) out.push([start, w - 1]);
	return out;
}

const SENTENCE_END = /[.!?…]/u;
const CLAUSE_END = /[.!?…,;:()—–]/u;

function sentences(tokens: readonly Token[]): [number, number][] {
	return runs(tokens, SENTENCE_END);
}

function longestClause(tokens: readonly Token[]): [number, number] | null {
	let best: [number, number] | null = null;
	for (const r of runs(tokens, CLAUSE_END)) if (!best || r[1] - r[0] > best[1] - best[0]) best = r;
	return best;
}

/** The words inside the first pair of quotation marks, or null when there is none. */
function quoted(tokens: readonly Token[]): TokenRange | null {
	const isQuote = (t: Token) => !t.word && /["“”«»]/u.test(t.text);
	const open = tokens.findIndex(isQuote);
	if (open < 0) return null;
	const close = tokens.findIndex((t, i) => i > open && isQuote(t));
	if (close < 0) return null;
	const inside = tokens.slice(open + 1, close).some((t) => t.word);
	return inside ? [open + 1, close] : null;
}

const endOfLongestClause: FindPlayer = (tokens) => {
	const c = longestClause(tokens);
	return c ? wordRange(tokens, Math.max(c[0], c[1] - 3), c[1]) : null;
};

/** The `n` words in the middle of the excerpt (a player outside the list). */
export function middleWords(n: number): FindPlayer {
	return (tokens) => {
		const count = wordIndices(tokens).length;
		const from = Math.max(0, Math.floor((count - n) / 2));
		return wordRange(tokens, from, from + n - 1);
	};
}

/** Every positional find player, by name: none of them reads what the words mean. */
export function findPlayers(): Record<string, FindPlayer> {
	const players: Record<string, FindPlayer> = {
		'first half': (tokens) => wordRange(tokens, 0, Math.ceil(wordIndices(tokens).length / 2) - 1),
		'second half': (tokens) => {
			const n = wordIndices(tokens).length;
			return wordRange(tokens, Math.floor(n / 2), n - 1);
		},
		'quoted words (else end of longest clause)': (tokens, turn) =>
			quoted(tokens) ?? endOfLongestClause(tokens, turn),
		'longest clause': (tokens) => {
			const c = longestClause(tokens);
			return c ? wordRange(tokens, c[0], c[1]) : null;
		},
		'end of longest clause (4 words)': endOfLongestClause,
		'first sentence': (tokens) => {
			const s = sentences(tokens)[0];
			return s ? wordRange(tokens, s[0], s[1]) : null;
		},
		'last sentence': (tokens) => {
			const s = sentences(tokens).at(-1);
			return s ? wordRange(tokens, s[0], s[1]) : null;
		},
		'each sentence in turn': (tokens, turn) => {
			const all = sentences(tokens);
			const s = all[turn % Math.max(1, all.length)];
			return s ? wordRange(tokens, s[0], s[1]) : null;
		}
	};
	for (const n of [1, 2, 3, 4, 5, 6, 8, 10, 12, 16]) {
		players[`first ${n} words`] = (tokens) => wordRange(tokens, 0, n - 1);
		players[`last ${n} words`] = (tokens) => {
			const count = wordIndices(tokens).length;
			return wordRange(tokens, count - n, count - 1);
		};
	}
	return players;
}

/**
 * What a reader who found the phrase `target` might select, by name: the phrase, the phrase give
 * or take a word at either end (a word is taken only from phrases of three words or more, where
 * that still leaves most of it), and the first half of the phrase (rounded down; phrases of two
 * words or more). Null where the excerpt has no such word. The credit rule must give the first
 * five full credit and the half partial credit (issue 22): `npm run bench:items` and
 * adversaries.spec.ts check both.
 */
export function readerSelections(
	tokens: readonly Token[],
	target: TokenRange
): Record<string, TokenRange | null> {
	const words = wordIndices(tokens);
	const inside = words.filter((i) => i >= target[0] && i < target[1]);
	const first = words.indexOf(inside[0]);
	const last = first + inside.length - 1;
	const range = (from: number, to: number): TokenRange | null =>
		from >= 0 && to < words.length && from <= to ? [words[from], words[to] + 1] : null;
	const long = inside.length >= 3;
	return {
		'the phrase': range(first, last),
		'the phrase and the word before': range(first - 1, last),
		'the phrase and the word after': range(first, last + 1),
		'the phrase without its first word': long ? range(first + 1, last) : null,
		'the phrase without its last word': long ? range(first, last - 1) : null,
		'the first half of the phrase':
			inside.length >= 2 ? range(first, first + Math.floor(inside.length / 2) - 1) : null
	};
}

/** The reader selections that must earn full credit (all but the half). */
export const FULL_CREDIT_READERS = [
	'the phrase',
	'the phrase and the word before',
	'the phrase and the word after',
	'the phrase without its first word',
	'the phrase without its last word'
] as const;

// ---------------------------------------------------------------------------------------------
// Loaded or straight.

/** What a player can see of a judge excerpt without reading it. */
export interface JudgeSurface {
	loaded: boolean;
	text: string;
	words: number;
	/** The collection (pack or corpus) the excerpt's article belongs to. */
	source: string;
}

/** Yes/no surface cues a player could use instead of reading. */
export const SURFACE_CUES: Readonly<Record<string, (s: JudgeSurface) => boolean>> = {
	digits: (s) => /\p{N}/u.test(s.text),
	'quotation marks': (s) => /["“”«»]/u.test(s.text),
	'? or !': (s) => /[?!]/u.test(s.text)
};

/**
 * Accuracy of the best rule built from the given cue values: each combination of values answers
 * its majority key (learnt on the same items, so a little optimistic). With one cue this is the
 * cue read either way; with two, any of the 16 rules on their four cells.
 */
export function cueAccuracy(items: readonly JudgeSurface[], cell: (s: JudgeSurface) => string) {
	const cells = new Map<string, { loaded: number; n: number }>();
	for (const s of items) {
		const key = cell(s);
		const c = cells.get(key) ?? { loaded: 0, n: 0 };
		c.n++;
		if (s.loaded) c.loaded++;
		cells.set(key, c);
	}
	let right = 0;
	for (const c of cells.values()) right += Math.max(c.loaded, c.n - c.loaded);
	return items.length ? right / items.length : NaN;
}

/**
 * Every single cue and every pair of cues, with its accuracy: the three marks, the source, and
 * length above a threshold (the best threshold, tried at every length that occurs).
 */
export function cueStrategies(items: readonly JudgeSurface[]): [string, number][] {
	const lengths = [...new Set(items.map((s) => s.words))].sort((a, b) => a - b);
	const base: [string, (s: JudgeSurface) => string][] = [
		...Object.entries(SURFACE_CUES).map(([name, cue]): [string, (s: JudgeSurface) => string] => [
			name,
			(s) => String(cue(s))
		]),
		['source', (s) => s.source]
	];
	const out: [string, number][] = [['always one answer', cueAccuracy(items, () => '')]];
	const bestLength = (name: string, other: ((s: JudgeSurface) => string) | null) => {
		let best = 0;
		for (const t of lengths) {
			const a = cueAccuracy(items, (s) => `${s.words >= t}|${other ? other(s) : ''}`);
			best = Math.max(best, a);
		}
		out.push([name, best]);
	};
	for (const [name, cell] of base) out.push([name, cueAccuracy(items, cell)]);
	bestLength('length', null);
	for (let i = 0; i < base.length; i++) {
		for (let j = i + 1; j < base.length; j++) {
			const [a, ca] = base[i];
			const [b, cb] = base[j];
			out.push([`${a} + ${b}`, cueAccuracy(items, (s) => `${ca(s)}|${cb(s)}`)]);
		}
		bestLength(`${base[i][0]} + length`, base[i][1]);
	}
	return out;
}
