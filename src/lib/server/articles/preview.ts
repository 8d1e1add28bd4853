/**
 * What an article will yield before it is played: a sample round built from it alone by the
 * round builder every mode uses, counted by kind, and plain-language problems. Seam for the pure
 * item checks (game/articlePreview.ts, built for issue 20 in parallel), which add the bench:items
 * checks (balance, surface cues, over-selection, excerpt bounds, distractors) when merged.
 */
import { buildRoundFromDb } from '../content/roundBuilder';
import { technique } from '../../game/techniques';
import type { Question } from '../../game/types';
import type { Db } from '../db/open';
import type { TeacherArticle } from './articles';

/** Questions of each kind a sample round from the article holds, and problems to fix. */
export interface ArticlePreview {
	questions: { kind: string; prompt: string; excerpt: string }[];
	counts: Record<string, number>;
	problems: string[];
}

/** Builds a sample round of up to `count` questions from the article alone. */
export function previewArticle(db: Db, article: TeacherArticle, count = 10): ArticlePreview {
	const problems: string[] = [];
	if (article.spans.length === 0) problems.push('No label yet: select words and label them.');
	if (article.straight.length === 0) {
		problems.push(
			'No sentence is marked straight, so there will be no “loaded or straight?” question with a straight answer: mark a few fair sentences straight.'
		);
	}
	let questions: ArticlePreview['questions'] = [];
	try {
		const round = buildRoundFromDb(
			db,
			{
				articleId: article.id,
				sources: [article.id],
				families: [],
				count,
				secondsPerQuestion: null,
				scoring: 'accuracy',
				streaks: false,
				focusTechniques: []
			},
			'preview'
		);
		questions = round.map((q) => ({
			kind: q.kind,
			prompt: describe(q),
			excerpt: q.excerpt.tokens.map((t) => t.text).join('')
		}));
	} catch (e) {
		problems.push(`No round can be built yet: ${(e as Error).message}`);
	}
	const counts: Record<string, number> = {};
	for (const q of questions) counts[q.kind] = (counts[q.kind] ?? 0) + 1;
	return { questions, counts, problems };
}

/** The question and its key in a sentence, for the teacher. */
function describe(q: Question): string {
	const words = (range: [number, number]) =>
		q.excerpt.tokens
			.slice(range[0], range[1])
			.map((t) => t.text)
			.join('');
	if (q.kind === 'name') {
		return `Name the technique in “${words(q.highlight)}” (answer: ${technique(q.answer).name})`;
	}
	if (q.kind === 'find') return `Find the words that use ${technique(q.techniqueId).name}`;
	return `Loaded or straight? (answer: ${q.loaded ? 'loaded' : 'straight'})`;
}
