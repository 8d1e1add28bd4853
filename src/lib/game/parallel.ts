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
 * find technique is asked once per form while others are left. Each loaded passage takes the
 * surface of one of the straight passages chosen (length, digits, quotation marks, ? or !), so
 * no surface cue tells the key. The harder item of each pair
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
		// Loaded passages imitate the straight ones chosen: each takes the surface of one of them.
		const profiles: (Surface | null)[] =
			slot === 'loaded'
				? picked
						.filter((p) => slotOf(p.a) === 'straight')
						.flatMap((p) => [surface(p.a), surface(p.b)])
				: [];
		const nearest = (q: Question, taken = -1): [number, number] => {
			let best: [number, number] = [0, -1];
			profiles.forEach((t, i) => {
				if (i === taken || t === null) return;
				const far = surfaceDistance(surface(q), t);
				if (best[1] === -1 || far < best[0]) best = [far, i];
			});
			return best;
		};
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
					if (profiles.length > 0) {
						const [ca, ia] = nearest(p.a);
						cost += ca + nearest(p.b, ia)[0];
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
				if (profiles.length > 0) {
					const [, ia] = nearest(best.a);
					const [, ib] = nearest(best.b, ia);
					for (const i of [ia, ib]) if (i >= 0) profiles[i] = null;
				}
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

/** What a reader sees of a passage without reading it: its length and its marks. */
interface Surface {
	words: number;
	digits: boolean;
	quotes: boolean;
	marks: boolean;
}

function surface(q: Question): Surface {
	const text = q.excerpt.tokens.map((t) => t.text).join('');
	return {
		words: q.excerpt.tokens.filter((t) => t.word).length,
		digits: /\p{N}/u.test(text),
		quotes: /["“”«»]/u.test(text),
		marks: /[?!]/u.test(text)
	};
}

/** How far apart two surfaces are: a word of length is a tenth, a mark up to a third. */
function surfaceDistance(a: Surface, b: Surface): number {
	return (
		Math.abs(a.words - b.words) / 10 +
		(a.digits === b.digits ? 0 : 0.3) +
		(a.quotes === b.quotes ? 0 : 0.3) +
		(a.marks === b.marks ? 0 : 0.15)
	);
}

function pairKey(p: Pair): string {
	return p.a.itemKey < p.b.itemKey
		? `${p.a.itemKey}|${p.b.itemKey}`
		: `${p.b.itemKey}|${p.a.itemKey}`;
}
