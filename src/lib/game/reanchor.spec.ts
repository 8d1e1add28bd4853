import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { reanchorSpans, type CodePointRange } from './reanchor';
import { CodePointIndex, sliceCodePoints } from './text';

interface Label extends CodePointRange {
	technique: string;
	explanation: string | null;
}

/** A label on the `occurrence`-th copy of `words` in `text`, in code points. */
function label(text: string, words: string, occurrence = 0, technique = 'loaded-language'): Label {
	let at = text.indexOf(words);
	for (let k = 0; k < occurrence; k++) at = text.indexOf(words, at + 1);
	if (at < 0) throw new Error(`Test text: "${words}" not found`);
	const cpi = new CodePointIndex(text);
	return {
		start: cpi.toCodePoint(at),
		end: cpi.toCodePoint(at + words.length),
		technique,
		explanation: 'Teacher’s words.'
	};
}

describe('reanchorSpans', () => {
	it('keeps every label where it was when the text is unchanged', () => {
		const text = 'The “greedy developers” 😀 won again.\r\nThey won.';
		const spans = [label(text, 'greedy developers'), label(text, 'won', 1)];
		const out = reanchorSpans(text, text, spans);
		expect(out.map((o) => o.status)).toEqual(['kept', 'kept']);
		expect(out.map((o) => o.span)).toEqual(spans);
	});

	it('moves a label by the code points inserted before it (emoji and a no-break space)', () => {
		const before = 'The council met. The greedy developers won.';
		const after = 'Update 🚧\u00a0🏗️: the council met. The greedy developers won.';
		const span = label(before, 'greedy developers');
		const [out] = reanchorSpans(before, after, [span]);
		expect(out.status).toBe('kept');
		// Counted in code points, not UTF-16 units: each emoji is one code point (two units).
		const shift = Array.from('Update 🚧\u00a0🏗️: t').length - 1;
		expect(out.span.start).toBe(span.start + shift);
		expect(sliceCodePoints(after, out.span.start, out.span.end)).toBe('greedy developers');
		expect(out.span.technique).toBe('loaded-language');
		expect(out.span.explanation).toBe('Teacher’s words.');
	});

	it('sends a label back for review when its own words were edited, showing where they are now', () => {
		const before = 'The mayor said the greedy developers would stop at nothing.';
		const after = 'The mayor said the eager developers would stop at nothing.';
		const [out] = reanchorSpans(before, after, [label(before, 'greedy developers')]);
		expect(out.status).toBe('review');
		if (out.status !== 'review') return;
		expect(out.reason).toBe('changed');
		expect(out.words).toBe('greedy developers');
		expect(out.message).toContain('“greedy developers” were edited');
		expect(out.near && sliceCodePoints(after, out.near.start, out.near.end)).toBe(
			'eager developers'
		);
	});

	it('sends a label back for review when its words were deleted', () => {
		const before = 'Members heard a report. The reckless plan passed. Then they left.';
		const after = 'Members heard a report. Then they left.';
		const [out] = reanchorSpans(before, after, [label(before, 'reckless plan')]);
		expect(out.status).toBe('review');
		expect(out.status === 'review' && out.reason).toBe('deleted');
		expect(out.status === 'review' && out.near).toBeNull();
	});

	it('keeps labels inside lines when CRLF line breaks become LF, and flags one across a break', () => {
		const before = 'Title\r\n\r\nThe rigged vote.\r\nA shameful day\r\nfor all of us.';
		const after = before.replace(/\r\n/g, '\n');
		const inside = label(before, 'shameful');
		const across = label(before, 'day\r\nfor');
		const [a, b] = reanchorSpans(before, after, [inside, across]);
		expect(a.status).toBe('kept');
		expect(a.span.start).toBe(inside.start - 3);
		expect(sliceCodePoints(after, a.span.start, a.span.end)).toBe('shameful');
		expect(b.status).toBe('review');
		expect(b.status === 'review' && b.reason).toBe('changed');
	});

	it('flags a label whose curly quotes were straightened, and keeps the words inside them', () => {
		const before = 'He called it “a total disaster” on Monday.';
		const after = 'He called it "a total disaster" on Monday.';
		const [withQuotes, inside] = reanchorSpans(before, after, [
			label(before, '“a total disaster”'),
			label(before, 'total disaster')
		]);
		expect(withQuotes.status).toBe('review');
		expect(inside.status).toBe('kept');
		expect(sliceCodePoints(after, inside.span.start, inside.span.end)).toBe('total disaster');
	});

	it('asks which copy a label belongs to when repeated words lose their unique context', () => {
		const before = 'We won. We won. We won.';
		// One of three identical sentences went; nothing tells which.
		const after = 'We won. We won.';
		const [out] = reanchorSpans(before, after, [label(before, 'We won', 1)]);
		expect(out.status).toBe('review');
		expect(out.status === 'review' && out.reason).toBe('ambiguous');
		expect(out.status === 'review' && out.message).toContain('more than once');
	});

	it('keeps a repeated word when the unchanged stretch around it is unique', () => {
		const before = 'This plan is fair to families, fair to workers, fair to everyone.';
		const after = 'Honestly, this plan is fair to families, fair to workers, fair to everyone.';
		const span = label(before, 'fair', 1);
		const [out] = reanchorSpans(before, after, [span]);
		expect(out.status).toBe('kept');
		expect(out.span.start).toBe(span.start + 'Honestly, '.length);
		expect(sliceCodePoints(after, out.span.start, out.span.end)).toBe('fair');
	});

	it('reports a label whose range does not fit the old text instead of guessing', () => {
		const [out] = reanchorSpans('Short.', 'Short!', [
			{ start: 3, end: 40, technique: 'doubt', explanation: null }
		]);
		expect(out.status).toBe('review');
		expect(out.status === 'review' && out.reason).toBe('invalid');
	});

	it('marks labels in a paragraph replaced wholesale as rewritten, and keeps the others', () => {
		const words = (prefix: string) =>
			Array.from({ length: 700 }, (_, i) => `${prefix}${(i * 7919) % 1009}`).join(' ');
		const before = `The greedy developers won.\n${words('old')} shameful.\nA reckless plan 😀 passed.`;
		const after = `The greedy developers won.\n${words('new')} shameful.\nA reckless plan 😀 passed.`;
		const [first, middle, last] = reanchorSpans(before, after, [
			label(before, 'greedy developers'),
			label(before, 'shameful'),
			label(before, 'reckless plan')
		]);
		expect(first.status).toBe('kept');
		expect(middle.status === 'review' && middle.reason).toBe('rewritten');
		expect(last.status).toBe('kept');
		expect(sliceCodePoints(after, last.span.start, last.span.end)).toBe('reckless plan');
	});

	it('follows labels through a long text pasted again with LF instead of CRLF and one line edited', () => {
		const lines = Array.from({ length: 700 }, (_, i) => `Line ${i} says the council met.`);
		lines[400] = 'Line 400 says the greedy developers won.';
		const before = lines.join('\r\n');
		const edited = [...lines];
		edited[10] = 'Line 10 now says something else entirely.';
		const after = edited.join('\n');
		const [out] = reanchorSpans(before, after, [label(before, 'greedy developers')]);
		expect(out.status).toBe('kept');
		expect(sliceCodePoints(after, out.span.start, out.span.end)).toBe('greedy developers');
	});

	it('never shifts a label silently: every kept label selects exactly its old words', () => {
		const piece = fc.constantFrom(
			'the',
			'greedy',
			'council',
			'😀',
			'🏗️',
			'\u00a0',
			' ',
			' ',
			'“',
			'”',
			'"',
			'’',
			'.',
			',',
			'\n',
			'\r\n',
			'won',
			'vote'
		);
		const text = fc.array(piece, { minLength: 1, maxLength: 40 }).map((p) => p.join(''));
		const edit = fc.record({
			at: fc.nat(),
			remove: fc.nat({ max: 6 }),
			insert: fc.array(piece, { maxLength: 4 }).map((p) => p.join(''))
		});
		fc.assert(
			fc.property(
				text,
				fc.array(edit, { minLength: 1, maxLength: 3 }),
				fc.array(fc.tuple(fc.nat(), fc.nat({ max: 12 })), { minLength: 1, maxLength: 6 }),
				(before, edits, ranges) => {
					let after = Array.from(before);
					for (const e of edits) {
						const at = e.at % (after.length + 1);
						after = [...after.slice(0, at), ...Array.from(e.insert), ...after.slice(at + e.remove)];
					}
					const newText = after.join('');
					const length = Array.from(before).length;
					const spans = ranges.map(([a, w]) => {
						const start = a % length;
						return { start, end: Math.min(length, start + 1 + w) };
					});
					const out = reanchorSpans(before, newText, spans);
					expect(out).toHaveLength(spans.length);
					out.forEach((o, i) => {
						expect(o.span.start === spans[i].start || o.status === 'kept').toBe(true);
						if (o.status === 'kept') {
							expect(sliceCodePoints(newText, o.span.start, o.span.end)).toBe(
								sliceCodePoints(before, spans[i].start, spans[i].end)
							);
						}
					});
				}
			),
			{ numRuns: 400 }
		);
	});
});
