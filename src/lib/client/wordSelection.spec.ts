import { describe, expect, it } from 'vitest';
import { WordSelection, type WordPair } from './wordSelection.svelte';

const WORDS = ['Only', 'a', 'fool', 'would', 'trust', 'these', 'clowns'];

/** A selection over WORDS that records what it hands to the component. */
function selector(options: { confirm?: boolean; note?: string } = {}) {
	const changes: (WordPair | null)[] = [];
	let confirmed = 0;
	const sel = new WordSelection({
		count: () => WORDS.length,
		text: ([first, last]) => WORDS.slice(first, last + 1).join(' '),
		onchange: (pair) => changes.push(pair),
		onconfirm: options.confirm ? () => confirmed++ : undefined,
		selectedNote: options.note
	});
	return { sel, changes, confirmed: () => confirmed };
}

const press = (sel: WordSelection, key: string, shiftKey = false) => sel.key({ key, shiftKey });
/** A tap on word `i`: the pointer goes down and up on it. */
const tap = (sel: WordSelection, i: number) => {
	sel.pointerDown(i);
	sel.pointerUp();
};

describe('WordSelection', () => {
	it('selects from the first tapped word to the second, in either order', () => {
		const { sel, changes } = selector();
		tap(sel, 4);
		expect(sel.pending).toBe(true);
		expect(sel.status).toBe('Start: “trust”. Now mark the last word.');
		tap(sel, 2);
		expect(sel.pending).toBe(false);
		expect(sel.selection).toEqual([2, 4]);
		expect(changes.at(-1)).toEqual([2, 4]);
		expect(sel.status).toBe('Selected: “fool would trust”.');
	});

	it('selects one word when the same word is tapped twice', () => {
		const { sel } = selector();
		tap(sel, 6);
		tap(sel, 6);
		expect(sel.selection).toEqual([6, 6]);
		expect(sel.pending).toBe(false);
	});

	it('selects the words a drag crosses and finishes on pointer up', () => {
		const { sel } = selector({ note: 'Press Tab to reach Submit.' });
		sel.pointerDown(1);
		sel.pointerMove(2);
		sel.pointerMove(3);
		expect(sel.selection).toEqual([1, 3]);
		sel.pointerUp();
		expect(sel.pending).toBe(false);
		expect(sel.status).toBe('Selected: “a fool would”. Press Tab to reach Submit.');
	});

	it('a second tap ends the selection instead of starting a drag', () => {
		const { sel } = selector();
		tap(sel, 0);
		sel.pointerDown(2);
		sel.pointerMove(5);
		sel.pointerUp();
		expect(sel.selection).toEqual([0, 2]);
	});

	it('a drag the browser cancels keeps what was selected and waits for the last word', () => {
		const { sel } = selector();
		sel.pointerDown(1);
		sel.pointerMove(2);
		sel.pointerCancel();
		sel.pointerUp();
		expect(sel.selection).toEqual([1, 2]);
		expect(sel.pending).toBe(true);
	});

	it('marks the first and last word with Space after moving with the arrows', () => {
		const { sel } = selector();
		press(sel, 'ArrowRight');
		press(sel, ' ');
		press(sel, 'ArrowRight');
		expect(sel.selection).toEqual([1, 2]);
		press(sel, 'ArrowRight');
		press(sel, ' ');
		expect(sel.selection).toEqual([1, 3]);
		expect(sel.pending).toBe(false);
	});

	it('extends the selection from the cursor with Shift and the arrows', () => {
		const { sel } = selector();
		press(sel, 'End');
		press(sel, 'ArrowLeft', true);
		expect(sel.selection).toEqual([5, 6]);
		expect(sel.status).toBe('Selected: “these clowns”.');
		press(sel, 'Home', true);
		expect(sel.selection).toEqual([0, 6]);
	});

	it('keeps the cursor on the words', () => {
		const { sel } = selector();
		press(sel, 'ArrowLeft');
		expect(sel.cursor).toBe(0);
		press(sel, 'End');
		press(sel, 'ArrowRight');
		expect(sel.cursor).toBe(WORDS.length - 1);
	});

	it('with a confirm action, Enter hands a selection on; without one, Enter marks a word', () => {
		const withConfirm = selector({ confirm: true });
		press(withConfirm.sel, 'Enter');
		expect(withConfirm.sel.pending).toBe(true);
		expect(withConfirm.confirmed()).toBe(0);
		press(withConfirm.sel, 'Enter');
		expect(withConfirm.sel.selection).toEqual([0, 0]);
		expect(withConfirm.sel.pending).toBe(false);
		expect(withConfirm.confirmed()).toBe(1);

		const plain = selector();
		press(plain.sel, 'Enter');
		press(plain.sel, 'ArrowRight');
		press(plain.sel, 'Enter');
		expect(plain.sel.selection).toEqual([0, 1]);
	});

	it('clears with Escape and says so', () => {
		const { sel, changes } = selector();
		sel.startFrom(2, 4);
		press(sel, 'Escape');
		expect(sel.selection).toBeNull();
		expect(changes.at(-1)).toBeNull();
		expect(sel.status).toBe('Selection cleared.');
	});

	it('starts from suggested words: the next tap ends the selection there', () => {
		const { sel } = selector();
		sel.startFrom(4, 2);
		expect(sel.selection).toEqual([2, 4]);
		expect(sel.cursor).toBe(4);
		expect(sel.has(3)).toBe(true);
		expect(sel.has(5)).toBe(false);
		expect(sel.status).toBe(
			'Start: “fool would trust”. Mark the last word, or go on with these words.'
		);
		tap(sel, 6);
		expect(sel.selection).toEqual([2, 6]);
		expect(sel.pending).toBe(false);
	});

	it('starts from suggested words: Enter takes them as they are, Shift+arrows extend them', () => {
		const taken = selector({ confirm: true });
		taken.sel.startFrom(2, 2);
		press(taken.sel, 'Enter');
		expect(taken.confirmed()).toBe(1);
		expect(taken.sel.selection).toEqual([2, 2]);
		expect(taken.sel.pending).toBe(false);

		const grown = selector();
		grown.sel.startFrom(2, 2);
		press(grown.sel, 'ArrowLeft', true);
		press(grown.sel, 'ArrowLeft', true);
		expect(grown.sel.selection).toEqual([0, 2]);
	});

	it('ignores other keys, and every key when there are no words', () => {
		const { sel } = selector();
		expect(press(sel, 'a')).toBe(false);
		const empty = new WordSelection({ count: () => 0, text: () => '', onchange: () => {} });
		expect(empty.key({ key: 'ArrowRight', shiftKey: false })).toBe(false);
	});
});
