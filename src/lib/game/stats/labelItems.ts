/**
 * Which items of the item analysis ask about which labels of an article: the bridge between
 * /teacher/items (an item flagged as possibly mislabelled links to its label) and the labelling
 * editor (each label shows the figures of its items). An item's key (Question.itemKey, built in
 * round.ts) names the article, the excerpt's code-point range, the question kind and what it
 * asks: `name` the technique of one label (`<start>-<end>:<technique>`), `find` the words of a
 * technique in the excerpt, `judge` whether the excerpt is `loaded` or `clean`. Figures come from
 * `itemFigures`, the one computation /teacher/items uses, so the two screens never disagree.
 */
import type { QuestionKind } from '../types';
import { itemFigures, type ItemFigures, type ItemTally } from './itemAnalysis';

/** An item key read back into its parts. */
export interface ItemKeyParts {
	articleId: string;
	/** The excerpt's code-point range in the article. */
	start: number;
	end: number;
	kind: QuestionKind;
	/** name: `<start>-<end>:<technique>`; find: the technique; judge: `loaded` or `clean`. */
	detail: string;
}

const ITEM_KEY = /^(.+):(\d+)-(\d+):(name|find|judge):(.+)$/;

/** The parts of an item key, or null for a key not in the round builder's form. */
export function parseItemKey(key: string): ItemKeyParts | null {
	const m = ITEM_KEY.exec(key);
	if (!m) return null;
	return {
		articleId: m[1],
		start: Number(m[2]),
		end: Number(m[3]),
		kind: m[4] as QuestionKind,
		detail: m[5]
	};
}

/** A label as these functions read it: code points, end exclusive. */
export interface LabelRef {
	id: number;
	techniqueId: string;
	start: number;
	end: number;
}

/**
 * The labels (of the item's article) an item asks about, in reading order: the named label, the
 * labels of the technique to find in the excerpt, or every label of a loaded excerpt; none for a
 * straight one. A label moved or re-anchored since the item was played no longer matches it.
 */
export function labelsOfItem<L extends LabelRef>(parts: ItemKeyParts, labels: readonly L[]): L[] {
	const inside = (l: L) => parts.start <= l.start && l.end <= parts.end;
	const asked = labels.filter((l) => {
		switch (parts.kind) {
			case 'name':
				return `${l.start}-${l.end}:${l.techniqueId}` === parts.detail;
			case 'find':
				return l.techniqueId === parts.detail && inside(l);
			case 'judge':
				return parts.detail === 'loaded' && inside(l);
		}
	});
	return asked.sort((a, b) => a.start - b.start || a.end - b.end);
}

/** One item asking about a label, with its figures. */
export interface LabelItem {
	itemKey: string;
	kind: QuestionKind;
	figures: ItemFigures;
}

const KIND_ORDER: Record<QuestionKind, number> = { name: 0, find: 1, judge: 2 };

/**
 * For each label of article `articleId` that has been asked about, the items that asked about
 * it (name, find, then loaded-or-straight), each with its figures from `itemFigures`. Labels
 * never asked about are absent.
 */
export function labelItemFigures(
	articleId: string,
	labels: readonly LabelRef[],
	tallies: readonly ItemTally[]
): Record<number, LabelItem[]> {
	const out: Record<number, LabelItem[]> = {};
	for (const tally of tallies) {
		const parts = parseItemKey(tally.itemKey);
		if (!parts || parts.articleId !== articleId) continue;
		const asked = labelsOfItem(parts, labels);
		if (asked.length === 0) continue;
		const item = { itemKey: tally.itemKey, kind: parts.kind, figures: itemFigures(tally) };
		for (const label of asked) (out[label.id] ??= []).push(item);
	}
	for (const items of Object.values(out)) {
		items.sort(
			(a, b) => KIND_ORDER[a.kind] - KIND_ORDER[b.kind] || a.itemKey.localeCompare(b.itemKey)
		);
	}
	return out;
}
