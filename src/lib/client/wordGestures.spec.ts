import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { WordSelection, wordGestures, wordsText } from './wordSelection.svelte';

// The specs run in Node: an EventTarget stands in for the word list and for the window, and
// `document.elementFromPoint` answers with the word whose position the test names.
const WORDS = ['Only', 'a', 'fool', 'would', 'trust', 'these', 'clowns'];

class FakeList extends EventTarget {
	focused = 0;
	focus() {
		this.focused++;
	}
	contains(el: unknown) {
		return el instanceof FakeWord;
	}
}

class FakeWord {
	dataset: { word: string };
	constructor(pos: number) {
		this.dataset = { word: String(pos) };
	}
	closest() {
		return this;
	}
}

let underPointer: FakeWord | null = null;

beforeEach(() => {
	vi.stubGlobal('window', new EventTarget());
	vi.stubGlobal('HTMLElement', FakeWord);
	vi.stubGlobal('document', { elementFromPoint: () => underPointer });
});
afterEach(() => {
	vi.unstubAllGlobals();
	underPointer = null;
});

function pointer(type: string, pos: number | null, pointerType = 'mouse') {
	underPointer = pos === null ? null : new FakeWord(pos);
	return Object.assign(new Event(type, { cancelable: true }), {
		button: 0,
		pointerType,
		clientX: 0,
		clientY: 0
	});
}

const key = (key: string, shiftKey = false) =>
	Object.assign(new Event('keydown', { cancelable: true }), { key, shiftKey });

/** Attaches the gestures; Svelte adds pointer listeners a microtask later, so this waits for it. */
async function setUp(options: { disabled?: boolean } = {}) {
	const sel = new WordSelection({
		count: () => WORDS.length,
		text: ([first, last]) => WORDS.slice(first, last + 1).join(' '),
		onchange: () => {}
	});
	const list = new FakeList();
	const touches: boolean[] = [];
	const detach = wordGestures(sel, {
		disabled: () => options.disabled ?? false,
		ontouch: (touch) => touches.push(touch)
	})(list as unknown as HTMLElement);
	await Promise.resolve();
	return { sel, list, touches, detach };
}

describe('wordsText', () => {
	it('joins the tokens from the first to the last word, spaces included', () => {
		const tokens = ['Only', ' ', 'a', ' ', 'fool', '.'].map((text) => ({ text }));
		expect(wordsText(tokens, [0, 2, 4], [1, 2])).toBe('a fool');
		expect(wordsText(tokens, [0, 2, 4], [0, 0])).toBe('Only');
	});
});

describe('wordGestures', () => {
	it('drags a selection across words and ends it when the pointer is released in the window', async () => {
		const { sel, list, touches } = await setUp();
		const down = pointer('pointerdown', 2, 'touch');
		list.dispatchEvent(down);
		expect(down.defaultPrevented).toBe(true);
		expect(list.focused).toBe(1);
		expect(touches).toEqual([true]);
		list.dispatchEvent(pointer('pointermove', 4));
		expect(sel.selection).toEqual([2, 4]);
		window.dispatchEvent(new Event('pointerup'));
		expect(sel.pending).toBe(false);
		expect(sel.status).toBe('Selected: “fool would trust”.');
	});

	it('leaves a press outside the words alone', async () => {
		const { sel, list } = await setUp();
		const down = pointer('pointerdown', null);
		list.dispatchEvent(down);
		expect(down.defaultPrevented).toBe(false);
		expect(list.focused).toBe(0);
		expect(sel.selection).toBeNull();
	});

	it('handles its keys and lets the others through', async () => {
		const { sel, list } = await setUp();
		const right = key('ArrowRight', true);
		list.dispatchEvent(right);
		expect(right.defaultPrevented).toBe(true);
		expect(sel.selection).toEqual([0, 1]);
		const tab = key('Tab');
		list.dispatchEvent(tab);
		expect(tab.defaultPrevented).toBe(false);
	});

	it('ignores keys and pointers while disabled', async () => {
		const { sel, list, touches } = await setUp({ disabled: true });
		const space = key(' ');
		list.dispatchEvent(space);
		list.dispatchEvent(pointer('pointerdown', 3));
		expect(space.defaultPrevented).toBe(false);
		expect(touches).toEqual([]);
		expect(sel.selection).toBeNull();
	});

	it('stops listening once detached', async () => {
		const { sel, list, detach } = await setUp();
		detach?.();
		list.dispatchEvent(key(' '));
		expect(sel.selection).toBeNull();
	});
});
