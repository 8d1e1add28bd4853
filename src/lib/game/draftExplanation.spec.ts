import { describe, expect, it } from 'vitest';
import { draftExplanation, isUnfinishedDraft } from './draftExplanation';
import { generatedExplanation } from './feedback';
import { TECHNIQUES, TECHNIQUE_IDS } from './techniques';

/** Words a neutral template never brings in by itself (any of them would come from the span). */
const PARTISAN =
	/\b(left|right-wing|liberal|conservative|democrat|republican|progressive|woke|leftist|socialist|fascist|patriots?|elites?|mainstream media|fake news|government)\b/iu;

describe('draftExplanation', () => {
	it('says it is a draft, and names the exact words and the technique', () => {
		for (const t of TECHNIQUES) {
			const draft = draftExplanation(t.id, 'greedy developers');
			expect(draft.startsWith('Draft')).toBe(true);
			expect(draft).toContain('“greedy developers”');
			expect(draft.toLowerCase()).toContain(t.name.toLowerCase());
		}
	});

	it('quotes the words exactly: emoji, no-break spaces and curly quotes survive', () => {
		const words = 'a “total\u00a0disaster” 🔥 for us’';
		expect(draftExplanation('exaggeration', words)).toContain(`“${words}”`);
	});

	it('trims only the space around the words, not inside them', () => {
		expect(draftExplanation('slogans', '  Fix the roads,\u00a0free the town!\n')).toContain(
			'“Fix the roads,\u00a0free the town!”'
		);
	});

	it('shortens a long span around an ellipsis, keeping its first and last words', () => {
		const words = Array.from({ length: 40 }, (_, i) => `w${i}`).join(' ');
		const draft = draftExplanation('fear', words);
		expect(draft).toContain('“w0 w1 w2 w3 w4 w5 w6 w7 … w36 w37 w38 w39”');
	});

	it('differs by technique beyond the name: each asks the teacher a question of its own', () => {
		const drafts = TECHNIQUE_IDS.map((id) => draftExplanation(id, 'these words'));
		const gaps = drafts.map((d) => d.match(/\[[^\]]+\]/gu)?.join(' '));
		expect(gaps.every((g) => g !== undefined)).toBe(true);
		expect(new Set(gaps).size).toBe(TECHNIQUE_IDS.length);
	});

	it('is written as the labeller’s reading, not as a fact about the words', () => {
		// The corpus template states "X is a label stuck on a person…" even where the label is
		// wrong; a draft says the words are marked as the technique, for the teacher to confirm.
		for (const id of TECHNIQUE_IDS) {
			expect(draftExplanation(id, 'black death')).toMatch(/“black death” is marked as /u);
		}
		expect(generatedExplanation('name-calling', 'black death')).not.toMatch(/marked as/u);
	});

	it('brings in no political side of its own', () => {
		for (const id of TECHNIQUE_IDS) {
			expect(draftExplanation(id, 'these words')).not.toMatch(PARTISAN);
		}
	});

	it('tells an unfinished draft from the teacher’s own text', () => {
		const draft = draftExplanation('doubt', 'so-called experts');
		expect(isUnfinishedDraft(draft)).toBe(true);
		const gapsFilled = draft.replace(/\[[^\]]+\]/gu, 'The lab’s results are not discussed.');
		expect(isUnfinishedDraft(gapsFilled)).toBe(true);
		expect(isUnfinishedDraft(gapsFilled.replace(/^Draft[^:]*:\s*/u, ''))).toBe(false);
		expect(
			isUnfinishedDraft('“So-called” hints the experts are fake without showing any evidence.')
		).toBe(false);
	});
});
