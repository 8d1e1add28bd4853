/**
 * The preview of a teacher's article before it is played: the questions it would yield of each
 * kind (from the round builder's own item pool, listItems), and problems in plain words, from the
 * label checks below and the item checks `npm run bench:items` runs (itemChecks.ts). A problem
 * makes an unfair or missing question; a note is worth a look but harms no item.
 */
import { isFlagged } from './contentFilter';
import { isUnfinishedDraft } from './draftExplanation';
import {
	SURFACE_CUES,
	excerptText,
	excerptWords,
	findOverSelectionCredit,
	lengthCueAccuracy,
	nameDistractorsInExcerpt,
	binaryCueAccuracy,
	type JudgeItem
} from './itemChecks';
import {
	EXCERPT_CAP_CHARS,
	EXCERPT_CAP_WORDS,
	HARD_MIN_WORDS,
	defaultRoundConfig,
	isAskable,
	listItems
} from './round';
import { isTechniqueId, technique, type TechniqueId } from './techniques';
import { CodePointIndex } from './text';
import { countWords } from './tokens';
import type { ContentArticle, FindQuestion, JudgeQuestion, NameQuestion } from './types';

/**
 * Straight passages an article needs for fair loaded-or-straight questions: a round of ten asks
 * about three, each straight or loaded by a fair coin, and an article short of straight passages
 * makes "loaded" the safe answer.
 */
export const MIN_STRAIGHT_PASSAGES = 3;

/** What the editor holds of an article (offsets in code points, end exclusive). */
export interface PreviewInput {
	id?: string;
	title?: string;
	outlet?: string | null;
	body: string;
	spans: { techniqueId: TechniqueId; start: number; end: number; explanation: string | null }[];
	/** Sentences the teacher marked straight. */
	straight: { start: number; end: number; note?: string | null }[];
}

export type PreviewProblemCode =
	| 'invalid-span'
	| 'invalid-straight'
	| 'no-labels'
	| 'span-too-long'
	| 'span-held-back'
	| 'span-repetition-hidden'
	| 'span-no-question'
	| 'overlap'
	| 'straight-has-label'
	| 'straight-no-question'
	| 'too-few-straight'
	| 'surface-cue'
	| 'over-selection'
	| 'excerpt-length'
	| 'excerpt-boundary'
	| 'distractor-fits'
	| 'draft-explanation'
	| 'no-explanation';

/** One finding, in words a teacher can act on. */
export interface PreviewProblem {
	code: PreviewProblemCode;
	/** 'problem': a question is missing or unfair; 'note': worth a look. */
	severity: 'problem' | 'note';
	message: string;
	/** Index of the label (in `spans`) it is about. */
	span?: number;
	/** Index of the straight mark (in `straight`) it is about. */
	straight?: number;
}

/** The questions the article would yield, by kind, and what stands in the way. */
export interface ArticlePreview {
	questions: {
		name: NameQuestion[];
		find: FindQuestion[];
		loaded: JudgeQuestion[];
		straight: JudgeQuestion[];
	};
	counts: { name: number; find: number; loaded: number; straight: number };
	problems: PreviewProblem[];
}

function quote(words: string): string {
	const flat = words.replace(/\s+/gu, ' ').trim();
	const chars = Array.from(flat);
	return `“${chars.length > 50 ? `${chars.slice(0, 47).join('')}…` : flat}”`;
}

const overlaps = (a: { start: number; end: number }, b: { start: number; end: number }) =>
	a.start < b.end && b.start < a.end;

const validRange = (r: { start: number; end: number }, length: number) =>
	Number.isInteger(r.start) &&
	Number.isInteger(r.end) &&
	r.start >= 0 &&
	r.end <= length &&
	r.start < r.end;

/**
 * Previews an article: every question it would yield of each kind (the round builder's item
 * pool, built as a round builds it), and the problems that make questions missing or unfair:
 * labels outside the text or too long for an excerpt, labels no excerpt can hold, overlapping
 * labels, straight marks that hold a label or make no question, too few straight passages, the
 * bench:items checks on the items (surface cues that give a loaded-or-straight key away, credit
 * for selecting a whole excerpt, excerpt length and boundaries, name choices that also fit), and
 * explanations still missing or in draft. Never throws for bad offsets: they are findings.
 */
export function previewArticle(input: PreviewInput): ArticlePreview {
	const body = input.body;
	const cpi = new CodePointIndex(body);
	const problems: PreviewProblem[] = [];
	const words = (r: { start: number; end: number }) => cpi.slice(r.start, r.end);

	const validSpans: number[] = [];
	input.spans.forEach((s, i) => {
		if (!isTechniqueId(s.techniqueId) || !validRange(s, cpi.length)) {
			problems.push({
				code: 'invalid-span',
				severity: 'problem',
				span: i,
				message: `Label ${i + 1} does not fit the text (characters ${s.start}-${s.end} of ${cpi.length}): mark its words again.`
			});
		} else validSpans.push(i);
	});
	const validStraight: number[] = [];
	input.straight.forEach((r, k) => {
		if (validRange(r, cpi.length)) validStraight.push(k);
		else {
			problems.push({
				code: 'invalid-straight',
				severity: 'problem',
				straight: k,
				message: `Straight mark ${k + 1} does not fit the text (characters ${r.start}-${r.end} of ${cpi.length}): mark the sentences again.`
			});
		}
	});

	const article: ContentArticle = {
		id: input.id ?? 'preview',
		title: input.title ?? 'Preview',
		outlet: input.outlet ?? null,
		body,
		spans: validSpans.map((i) => ({ ...input.spans[i], id: i + 1 })),
		clean: validStraight.map((k) => ({ ...input.straight[k] })),
		exhaustive: false,
		collection: 'preview'
	};
	const items = listItems(
		[article],
		{ ...defaultRoundConfig(), sources: [] },
		`preview:${article.id}`
	);
	const questions: ArticlePreview['questions'] = { name: [], find: [], loaded: [], straight: [] };
	for (const q of items) {
		if (q.kind === 'name') questions.name.push(q);
		else if (q.kind === 'find') questions.find.push(q);
		else (q.loaded ? questions.loaded : questions.straight).push(q);
	}

	if (validSpans.length === 0) {
		problems.push({
			code: 'no-labels',
			severity: 'problem',
			message: 'No labelled words yet: name and find questions need at least one label.'
		});
	}

	// Labels that make no name question, and why.
	for (const i of validSpans) {
		const s = input.spans[i];
		const key = `:name:${s.start}-${s.end}:${s.techniqueId}`;
		if (questions.name.some((q) => q.itemKey.endsWith(key))) continue;
		const text = words(s);
		const n = countWords(text);
		const lineStart = body.lastIndexOf('\n', cpi.toUtf16(s.start)) + 1;
		const lineEnd = body.indexOf('\n', cpi.toUtf16(s.end));
		const line = body.slice(lineStart, lineEnd === -1 ? body.length : lineEnd);
		let code: PreviewProblemCode = 'span-no-question';
		let why = `no stretch of one to three whole sentences around it fits an excerpt (${HARD_MIN_WORDS} to ${EXCERPT_CAP_WORDS} words, starting with a capital letter, ending with . ! ? or …, cutting no quotation and no other label)`;
		if (n > EXCERPT_CAP_WORDS || s.end - s.start > EXCERPT_CAP_CHARS) {
			code = 'span-too-long';
			why = `it is longer than an excerpt can be (${n} words; at most ${EXCERPT_CAP_WORDS} words and ${EXCERPT_CAP_CHARS} characters): mark only the words that carry the technique`;
		} else if (isFlagged(line)) {
			code = 'span-held-back';
			why = 'its sentence holds a word on the slur and obscenity list, so students never see it';
		} else if (s.techniqueId === 'repetition') {
			code = 'span-repetition-hidden';
			why = 'no excerpt of up to three sentences shows the words repeated';
		}
		problems.push({
			code,
			severity: 'problem',
			span: i,
			message: `${quote(text)} makes no question: ${why}.`
		});
	}

	// Overlapping labels.
	for (let a = 0; a < validSpans.length; a++) {
		for (let b = a + 1; b < validSpans.length; b++) {
			const x = input.spans[validSpans[a]];
			const y = input.spans[validSpans[b]];
			if (!overlaps(x, y)) continue;
			const same = x.techniqueId === y.techniqueId;
			const name = (t: TechniqueId) => technique(t).name.toLowerCase();
			problems.push({
				code: 'overlap',
				severity: same ? 'problem' : 'note',
				span: validSpans[b],
				message: same
					? `${quote(words(x))} and ${quote(words(y))} overlap and are both ${name(x.techniqueId)}: merge them into one label, or a find question counts only one of them.`
					: `${quote(words(x))} (${name(x.techniqueId)}) and ${quote(words(y))} (${name(y.techniqueId)}) overlap: both are shown at feedback, and neither is offered as a wrong answer for the other.`
			});
		}
	}

	// Straight marks.
	for (const k of validStraight) {
		const r = input.straight[k];
		const label = validSpans.find((i) => overlaps(input.spans[i], r));
		if (label !== undefined) {
			problems.push({
				code: 'straight-has-label',
				severity: 'problem',
				straight: k,
				message: `The sentences marked straight at ${quote(words(r))} hold the label ${quote(words(input.spans[label]))}: unmark them or delete the label.`
			});
			continue;
		}
		if (!questions.straight.some((q) => overlaps(q.excerpt, r))) {
			problems.push({
				code: 'straight-no-question',
				severity: 'problem',
				straight: k,
				message: `${quote(words(r))} makes no straight question: a straight passage needs whole sentences of at least ${HARD_MIN_WORDS} words, starting with a capital letter and ending with . ! ? or …, away from every label.`
			});
		}
	}
	let straightPassages = 0;
	let lastEnd = -1;
	for (const q of [...questions.straight].sort((a, b) => a.excerpt.start - b.excerpt.start)) {
		if (q.excerpt.start >= lastEnd) {
			straightPassages++;
			lastEnd = q.excerpt.end;
		}
	}
	if (validSpans.length > 0 && straightPassages < MIN_STRAIGHT_PASSAGES) {
		problems.push({
			code: 'too-few-straight',
			severity: 'problem',
			message: `Too few straight sentences for loaded-or-straight questions: mark at least ${MIN_STRAIGHT_PASSAGES - straightPassages} more (${straightPassages} of ${MIN_STRAIGHT_PASSAGES}), or always answering “loaded” would win.`
		});
	}

	// The bench:items checks, on this article's items.
	const judge: JudgeItem[] = [...questions.loaded, ...questions.straight].map((q) => ({
		loaded: q.loaded,
		text: excerptText(q),
		words: excerptWords(q),
		source: article.id
	}));
	if (questions.loaded.length >= 2 && questions.straight.length >= 2) {
		for (const cue of SURFACE_CUES) {
			if (binaryCueAccuracy(judge, cue.test) < 1) continue;
			const loadedHas = judge.some((j) => j.loaded && cue.test(j));
			problems.push({
				code: 'surface-cue',
				severity: 'note',
				message: `Every loaded passage ${loadedHas ? 'has' : 'lacks'} ${cue.label} and every straight one ${loadedHas ? 'lacks' : 'has'} them: a player could answer by that alone. Mark straight sentences that differ in this.`
			});
		}
		if (lengthCueAccuracy(judge) === 1) {
			problems.push({
				code: 'surface-cue',
				severity: 'note',
				message:
					'The loaded and straight passages differ in length so cleanly that a player could answer by length alone. Mark straight passages of other lengths.'
			});
		}
	}
	for (const q of questions.find) {
		if (findOverSelectionCredit(q).whole > 0) {
			problems.push({
				code: 'over-selection',
				severity: 'problem',
				message: `Selecting the whole excerpt would earn credit in the question “find ${technique(q.techniqueId).name.toLowerCase()}”: the labelled words cover too much of it.`
			});
		}
	}
	for (const q of items) {
		const n = excerptWords(q);
		if (n < HARD_MIN_WORDS || n > EXCERPT_CAP_WORDS) {
			problems.push({
				code: 'excerpt-length',
				severity: 'problem',
				message: `The excerpt ${quote(excerptText(q))} has ${n} words (${HARD_MIN_WORDS} to ${EXCERPT_CAP_WORDS} read well).`
			});
		}
		const text = excerptText(q);
		if (!isAskable(text, 0, text.length, n)) {
			problems.push({
				code: 'excerpt-boundary',
				severity: 'problem',
				message: `The excerpt ${quote(text)} does not read as whole sentences (or cuts a quotation).`
			});
		}
		if (q.kind === 'name') {
			const fits = nameDistractorsInExcerpt(q);
			if (fits.length > 0) {
				problems.push({
					code: 'distractor-fits',
					severity: 'problem',
					message: `A wrong choice also labels words of the excerpt ${quote(text)}: ${fits.map((t) => technique(t).name).join(', ')}.`
				});
			}
		}
	}

	// Explanations.
	for (const i of validSpans) {
		const s = input.spans[i];
		const explanation = s.explanation?.trim() ?? '';
		if (explanation === '') {
			problems.push({
				code: 'no-explanation',
				severity: 'note',
				span: i,
				message: `${quote(words(s))} has no explanation of your own: students would see Slant's general one for ${technique(s.techniqueId).name.toLowerCase()}.`
			});
		} else if (isUnfinishedDraft(explanation)) {
			problems.push({
				code: 'draft-explanation',
				severity: 'problem',
				span: i,
				message: `The explanation of ${quote(words(s))} is still a draft: finish it in your own words (remove the “Draft” line and fill the gap).`
			});
		}
	}

	return {
		questions,
		counts: {
			name: questions.name.length,
			find: questions.find.length,
			loaded: questions.loaded.length,
			straight: questions.straight.length
		},
		problems
	};
}
