/**
 * Shared shapes of the game core. Offsets into articles are Unicode code points (as PTC counts);
 * inside a built question everything is expressed in token indices of the excerpt, so clients
 * never deal with offsets at all.
 */
import type { RoundDifficulty } from './difficulty';
import type { ReviewStatus } from './review';
import type { FamilyId, TechniqueId } from './techniques';

/** Content the round builder works from (loaded from the database by the server). */
export interface ContentArticle {
	id: string;
	title: string;
	outlet: string | null;
	body: string;
	spans: ContentSpan[];
	/** Code-point ranges an editor checked and found clean, with the editor's note if any. */
	clean: { start: number; end: number; note?: string | null }[];
	/** The pack or corpus folder it came from (what a teacher opts into). */
	collection?: string | null;
	/**
	 * True when the labelling is exhaustive (PTC: annotators labelled every technique they found),
	 * so unlabelled sentences away from any label can serve as straight passages.
	 */
	exhaustive?: boolean;
	/** Where it came from: 'bundled', 'pack' or 'ptc-import' (who labelled it, for notes). */
	origin?: string;
	/**
	 * Set by applyReviews (review.ts) on imported collections: only reviewed items are asked,
	 * unless the round includes unreviewed items.
	 */
	reviewGated?: boolean;
	/** Straight passages a teacher approved or hid (code points). */
	straightReviews?: { start: number; end: number; status: 'approved' | 'hidden' }[];
}

export interface ContentSpan {
	id: number;
	techniqueId: TechniqueId;
	/** Code-point offsets into the article body, end exclusive. */
	start: number;
	end: number;
	explanation: string | null;
	/** Who wrote the explanation; absent: an editor when there is one. */
	explanationBy?: 'editor' | 'teacher';
	/** A teacher's decision on a span of an imported collection (set by applyReviews). */
	review?: ReviewStatus;
	/** The span's review key, from its label as imported (set by applyReviews). */
	reviewKey?: string;
}

export type QuestionKind = 'name' | 'find' | 'judge';

/** One token of an excerpt: Intl.Segmenter word segments; `word` marks selectable words. */
export interface Token {
	text: string;
	word: boolean;
}

/** Half-open range of token indices [start, end). */
export type TokenRange = [number, number];

/** A labelled span inside an excerpt, for highlighting and explaining at feedback time. */
export interface ExcerptSpan {
	techniqueId: TechniqueId;
	range: TokenRange;
	/** The exact words, as they stand in the article. */
	text: string;
	explanation: string | null;
	/** A teacher wrote the explanation while reviewing the item (absent: an editor, if any). */
	explanationBy?: 'teacher';
}

export interface Excerpt {
	articleId: string;
	articleTitle: string;
	outlet: string | null;
	/** Code-point range of the excerpt in the article. */
	start: number;
	end: number;
	tokens: Token[];
}

/**
 * What a screen shows of an excerpt: where it comes from and its tokens. Live views carry no more
 * (see `WireExcerpt` in wire.ts); solo views carry a whole `Excerpt`, which fits this too.
 */
export type ShownExcerpt = Pick<Excerpt, 'articleTitle' | 'outlet' | 'tokens'>;

interface QuestionBase {
	/** Stable item key (article, range, kind) used for difficulty statistics. */
	itemKey: string;
	kind: QuestionKind;
	excerpt: Excerpt;
	/** Every labelled span that falls in the excerpt (shown at feedback). */
	spans: ExcerptSpan[];
}

/** Name the technique of the highlighted words. */
export interface NameQuestion extends QuestionBase {
	kind: 'name';
	highlight: TokenRange;
	/** Four technique ids in display order, the answer among them. */
	choices: TechniqueId[];
	answer: TechniqueId;
}

/** Select the words that use the given technique. */
export interface FindQuestion extends QuestionBase {
	kind: 'find';
	techniqueId: TechniqueId;
	/** Every labelled span of that technique in the excerpt; matching any one counts. */
	targets: TokenRange[];
}

/** Loaded or straight? */
export interface JudgeQuestion extends QuestionBase {
	kind: 'judge';
	loaded: boolean;
	/** Why a straight passage counts as straight (shown at feedback). */
	note?: string | null;
}

/** A question as the server holds it, answer key included. Never sent to a client as is. */
export type Question = NameQuestion | FindQuestion | JudgeQuestion;

/**
 * What a client may see before answering: no answer key, no explanations. `E` is the form of the
 * excerpt: whole on the server and in solo views, `WireExcerpt` in live views as sent.
 */
export type PublicQuestion<E = Excerpt> =
	| { kind: 'name'; excerpt: E; highlight: TokenRange; choices: TechniqueId[] }
	| { kind: 'find'; excerpt: E; techniqueId: TechniqueId }
	| { kind: 'judge'; excerpt: E };

/** A public question as screens read it. */
export type ShownQuestion = PublicQuestion<ShownExcerpt>;

/** A player's response, as validated at the edge. */
export type Response =
	| { kind: 'name'; techniqueId: TechniqueId }
	| { kind: 'find'; range: TokenRange }
	| { kind: 'judge'; loaded: boolean };

export type ScoringMode = 'speed' | 'accuracy';

/** How a round is chosen and scored. Stored with every game. */
export interface RoundConfig {
	/** null: all content. */
	articleId: string | null;
	/** Empty: every family. */
	families: FamilyId[];
	count: number;
	/** Seconds per question; null for untimed play. */
	secondsPerQuestion: number | null;
	scoring: ScoringMode;
	/** Streak bonus on or off (speed scoring only). */
	streaks: boolean;
	/** Optional techniques to weight (for 'practise what you missed'). */
	focusTechniques: TechniqueId[];
	/**
	 * Collections (packs, imported corpora) the round may draw from; absent or empty: every
	 * article handed to the round builder. Servers fill it in, so imported corpora are opt-in.
	 */
	sources?: string[];
	/** Easy, mixed (the default) or hard items, by each item's observed share right. */
	difficulty?: RoundDifficulty;
	/** Ask players for a confidence rating (sure / not sure) with each answer. */
	askConfidence?: boolean;
	/**
	 * Also ask unreviewed items of imported collections (a teacher's choice for their own live
	 * game or assignment; never for solo play). Hidden and held-back items stay out regardless.
	 */
	includeUnreviewed?: boolean;
}

/** The server's verdict on one answer. */
export interface AnswerResult {
	correct: boolean;
	/** 0..1 */
	credit: number;
	points: number;
	timedOut: boolean;
}

/** A labelled span as shown at feedback time, with the technique's name and definition. */
export interface RevealSpan extends Omit<ExcerptSpan, 'explanationBy'> {
	/**
	 * Who wrote the explanation: an editor, a teacher who reviewed the item, or Slant from the
	 * annotators' label (generated, checked by nobody).
	 */
	explanationBy?: 'editor' | 'teacher' | 'slant';
	techniqueName: string;
	family: FamilyId;
	definition: string;
}

/** The correct answer of a question, in the terms of its kind. */
export type RevealAnswer =
	| { kind: 'name'; techniqueId: TechniqueId; highlight: TokenRange }
	| { kind: 'find'; techniqueId: TechniqueId; targets: TokenRange[] }
	| { kind: 'judge'; loaded: boolean };

/** What feedback screens read of a reveal (a live view decodes to this; solo sends a `Reveal`). */
export interface ShownReveal {
	excerpt: ShownExcerpt;
	answer: RevealAnswer;
	/** Every labelled span in the excerpt, in reading order (empty for a straight passage). */
	spans: RevealSpan[];
	/** For a straight passage: why it is straight. */
	note?: string | null;
}

/** What a player sees after answering: the answer and every labelled span in the excerpt. */
export interface Reveal extends ShownReveal {
	itemKey: string;
	kind: QuestionKind;
	excerpt: Excerpt;
}
