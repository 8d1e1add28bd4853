/**
 * Drafted explanations in the editor (game/draftExplanation.ts): the editor offers a draft with a
 * `[to fill: …]` gap; the saved text is the teacher's. A draft still unfinished is refused, and a
 * saved explanation that keeps the draft's wording is recorded as an accepted draft.
 */
import { DRAFT_PREFIX, draftExplanation, isUnfinishedDraft } from '../../game/draftExplanation';
import type { TechniqueId } from '../../game/techniques';
import { ArticleError } from './errors';

/**
 * Whose words a saved explanation is: the teacher's own, or the draft they completed (null when
 * there is no explanation). Refuses (400) a draft whose gap is not filled yet.
 */
export function explanationSource(
	explanation: string | null,
	techniqueId: TechniqueId,
	words: string
): 'teacher' | 'draft' | null {
	if (explanation === null) return null;
	if (isUnfinishedDraft(explanation)) {
		throw new ArticleError(
			400,
			'Finish the drafted explanation first: replace the “[to fill: …]” part and the “Draft:” opening with your own words, or clear it.'
		);
	}
	const core = draftExplanation(techniqueId, words)
		.slice(DRAFT_PREFIX.length)
		.replace(/\[to fill:[^\]]*\]/u, '')
		.trim();
	return explanation.includes(core) ? 'draft' : 'teacher';
}
