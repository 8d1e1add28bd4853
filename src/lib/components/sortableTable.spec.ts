import { describe, expect, it } from 'vitest';
import { nextSort, parseSort, sortParam, sortRows, type SortValue } from './sortableTable';

describe('sortable table', () => {
	const rows = [
		{ name: 'b', share: 0.5 },
		{ name: 'A10', share: null },
		{ name: 'a2', share: 0.9 },
		{ name: 'c', share: 0.5 }
	];

	/** The names of `rows` in the order the table shows them, sorted on `value`. */
	const namesSortedBy = (value: (r: (typeof rows)[number]) => SortValue, descending: boolean) =>
		sortRows(rows, value, descending).map((r) => r.name);

	it('sorts numbers both ways with rows without a figure last, ties in their incoming order', () => {
		expect(namesSortedBy((r) => r.share, false)).toEqual(['b', 'c', 'a2', 'A10']);
		expect(namesSortedBy((r) => r.share, true)).toEqual(['a2', 'b', 'c', 'A10']);
	});

	it('sorts texts in a natural order that ignores case', () => {
		expect(namesSortedBy((r) => r.name, false)).toEqual(['a2', 'A10', 'b', 'c']);
	});

	it('reads a sort back from its URL value and refuses columns it does not know', () => {
		const sortable = ['name', 'share'];
		for (const sort of [
			{ column: 'share', descending: false },
			{ column: 'share', descending: true }
		]) {
			expect(parseSort(sortParam(sort), sortable)).toEqual(sort);
		}
		expect(parseSort('secret.desc', sortable)).toBeNull();
		expect(parseSort(null, sortable)).toBeNull();
	});

	it('sorts a new column ascending first and turns it around on a second click', () => {
		expect(nextSort(null, 'share')).toEqual({ column: 'share', descending: false });
		expect(nextSort({ column: 'share', descending: false }, 'share')).toEqual({
			column: 'share',
			descending: true
		});
		expect(nextSort({ column: 'share', descending: true }, 'share').descending).toBe(false);
		expect(nextSort({ column: 'name', descending: true }, 'share').descending).toBe(false);
	});
});
