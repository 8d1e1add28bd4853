/**
 * The sorting behind SortableTable.svelte, kept pure so it can be tested and run the same way on
 * the server (the first render, and every render without JavaScript) and in the browser.
 */
import type { Snippet } from 'svelte';

/** A sort: which column, which way. */
export interface TableSort {
	column: string;
	descending: boolean;
}

/** What a column sorts by; null (no figure) sorts last either way. */
export type SortValue = number | string | null;

const collator = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });

/** The URL value of a sort: `share`, or `share.desc` for descending. */
export function sortParam(sort: TableSort): string {
	return sort.descending ? `${sort.column}.desc` : sort.column;
}

/**
 * The sort a URL value asks for, when it names one of `sortable`; otherwise null (the rows stay
 * in the order they came in).
 */
export function parseSort(value: string | null, sortable: readonly string[]): TableSort | null {
	if (!value) return null;
	const descending = value.endsWith('.desc');
	const column = descending ? value.slice(0, -'.desc'.length) : value;
	return sortable.includes(column) ? { column, descending } : null;
}

/** The sort a click on `column` gives: ascending first, then the other way on a second click. */
export function nextSort(current: TableSort | null, column: string): TableSort {
	return { column, descending: current?.column === column && !current.descending };
}

/**
 * `rows` sorted by `value`, a new array: numbers by size, texts in a natural, case-insensitive
 * order, nulls last in both directions; rows with equal values keep their incoming order.
 */
export function sortRows<Row>(
	rows: readonly Row[],
	value: (row: Row) => SortValue,
	descending: boolean
): Row[] {
	const sign = descending ? -1 : 1;
	return rows
		.map((row, index) => ({ row, index, v: value(row) }))
		.sort((a, b) => {
			if (a.v === null || b.v === null) {
				return (a.v === null ? 1 : 0) - (b.v === null ? 1 : 0) || a.index - b.index;
			}
			const order =
				typeof a.v === 'number' && typeof b.v === 'number'
					? a.v - b.v
					: collator.compare(String(a.v), String(b.v));
			return sign * order || a.index - b.index;
		})
		.map((r) => r.row);
}

/** One column of a SortableTable. */
export interface TableColumn<Row> {
	/** Names the column in the URL (`?sort=<id>`); unique within the table. */
	id: string;
	/** The header text (also the sort button's name). */
	label: string;
	/** What the column sorts by; a column without it does not sort. */
	value?: (row: Row) => SortValue;
	/** Richer header content (a link, say) for a column that does not sort; gets the column id. */
	header?: Snippet<[string]>;
	/** Header read by screen readers only (a column of pictures, say). */
	hiddenLabel?: boolean;
}
