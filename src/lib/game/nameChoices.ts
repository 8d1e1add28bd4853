/**
 * The four choices of a "name the technique" question, chosen so that the set of choices says
 * nothing about which of them is the answer.
 *
 * Why: when distractors are drawn around the answer (its family, its "often mixed up with"
 * techniques), the answer sits at the centre of the cluster and a student who only knows the
 * guide picks the choice linked to the most others (50-60% right against 25% chance); and when
 * the answer follows the content (loaded language labels a third of PTC), "loaded language
 * whenever it is offered" wins as well.
 *
 * How: the round first draws a set of four techniques by a rule that does not depend on which of
 * them will be the answer (`chooseChoiceSet`: weighted toward sets whose members the guide, or
 * players' past mistakes, link to each other, so every choice stays plausible), then draws the
 * answer uniformly from the set, then picks an excerpt highlighting that technique in which no
 * other member of the set labels any words (each choice must be wrong but for the answer). Only
 * sets for which every member has such an excerpt left are drawn. So for any set a player sees,
 * each of its techniques was the answer with the same probability, 1/4, whatever the player
 * knows about families, confusions or how often each technique is labelled; and how often a
 * technique is the answer follows how often it is drawn in a set, not how often it is labelled.
 */
import { TECHNIQUE_IDS, technique, type TechniqueId } from './techniques';
import type { Rng } from './random';

/** Choices in a name question. */
export const CHOICES = 4;

/** Bit of a technique in a set mask. */
export function techniqueBit(t: TechniqueId): number {
	return 1 << TECHNIQUE_IDS.indexOf(t);
}

/** The mask of a set of techniques. */
export function maskOf(ts: Iterable<TechniqueId>): number {
	let m = 0;
	for (const t of ts) m |= techniqueBit(t);
	return m;
}

interface ChoiceSet {
	members: TechniqueId[];
	/** Indices of the members in TECHNIQUE_IDS. */
	index: number[];
	mask: number;
}

/** Every set of four techniques (1001 of them), built once. */
const ALL_SETS: readonly ChoiceSet[] = (() => {
	const out: ChoiceSet[] = [];
	const n = TECHNIQUE_IDS.length;
	for (let a = 0; a < n; a++)
		for (let b = a + 1; b < n; b++)
			for (let c = b + 1; c < n; c++)
				for (let d = c + 1; d < n; d++) {
					const index = [a, b, c, d];
					const members = index.map((i) => TECHNIQUE_IDS[i]);
					out.push({ members, index, mask: maskOf(members) });
				}
	return out;
})();

/**
 * What a set of choices can be drawn from: for each technique that can be the answer, the masks
 * of the techniques labelled in its available excerpts (its own bit included or not).
 */
export type AnswerableExcerpts = ReadonlyMap<TechniqueId, readonly number[]>;

/** Whether `set` can be asked with `answer` as the key: an excerpt labels no other member. */
export function fitsSet(labelled: number, set: number, answer: TechniqueId): boolean {
	return (labelled & set & ~techniqueBit(answer)) === 0;
}

/** A weight for every set of four, in a fixed order (see weighSets). */
export type SetWeights = Float64Array;

/** The weight of every set of four by `weight`, computed once per round (it depends on the set alone). */
export function weighSets(weight: (members: readonly TechniqueId[]) => number): SetWeights {
	return Float64Array.from(ALL_SETS, (s) => weight(s.members));
}

/** Rounds of balancing in chooseChoiceSet (each brings the shares closer to their targets). */
const BALANCE_ROUNDS = 30;

/**
 * Draws a set of four techniques in which every member can be the answer (it has an excerpt in
 * `answerable` that labels no other member). Null when no set of four qualifies. The rule never
 * looks at which member will be the answer, so drawing the answer uniformly from the result makes
 * every choice equally likely to be it.
 *
 * A set's chance is `weight(set)` (how well its members go together) times a factor per member,
 * fitted so that each technique is in a share of the sets that follows the square root of its
 * number of excerpts: common techniques are asked more than rare ones, but loaded language, a
 * third of the PTC labels, is not the answer a third of the time, and a family of four closely
 * linked techniques does not crowd out the rest.
 */
export function chooseChoiceSet(
	rng: Rng,
	answerable: AnswerableExcerpts,
	weights: SetWeights
): TechniqueId[] | null {
	const n = TECHNIQUE_IDS.length;
	// Per technique, only the label masks no other of its masks is a subset of: if an excerpt
	// with labels m fits a set, so does one with fewer labels.
	const minimal: number[][] = TECHNIQUE_IDS.map((t) => {
		const sorted = [...new Set(answerable.get(t) ?? [])].sort((a, b) => popcount(a) - popcount(b));
		const kept: number[] = [];
		for (const m of sorted) if (!kept.some((k) => (k & ~m) === 0)) kept.push(m);
		return kept;
	});
	if (minimal.filter((list) => list.length > 0).length < CHOICES) return null;
	const sets: ChoiceSet[] = [];
	const base: number[] = [];
	ALL_SETS.forEach((s, k) => {
		const w = weights[k];
		if (!(w > 0)) return;
		const ok = s.index.every((i) => {
			const others = s.mask & ~(1 << i);
			return minimal[i].some((m) => (m & others) === 0);
		});
		if (ok) {
			sets.push(s);
			base.push(w);
		}
	});
	if (sets.length === 0) return null;
	const excerpts = TECHNIQUE_IDS.map((t) => answerable.get(t)?.length ?? 0);
	const factor = balance(sets, base, excerpts, n);
	const drawn = sets.map((s, i) => s.index.reduce((w, t) => w * factor[t], base[i]));
	return [...sets[rng.weightedIndex(drawn)].members];
}

/**
 * Per-technique factors that bring each technique's share of the drawn sets toward its target
 * (proportional to the square root of its excerpts, at most every set), by iterative scaling.
 */
function balance(
	sets: readonly ChoiceSet[],
	base: readonly number[],
	excerpts: readonly number[],
	n: number
): Float64Array {
	const present = new Uint8Array(n);
	for (const s of sets) for (const i of s.index) present[i] = 1;
	let total = 0;
	for (let t = 0; t < n; t++) if (present[t]) total += Math.sqrt(excerpts[t]);
	const target = new Float64Array(n);
	for (let t = 0; t < n; t++) {
		if (present[t]) target[t] = Math.min(1, (CHOICES * Math.sqrt(excerpts[t])) / total);
	}
	const factor = new Float64Array(n).fill(1);
	const inclusion = new Float64Array(n);
	for (let round = 0; round < BALANCE_ROUNDS; round++) {
		inclusion.fill(0);
		let sum = 0;
		for (let k = 0; k < sets.length; k++) {
			const [a, b, c, d] = sets[k].index;
			const w = base[k] * factor[a] * factor[b] * factor[c] * factor[d];
			sum += w;
			inclusion[a] += w;
			inclusion[b] += w;
			inclusion[c] += w;
			inclusion[d] += w;
		}
		if (sum <= 0) break;
		// Half a step each time (square root): full steps overshoot where sets share members.
		let worst = 0;
		for (let t = 0; t < n; t++) {
			if (inclusion[t] <= 0) continue;
			const ratio = (target[t] * sum) / inclusion[t];
			worst = Math.max(worst, Math.abs(ratio - 1));
			factor[t] *= Math.sqrt(ratio);
		}
		if (worst < 0.02) break;
	}
	return factor;
}

function popcount(m: number): number {
	let n = 0;
	for (let x = m; x; x &= x - 1) n++;
	return n;
}

/**
 * How plausible two techniques are as choices of the same question: the guide's links (same
 * family, "often mixed up with", the weights distractors always had) plus how often players
 * chose one for the other (`mixups`: share of a technique's wrong answers that went to the other,
 * counted once it has enough wrong answers).
 */
export function pairAffinity(
	a: TechniqueId,
	b: TechniqueId,
	confused: (a: TechniqueId, b: TechniqueId) => boolean,
	mixups: (right: TechniqueId, chosen: TechniqueId) => number = () => 0
): number {
	let w = 0.5;
	if (technique(a).family === technique(b).family) w += 3;
	if (confused(a, b) || confused(b, a)) w += 2;
	return w + 20 * (mixups(a, b) + mixups(b, a));
}

/**
 * Weight of a set: the product of its six pair affinities, so sets whose members
 * all go together (a family and its usual confusions) are drawn far more often than a mixed bag,
 * while no member is favoured within a set.
 */
export function setWeight(
	members: readonly TechniqueId[],
	affinity: (a: TechniqueId, b: TechniqueId) => number
): number {
	let w = 1;
	for (let i = 0; i < members.length; i++)
		for (let j = i + 1; j < members.length; j++) w *= affinity(members[i], members[j]);
	return w;
}
