/**
 * Parallel item sets for a check before and after teaching: one pool of questions (built as one
 * round, so no two overlap in an article) split into two sets with the same mix of question
 * kinds and techniques and the same spread of difficulty, sharing no excerpt.
 */
import { questionTechnique } from './round';
import type { Question } from './types';

/** Whether two questions show overlapping text of the same article. */
export function sharesExcerpt(a: Question, b: Question): boolean {
	return (
		a.excerpt.articleId === b.excerpt.articleId &&
		a.excerpt.start < b.excerpt.end &&
		b.excerpt.start < a.excerpt.end
	);
}

/** What must match between the sets: the kind, and the technique (or loaded / straight). */
function stratum(q: Question): string {
	if (q.kind === 'judge') return `judge:${q.loaded ? 'loaded' : 'straight'}`;
	return `${q.kind}:${questionTechnique(q)}`;
}

/**
 * Splits `pool` into two parallel sets. Within each stratum (kind and technique) questions are
 * ordered by difficulty (0 easy .. 1 hard) and paired off; pairs are dealt widest gap first, the
 * harder of a pair to the set behind on difficulty, so both sets get the same mix and similar
 * difficulty. A
 * stratum with an odd count leaves one question over; those are dealt hardest first to the
 * smaller set. Sets end the same size (an odd pool leaves its last spare out). A question
 * overlapping one in the other set is left out (a pool built as one round has none). Each set
 * keeps the pool's order.
 */
export function splitParallel(
	pool: readonly Question[],
	difficulty: (q: Question) => number
): [Question[], Question[]] {
	const strata = new Map<string, Question[]>();
	for (const q of pool) {
		const key = stratum(q);
		strata.set(key, [...(strata.get(key) ?? []), q]);
	}
	const sets: [Question[], Question[]] = [[], []];
	const load = [0, 0];
	const place = (q: Question, side: number) => {
		if (sets[1 - side].some((o) => sharesExcerpt(o, q))) return;
		sets[side].push(q);
		load[side] += difficulty(q);
	};
	const behind = () => (load[0] <= load[1] ? 0 : 1);
	const leftovers: Question[] = [];
	const pairs: [easier: Question, harder: Question][] = [];
	for (const key of [...strata.keys()].sort()) {
		const items = [...strata.get(key)!].sort((a, b) => difficulty(a) - difficulty(b));
		for (let i = 0; i + 1 < items.length; i += 2) pairs.push([items[i], items[i + 1]]);
		if (items.length % 2 === 1) leftovers.push(items[items.length - 1]);
	}
	// Widest gaps first, so the narrow ones that follow even out what they leave.
	const gap = ([easier, harder]: [Question, Question]) => difficulty(harder) - difficulty(easier);
	pairs.sort((a, b) => gap(b) - gap(a));
	for (const [easier, harder] of pairs) {
		const harderTo = behind();
		place(harder, harderTo);
		place(easier, 1 - harderTo);
	}
	leftovers.sort((a, b) => difficulty(b) - difficulty(a));
	for (const q of leftovers) {
		place(
			q,
			sets[0].length === sets[1].length ? behind() : sets[0].length < sets[1].length ? 0 : 1
		);
	}
	while (sets[0].length !== sets[1].length) {
		sets[sets[0].length > sets[1].length ? 0 : 1].pop();
	}
	const order = new Map(pool.map((q, i) => [q, i]));
	const byPool = (a: Question, b: Question) => order.get(a)! - order.get(b)!;
	return [sets[0].sort(byPool), sets[1].sort(byPool)];
}
