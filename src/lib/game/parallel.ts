/**
 * Parallel forms for the checks before and after teaching: two fixed sets of items, matched item
 * for item on kind, technique and difficulty, that share no excerpt, so a student who takes one
 * form before and the other after is measured twice with the same ruler.
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

/** The two forms of a check: a student takes one before teaching and the other after. */
export type CheckForm = 'A' | 'B';

/** The kinds of item a form holds: a loaded-or-straight item is loaded or straight. */
export type FormSlot = 'loaded' | 'straight' | 'name' | 'find';

/** Items of each slot in one form. */
export type FormPlan = Readonly<Record<FormSlot, number>>;

/**
 * One form: 16 loaded-or-straight items, half of them straight (enough for a d′ of each student:
 * see discernment.ts), and 4 name and 4 find items.
 */
export const FORM_PLAN: FormPlan = { loaded: 8, straight: 8, name: 4, find: 4 };

/** Questions in one form of FORM_PLAN. */
export const FORM_SIZE = Object.values(FORM_PLAN).reduce((a, b) => a + b, 0);

/** The slot a question fills. */
export function slotOf(q: Question): FormSlot {
	return q.kind === 'judge' ? (q.loaded ? 'loaded' : 'straight') : q.kind;
}

/**
 * What two items of a pair must share: the slot and the technique (the key of a name item, the
 * technique to find, the first technique of a loaded passage; none for a straight one).
 */
export function matchKey(q: Question): string {
	return `${slotOf(q)}:${questionTechnique(q) ?? ''}`;
}

/** Neighbours in difficulty order considered as partners (keeps large corpora fast). */
const PARTNERS = 6;
/** A slot asks one technique this many times at most while other techniques are left. */
const SAME_TECHNIQUE: Readonly<Record<FormSlot, number>> = {
	loaded: 2,
	straight: Infinity,
	name: 1,
	find: 1
};
/** Slots in the order they are filled: the scarcest kinds of item first. */
const SLOT_ORDER: readonly FormSlot[] = ['straight', 'find', 'name', 'loaded'];

interface Pair {
	a: Question;
	b: Question;
	da: number;
	db: number;
	technique: string;
}

export type ParallelForms =
	{ ok: true; forms: [Question[], Question[]] } | { ok: false; short: FormSlot[] };

/**
 * Two parallel forms of `plan` from `items` (every item the content can make, e.g. listItems):
 * item k of one form is matched with item k of the other on slot and technique, with the closest
 * difficulty (0 easy .. 1 hard, from `difficulty`) that leaves no two chosen items sharing an
 * excerpt. Pairs are chosen per slot, scarcest slot first, smallest difficulty gap first, then
 * items nearer the middle (they tell students apart best), then articles used least; a name or
 * find technique is asked once per form while others are left. Loaded passages are held to the
 * length of the straight ones, so length does not tell the key. The harder item of each pair
 * goes to the form behind on total difficulty, so the forms end level; both forms are ordered
 * by the pair's mean difficulty, easiest first. Deterministic: the same items and difficulties
 * give the same forms. When some slot cannot be filled, says which (`short`).
 */
export function buildParallelForms(
	items: readonly Question[],
	difficulty: (q: Question) => number,
	plan: FormPlan = FORM_PLAN
): ParallelForms {
	const d = new Map(items.map((q) => [q, difficulty(q)]));
	const chosen: Question[] = [];
	const articleUses = new Map<string, number>();
	const free = (q: Question) => !chosen.some((c) => sharesExcerpt(c, q));
	const wordsOf = (q: Question) => q.excerpt.tokens.filter((t) => t.word).length;
	const picked: Pair[] = [];
	const short: FormSlot[] = [];

	for (const slot of SLOT_ORDER) {
		const want = plan[slot];
		if (want === 0) continue;
		const groups = new Map<string, Question[]>();
		for (const q of items) {
			if (slotOf(q) !== slot) continue;
			const key = matchKey(q);
			groups.set(key, [...(groups.get(key) ?? []), q]);
		}
		const candidates: Pair[] = [];
		for (const [key, group] of groups) {
			group.sort((x, y) => d.get(x)! - d.get(y)! || (x.itemKey < y.itemKey ? -1 : 1));
			for (let i = 0; i < group.length; i++) {
				for (let j = i + 1; j < Math.min(group.length, i + 1 + PARTNERS); j++) {
					const [a, b] = [group[i], group[j]];
					if (sharesExcerpt(a, b)) continue;
					candidates.push({ a, b, da: d.get(a)!, db: d.get(b)!, technique: key });
				}
			}
		}
		const straightWords = picked
			.filter((p) => slotOf(p.a) === 'straight')
			.flatMap((p) => [wordsOf(p.a), wordsOf(p.b)]);
		const meanStraight =
			straightWords.length > 0
				? straightWords.reduce((s, w) => s + w, 0) / straightWords.length
				: null;
		const uses = new Map<string, number>();
		let got = 0;
		for (let limitOff = 0; limitOff < 2 && got < want; limitOff++) {
			for (;;) {
				if (got >= want) break;
				let best: Pair | null = null;
				let bestCost = Infinity;
				for (const p of candidates) {
					if (!free(p.a) || !free(p.b) || chosen.includes(p.a) || chosen.includes(p.b)) continue;
					if (limitOff === 0 && (uses.get(p.technique) ?? 0) >= SAME_TECHNIQUE[slot]) continue;
					const mean = (p.da + p.db) / 2;
					let cost =
						Math.abs(p.da - p.db) +
						0.2 * Math.abs(mean - 0.5) +
						0.05 *
							((articleUses.get(p.a.excerpt.articleId) ?? 0) +
								(articleUses.get(p.b.excerpt.articleId) ?? 0));
					if (slot === 'loaded' && meanStraight !== null) {
						cost +=
							(Math.abs(wordsOf(p.a) - meanStraight) + Math.abs(wordsOf(p.b) - meanStraight)) / 100;
					}
					if (
						cost < bestCost - 1e-12 ||
						(Math.abs(cost - bestCost) <= 1e-12 && best && pairKey(p) < pairKey(best))
					) {
						best = p;
						bestCost = cost;
					}
				}
				if (!best) break;
				chosen.push(best.a, best.b);
				for (const q of [best.a, best.b]) {
					articleUses.set(q.excerpt.articleId, (articleUses.get(q.excerpt.articleId) ?? 0) + 1);
				}
				uses.set(best.technique, (uses.get(best.technique) ?? 0) + 1);
				picked.push(best);
				got++;
			}
		}
		if (got < want) short.push(slot);
	}
	if (short.length > 0) return { ok: false, short };

	const forms: [Question[], Question[]] = [[], []];
	const load = [0, 0];
	const gap = (p: Pair) => Math.abs(p.da - p.db);
	const placed = [...picked]
		.sort((x, y) => gap(y) - gap(x) || (pairKey(x) < pairKey(y) ? -1 : 1))
		.map((p) => {
			const [easier, harder] = p.da <= p.db ? [p.a, p.b] : [p.b, p.a];
			const harderTo = load[0] <= load[1] ? 0 : 1;
			load[harderTo] += Math.max(p.da, p.db);
			load[1 - harderTo] += Math.min(p.da, p.db);
			return { mean: (p.da + p.db) / 2, key: pairKey(p), to: [harderTo, easier, harder] as const };
		})
		.sort((x, y) => x.mean - y.mean || (x.key < y.key ? -1 : 1));
	for (const { to } of placed) {
		const [harderTo, easier, harder] = to;
		forms[harderTo].push(harder);
		forms[1 - harderTo].push(easier);
	}
	return { ok: true, forms };
}

function pairKey(p: Pair): string {
	return p.a.itemKey < p.b.itemKey
		? `${p.a.itemKey}|${p.b.itemKey}`
		: `${p.b.itemKey}|${p.a.itemKey}`;
}
