/**
 * Parallel item sets for a check before and after teaching: one pool of questions (built as one
 * round, so no two overlap in an article) split into two sets with the same mix of question
 * kinds and techniques and the same spread of difficulty, sharing no excerpt.
 */
import { questionTechnique } from './round';
import { techniqueById } from './techniques';
import type { Question } from './types';

/** Whether two questions show overlapping text of the same article. */
export function sharesExcerpt(a: Question, b: Question): boolean {
	return (
		a.excerpt.articleId === b.excerpt.articleId &&
		a.excerpt.start < b.excerpt.end &&
		b.excerpt.start < a.excerpt.end
	);
}

/**
 * What two questions of a pair share, from the closest match to the loosest: the kind and the
 * technique (or loaded / straight); the kind and the technique's family; the kind (loaded and
 * straight still apart); the kind; nothing (only when the content leaves no better partner).
 */
const MATCH_LEVELS: ((q: Question) => string)[] = [
	(q) => (q.kind === 'judge' ? `judge:${q.loaded}` : `${q.kind}:${questionTechnique(q)}`),
	(q) => {
		if (q.kind === 'judge') return `judge:${q.loaded}`;
		const id = questionTechnique(q);
		return `${q.kind}:${id ? (techniqueById(id)?.family ?? id) : ''}`;
	},
	(q) => (q.kind === 'judge' ? `judge:${q.loaded}` : q.kind),
	(q) => q.kind,
	() => ''
];

/**
 * Splits `pool` into two parallel sets of at most `size` questions each. Questions are paired,
 * closest match first (same kind and technique, then same kind and family, and so on), and
 * within a match by neighbouring difficulty (0 easy .. 1 hard); the kinds take turns so the mix
 * follows the pool. Pairs are dealt widest difficulty gap first, the harder of a pair to the set
 * behind on difficulty, so the sets end with the same mix and similar difficulty. Questions left
 * without a partner are not used; nor is a question overlapping one in the other set (a pool
 * built as one round has none). Each set keeps the pool's order.
 */
export function splitParallel(
	pool: readonly Question[],
	difficulty: (q: Question) => number,
	size = Math.floor(pool.length / 2)
): [Question[], Question[]] {
	let remaining = [...pool];
	const pairs: [easier: Question, harder: Question][] = [];
	for (const keyOf of MATCH_LEVELS) {
		if (pairs.length >= size) break;
		const groups = new Map<string, Question[]>();
		for (const q of remaining) groups.set(keyOf(q), [...(groups.get(keyOf(q)) ?? []), q]);
		const candidates = [...groups.keys()].sort().map((key) => {
			const items = groups.get(key)!.sort((a, b) => difficulty(a) - difficulty(b));
			const out: [Question, Question][] = [];
			for (let i = 0; i + 1 < items.length; i += 2) out.push([items[i], items[i + 1]]);
			return out;
		});
		// Round robin over the groups, so one kind or technique does not take every place.
		for (let round = 0; pairs.length < size; round++) {
			const taken = candidates.flatMap((list) => (list[round] ? [list[round]] : []));
			if (taken.length === 0) break;
			pairs.push(...taken.slice(0, size - pairs.length));
		}
		const used = new Set(pairs.flat());
		remaining = remaining.filter((q) => !used.has(q));
	}

	const sets: [Question[], Question[]] = [[], []];
	const load = [0, 0];
	const gap = ([easier, harder]: [Question, Question]) => difficulty(harder) - difficulty(easier);
	for (const [easier, harder] of pairs.sort((a, b) => gap(b) - gap(a))) {
		const harderTo = load[0] <= load[1] ? 0 : 1;
		const easierTo = 1 - harderTo;
		if (
			sets[easierTo].some((o) => sharesExcerpt(o, harder)) ||
			sets[harderTo].some((o) => sharesExcerpt(o, easier))
		) {
			continue;
		}
		sets[harderTo].push(harder);
		sets[easierTo].push(easier);
		load[harderTo] += difficulty(harder);
		load[easierTo] += difficulty(easier);
	}
	const order = new Map(pool.map((q, i) => [q, i]));
	const byPool = (a: Question, b: Question) => order.get(a)! - order.get(b)!;
	return [sets[0].sort(byPool), sets[1].sort(byPool)];
}
