/**
 * Hand-made excerpts for tests that need questions with known answers and do not want to depend
 * on the round builder's choices. Test support only.
 */
import type { Excerpt, Token } from './types';

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
