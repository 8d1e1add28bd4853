/**
 * The compact form in which live views carry questions and reveals (docs/api.md). An excerpt goes
 * as its text once plus the length of each token, so token indices (highlights, find ranges,
 * labelled spans) mean exactly what they mean on the server: the browser never segments text
 * itself, since its ICU may cut words differently. A reveal leaves out what the browser has
 * already: the excerpt (the view's question carries it), technique names, families and
 * definitions (the taxonomy in techniques.ts), the words of each span when they are the excerpt's
 * tokens in its range, and the explanations Slant writes from a technique and those words.
 */
import { generatedExplanation } from './feedback';
import { technique, type TechniqueId } from './techniques';
import type {
	PublicQuestion,
	RevealAnswer,
	RevealSpan,
	ShownExcerpt,
	ShownQuestion,
	ShownReveal,
	Token,
	TokenRange
} from './types';

/** An excerpt as live views send it. */
export interface WireExcerpt {
	articleTitle: string;
	outlet: string | null;
	/** The whole excerpt: every token's text, joined. */
	text: string;
	/**
	 * One entry per token, in order: its length in UTF-16 code units, negative when the token is
	 * not a word (spaces, punctuation). The absolute values add up to `text.length`.
	 */
	lengths: number[];
}

/** A public question as live views send it. */
export type WireQuestion = PublicQuestion<WireExcerpt>;

/** A labelled span of a reveal as live views send it. */
export interface WireRevealSpan {
	techniqueId: TechniqueId;
	range: TokenRange;
	/** The span's words, only when they are not the excerpt's tokens in `range` joined. */
	text?: string;
	/** The editor's explanation; absent when Slant writes it (the browser writes the same). */
	explanation?: string | null;
	/** 'teacher' when a teacher wrote the explanation while reviewing the item. */
	by?: 'teacher';
}

/** A reveal as live views send it: without the excerpt, which the view's question carries. */
export interface WireReveal {
	answer: RevealAnswer;
	spans: WireRevealSpan[];
	/** For a straight passage: why it is straight; absent otherwise. */
	note?: string;
}

/** The wire form of an excerpt's source and tokens. */
export function encodeExcerpt(excerpt: ShownExcerpt): WireExcerpt {
	return {
		articleTitle: excerpt.articleTitle,
		outlet: excerpt.outlet,
		text: excerpt.tokens.map((t) => t.text).join(''),
		lengths: excerpt.tokens.map((t) => (t.word ? t.text.length : -t.text.length))
	};
}

/**
 * The excerpt back from its wire form, with the server's token boundaries. Throws on lengths that
 * do not cover the text exactly (a zero length, a fraction, or a sum other than its length).
 */
export function decodeExcerpt(wire: WireExcerpt): ShownExcerpt {
	const tokens: Token[] = new Array(wire.lengths.length);
	let at = 0;
	for (let i = 0; i < wire.lengths.length; i++) {
		const length = wire.lengths[i];
		const size = Math.abs(length);
		if (!Number.isInteger(length) || size === 0 || at + size > wire.text.length) {
			throw new Error(`Malformed excerpt: token ${i} has length ${length}`);
		}
		tokens[i] = { text: wire.text.slice(at, at + size), word: length > 0 };
		at += size;
	}
	if (at !== wire.text.length) {
		throw new Error(`Malformed excerpt: tokens cover ${at} of ${wire.text.length} code units`);
	}
	return { articleTitle: wire.articleTitle, outlet: wire.outlet, tokens };
}

/** The same question with its excerpt in another form. */
function withExcerpt<A, B>(question: PublicQuestion<A>, excerpt: B): PublicQuestion<B> {
	switch (question.kind) {
		case 'name':
			return {
				kind: 'name',
				excerpt,
				highlight: question.highlight,
				choices: question.choices
			};
		case 'find':
			return { kind: 'find', excerpt, techniqueId: question.techniqueId };
		case 'judge':
			return { kind: 'judge', excerpt };
	}
}

/** The wire form of a public question. */
export function encodeQuestion(question: PublicQuestion<ShownExcerpt>): WireQuestion {
	return withExcerpt(question, encodeExcerpt(question.excerpt));
}

/** A public question back from its wire form. */
export function decodeQuestion(wire: WireQuestion): ShownQuestion {
	return withExcerpt(wire, decodeExcerpt(wire.excerpt));
}

function wordsIn(excerpt: ShownExcerpt, range: TokenRange): string {
	let words = '';
	for (let i = range[0]; i < range[1]; i++) words += excerpt.tokens[i]?.text ?? '';
	return words;
}

/**
 * The wire form of a reveal of a question with this excerpt: what the browser can rebuild
 * (see the module comment) is left out, so `decodeReveal` gives the same reveal back.
 */
export function encodeReveal(reveal: ShownReveal): WireReveal {
	const spans = reveal.spans.map((s): WireRevealSpan => {
		const span: WireRevealSpan = { techniqueId: s.techniqueId, range: s.range };
		if (s.text !== wordsIn(reveal.excerpt, s.range)) span.text = s.text;
		const generated =
			s.explanationBy === 'slant' && s.explanation === generatedExplanation(s.techniqueId, s.text);
		if (!generated) span.explanation = s.explanation;
		if (s.explanationBy === 'teacher') span.by = 'teacher';
		return span;
	});
	return reveal.note == null
		? { answer: reveal.answer, spans }
		: { answer: reveal.answer, spans, note: reveal.note };
}

/** A reveal back from its wire form, for the question whose (decoded) excerpt is given. */
export function decodeReveal(wire: WireReveal, excerpt: ShownExcerpt): ShownReveal {
	const spans = wire.spans.map((s): RevealSpan => {
		const t = technique(s.techniqueId);
		const text = s.text ?? wordsIn(excerpt, s.range);
		const byEditor = s.explanation !== undefined;
		return {
			techniqueId: s.techniqueId,
			range: s.range,
			text,
			explanation: byEditor ? (s.explanation ?? null) : generatedExplanation(s.techniqueId, text),
			explanationBy: byEditor ? (s.by ?? 'editor') : 'slant',
			techniqueName: t.name,
			family: t.family,
			definition: t.definition
		};
	});
	return { excerpt, answer: wire.answer, spans, note: wire.note ?? null };
}
