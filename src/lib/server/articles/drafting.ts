/**
 * The drafted explanation the editor offers for a new label. Seam for the pure drafting module
 * (game/draftExplanation.ts, built for issue 20 in parallel); until it is merged no draft is
 * offered and every explanation is the teacher's own.
 */
import type { TechniqueId } from '../../game/techniques';

/** The draft explanation for `words` labelled `techniqueId`, or null when none is offered. */
export function draftExplanationFor(techniqueId: TechniqueId, words: string): string | null {
	void techniqueId;
	void words;
	return null;
}

/**
 * Whose words a saved explanation is: the teacher's own, or the draft accepted unchanged
 * (null when there is no explanation).
 */
export function explanationSource(
	explanation: string | null,
	techniqueId: TechniqueId,
	words: string
): 'teacher' | 'draft' | null {
	if (explanation === null) return null;
	const draft = draftExplanationFor(techniqueId, words);
	return draft !== null && draft.trim() === explanation ? 'draft' : 'teacher';
}
