/**
 * Hand-made excerpts for tests that need questions with known answers and do not want to depend
 * on the round builder's choices. Test support only.
 */
import type { TechniqueId } from './techniques';
import type {
	Excerpt,
	ExcerptSpan,
	FindQuestion,
	JudgeQuestion,
	NameQuestion,
	Token
} from './types';

/** Tokens split on white space: every non-space run is a word. */
export function fixtureTokens(text: string): Token[] {
	return text
		.split(/(\s+)/)
		.filter((t) => t !== '')
		.map((t) => ({ text: t, word: !/^\s+$/.test(t) }));
}

/** An excerpt of a made-up article whose text is `text`. */
export function fixtureExcerpt(text: string, articleTitle = 'Fixture article'): Excerpt {
	return {
		articleId: 'fixture',
		articleTitle,
		outlet: null,
		start: 0,
		end: text.length,
		tokens: fixtureTokens(text)
	};
}

/** A name question on `excerpt` that asks for the technique of `asked`, one of its `spans`. */
export function nameQuestionOn(
	excerpt: Excerpt,
	spans: ExcerptSpan[],
	asked: ExcerptSpan,
	choices: TechniqueId[]
): NameQuestion {
	return {
		itemKey: 'name-key',
		kind: 'name',
		excerpt,
		spans,
		highlight: asked.range,
		choices,
		answer: asked.techniqueId
	};
}

/** A find question on `excerpt` whose targets are the ranges of its spans of `techniqueId`. */
export function findQuestionOn(
	excerpt: Excerpt,
	spans: ExcerptSpan[],
	techniqueId: TechniqueId
): FindQuestion {
	const targets = spans.filter((s) => s.techniqueId === techniqueId).map((s) => s.range);
	return { itemKey: 'find-key', kind: 'find', excerpt, spans, techniqueId, targets };
}

/** A judge question on `excerpt`: loaded when it has spans; `note` says why a straight one is. */
export function judgeQuestionOn(
	excerpt: Excerpt,
	spans: ExcerptSpan[],
	note?: string
): JudgeQuestion {
	const question: JudgeQuestion = {
		itemKey: 'judge-key',
		kind: 'judge',
		excerpt,
		spans,
		loaded: spans.length > 0
	};
	return note === undefined ? question : { ...question, note };
}
