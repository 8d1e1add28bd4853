/**
 * What a teacher's article will yield before it is played, for the editor: the pure preview
 * (game/articlePreview.ts: the round builder's item pool by kind, and the item checks
 * `npm run bench:items` runs) put in sentences, with each finding tied to the label it is about.
 */
import { previewArticle, type ArticlePreview } from '../../game/articlePreview';
import { technique } from '../../game/techniques';
import type { Question } from '../../game/types';
import type { TeacherArticle } from './articles';

/** The kinds of question, as the preview names them to a teacher. */
export const PREVIEW_KINDS = {
	name: 'name the technique',
	find: 'find the words',
	loaded: 'loaded or straight? (answer: loaded)',
	straight: 'loaded or straight? (answer: straight)'
} as const;

/** The editor's preview: questions by kind in words, and findings linked to their labels. */
export interface EditorPreview {
	counts: ArticlePreview['counts'];
	questions: { kind: keyof typeof PREVIEW_KINDS; prompt: string; excerpt: string }[];
	problems: { severity: 'problem' | 'note'; message: string; spanId: number | null }[];
}

/** Previews the article as it is stored now. */
export function previewTeacherArticle(article: TeacherArticle): EditorPreview {
	const preview = previewArticle({
		id: article.id,
		title: article.title,
		outlet: article.outlet,
		body: article.body,
		spans: article.spans,
		straight: article.straight
	});
	const kinds = Object.keys(PREVIEW_KINDS) as (keyof typeof PREVIEW_KINDS)[];
	return {
		counts: preview.counts,
		questions: kinds.flatMap((kind) =>
			preview.questions[kind].map((q: Question) => ({
				kind,
				prompt: describe(q),
				excerpt: q.excerpt.tokens.map((t) => t.text).join('')
			}))
		),
		problems: preview.problems.map((p) => ({
			severity: p.severity,
			message: p.message,
			spanId: p.span === undefined ? null : (article.spans[p.span]?.id ?? null)
		}))
	};
}

/** The question and its key in a sentence, for the teacher (who may see the answers). */
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
