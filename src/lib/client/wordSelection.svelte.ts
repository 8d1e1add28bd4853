/**
 * Selecting a run of words with a pointer (mouse, finger or pen) or the keyboard: the state and
 * rules shared by PhraseSelector (a player's answer) and ArticleLabeller (a teacher's label).
 * Positions are indices into the list of words (not tokens); a selection is the inclusive pair
 * [first, last] of word positions. The components own the DOM and map positions to their own
 * ranges (token indices, code points).
 *
 * Pointer: a tap marks the first word and a second tap the last (the same word twice selects one
 * word); a drag from a word selects up to the word under the pointer. Keyboard: arrows move a
 * word cursor, Shift+arrows extend the selection from it, Space marks the first and then the last
 * word, Enter does the same or, with `onconfirm` and a selection, confirms it, Escape clears.
 * `startFrom` begins a selection from suggested words (the editor's charged-words hint).
 */

import type { Attachment } from 'svelte/attachments';
import { on } from 'svelte/events';

/** An inclusive pair of word positions, first ≤ last. */
export type WordPair = [number, number];

export interface WordSelectionOptions {
	/** How many words there are. */
	count: () => number;
	/** The text from the first to the last word of a pair, as it stands. */
	text: (pair: WordPair) => string;
	/** Called with every new selection (null when cleared). */
	onchange: (pair: WordPair | null) => void;
	/** Enter on a finished selection calls this instead of marking a word. */
	onconfirm?: () => void;
	/** Appended to the "Selected: …" announcement (what to do next). */
	selectedNote?: string;
}

const ordered = (a: number, b: number): WordPair => (a <= b ? [a, b] : [b, a]);

/** The selection state of one word list; see the module comment for the gestures. */
export class WordSelection {
	/** The keyboard's word cursor. */
	cursor = $state(0);
	/** The first word marked while waiting for the last one (or the start of a drag). */
	anchor: number | null = $state(null);
	/** A first word is marked and the next mark ends the selection. */
	pending = $state(false);
	selection: WordPair | null = $state(null);
	/** What just happened, for a polite live region. */
	status = $state('');
	#dragging = false;
	#moved = false;
	readonly #options: WordSelectionOptions;

	constructor(options: WordSelectionOptions) {
		this.#options = options;
	}

	/** A pointer is down and may drag across words. */
	get dragging(): boolean {
		return this.#dragging;
	}

	/** The announcement of a finished selection. */
	selected(pair: WordPair): string {
		const note = this.#options.selectedNote;
		return `Selected: “${this.#options.text(pair)}”.${note ? ` ${note}` : ''}`;
	}

	/** Whether word `pos` is in the selection. */
	has(pos: number): boolean {
		return this.selection !== null && pos >= this.selection[0] && pos <= this.selection[1];
	}

	#select(pair: WordPair | null) {
		this.selection = pair;
		this.#options.onchange(pair);
	}

	/** Marks word `pos`: the first word, or the last one when a first is waiting. */
	markAt(pos: number): void {
		this.cursor = pos;
		if (this.pending && this.anchor !== null) {
			const pair = ordered(this.anchor, pos);
			this.#select(pair);
			this.pending = false;
			this.status = this.selected(pair);
		} else {
			this.anchor = pos;
			this.pending = true;
			this.#select([pos, pos]);
			this.status = `Start: “${this.#options.text([pos, pos])}”. Now mark the last word.`;
		}
	}

	/**
	 * Starts a selection from the words `first`..`last` (a suggestion accepted): they are selected
	 * and the next mark (a tap, a click, Space) ends the selection there; Enter or Shift+arrows
	 * work from them too.
	 */
	startFrom(first: number, last: number): void {
		const pair = ordered(first, last);
		this.anchor = pair[0];
		this.cursor = pair[1];
		this.pending = true;
		this.#select(pair);
		this.status = `Start: “${this.#options.text(pair)}”. Mark the last word, or go on with these words.`;
	}

	/** Moves the cursor to `pos` (kept in range); `extend` grows the selection with it. */
	moveTo(pos: number, extend = false): void {
		const next = Math.max(0, Math.min(this.#options.count() - 1, pos));
		if (extend) {
			if (this.anchor === null || (!this.pending && this.selection === null)) {
				this.anchor = this.cursor;
			}
			this.cursor = next;
			const pair = ordered(this.anchor, next);
			this.#select(pair);
			this.pending = false;
			this.status = this.selected(pair);
			return;
		}
		this.cursor = next;
		if (this.pending && this.anchor !== null) this.#select(ordered(this.anchor, next));
	}

	/** Forgets the selection; `announce` says so in the live region. */
	clear(announce = true): void {
		this.anchor = null;
		this.pending = false;
		this.#select(null);
		if (announce) this.status = 'Selection cleared.';
	}

	/** Handles a key; returns whether it was one of ours (the caller then prevents the default). */
	key(event: Pick<KeyboardEvent, 'key' | 'shiftKey'>): boolean {
		if (this.#options.count() === 0) return false;
		const extend = event.shiftKey;
		switch (event.key) {
			case 'ArrowRight':
			case 'ArrowDown':
				this.moveTo(this.cursor + 1, extend);
				return true;
			case 'ArrowLeft':
			case 'ArrowUp':
				this.moveTo(this.cursor - 1, extend);
				return true;
			case 'Home':
				this.moveTo(0, extend);
				return true;
			case 'End':
				this.moveTo(this.#options.count() - 1, extend);
				return true;
			case ' ':
				this.markAt(this.cursor);
				return true;
			case 'Enter':
				if (this.#options.onconfirm && this.selection !== null) {
					// A first word marked and not yet a last: the selection ends there.
					if (this.pending) this.status = this.selected(this.selection);
					this.pending = false;
					this.#options.onconfirm();
				} else {
					this.markAt(this.cursor);
				}
				return true;
			case 'Escape':
				this.clear();
				return true;
			default:
				return false;
		}
	}

	/** A pointer went down on word `pos`: a first tap, a second tap, or the start of a drag. */
	pointerDown(pos: number): void {
		const continuing = this.pending;
		this.markAt(pos);
		// A drag starts a new selection; a second tap completes the first one instead.
		this.#dragging = !continuing;
		this.#moved = false;
	}

	/** The pointer is over word `pos` (while a drag may be under way). */
	pointerMove(pos: number): void {
		if (!this.#dragging || this.anchor === null || pos === this.cursor) return;
		this.cursor = pos;
		this.#moved = pos !== this.anchor;
		this.#select(ordered(this.anchor, pos));
	}

	/** The pointer went up: a drag across words is a finished selection. */
	pointerUp(): void {
		if (this.#dragging && this.#moved && this.selection) {
			this.pending = false;
			this.status = this.selected(this.selection);
		}
		this.#dragging = false;
	}

	/** The browser took the gesture over (a scroll): keep what was selected so far. */
	pointerCancel(): void {
		this.#dragging = false;
	}
}

/**
 * The word position under a pointer event inside `list`, read from `data-word`. A touch pointer
 * stays captured by the element it went down on, so its events' target never changes: look up
 * the element at the pointer's position instead.
 */
export function wordAt(event: PointerEvent, list: HTMLElement | undefined): number | null {
	const hit = document.elementFromPoint(event.clientX, event.clientY) ?? event.target;
	const el = (hit as Element | null)?.closest?.('[data-word]');
	return el instanceof HTMLElement && list?.contains(el) ? Number(el.dataset.word) : null;
}

/** The text from the first to the last word of `pair`, spaces and punctuation between included. */
export function wordsText(
	tokens: readonly { text: string }[],
	words: readonly number[],
	[first, last]: WordPair
): string {
	return tokens
		.slice(words[first], words[last] + 1)
		.map((t) => t.text)
		.join('');
}

export interface WordGestureOptions {
	/** While this says true, keys and pointers on the list do nothing. */
	disabled?: () => boolean;
	/** Told, at each pointer press, whether the pointer is a finger or pen (true) or a mouse. */
	ontouch?: (touch: boolean) => void;
}

/**
 * Wires a word list element (`{@attach wordGestures(sel)}`) to `sel`: keys on the list, a pointer
 * pressed on a word (which gives the list the focus) and dragged across words, released or taken
 * over anywhere in the window.
 */
export function wordGestures(
	sel: WordSelection,
	options: WordGestureOptions = {}
): Attachment<HTMLElement> {
	const disabled = options.disabled ?? (() => false);
	return (list) => {
		const offs = [
			on(list, 'keydown', (event) => {
				if (!disabled() && sel.key(event)) event.preventDefault();
			}),
			on(list, 'pointerdown', (event) => {
				if (disabled() || event.button !== 0) return;
				options.ontouch?.(event.pointerType !== 'mouse');
				const pos = wordAt(event, list);
				if (pos === null) return;
				event.preventDefault();
				list.focus({ preventScroll: true });
				sel.pointerDown(pos);
			}),
			on(list, 'pointermove', (event) => {
				if (!sel.dragging) return;
				const pos = wordAt(event, list);
				if (pos !== null) sel.pointerMove(pos);
			}),
			on(window, 'pointerup', () => sel.pointerUp()),
			on(window, 'pointercancel', () => sel.pointerCancel())
		];
		return () => offs.forEach((off) => off());
	};
}
