/**
 * What an import did, and how to say it to a person.
 */
import { TECHNIQUE_IDS, type TechniqueId } from '../../game/techniques';
import { HELD_BACK_REASON } from '../../game/contentFilter';
import type { SkippedEntry } from './drafts';

/** Counts of one import run. "Unchanged" items were already in the database, identical. */
export interface ImportSummary {
	articlesAdded: number;
	articlesUnchanged: number;
	spansAdded: number;
	spansUnchanged: number;
	/** Spans of this import per technique id (only techniques that occur). */
	spansByTechnique: Partial<Record<TechniqueId, { added: number; unchanged: number }>>;
	cleanAdded: number;
	cleanUnchanged: number;
	/** Items left out on purpose, by reason. */
	skipped: SkippedEntry[];
	/** Sentences imported but held back from student rounds (any excerpt holding one is skipped). */
	heldBack: { sentences: number; articles: number; reason: string };
	/**
	 * Lines of scraped page debris (captions, share lines, adverts, credits): kept in the text so
	 * offsets stay true, never shown to students (see excerptBounds.ts).
	 */
	pageDebris: { lines: number; articles: number };
}

/** A summary with every count at zero. */
export function emptySummary(): ImportSummary {
	return {
		articlesAdded: 0,
		articlesUnchanged: 0,
		spansAdded: 0,
		spansUnchanged: 0,
		spansByTechnique: {},
		cleanAdded: 0,
		cleanUnchanged: 0,
		skipped: [],
		heldBack: { sentences: 0, articles: 0, reason: HELD_BACK_REASON },
		pageDebris: { lines: 0, articles: 0 }
	};
}

/** Counts one span of the import under its technique. */
export function countSpan(summary: ImportSummary, techniqueId: TechniqueId, added: boolean): void {
	const counts = (summary.spansByTechnique[techniqueId] ??= { added: 0, unchanged: 0 });
	if (added) {
		counts.added++;
		summary.spansAdded++;
	} else {
		counts.unchanged++;
		summary.spansUnchanged++;
	}
}

/** The summary as lines of text for a terminal. */
export function formatSummary(summary: ImportSummary): string {
	const lines = [
		`Articles: ${summary.articlesAdded} added, ${summary.articlesUnchanged} unchanged`,
		`Spans: ${summary.spansAdded} added, ${summary.spansUnchanged} unchanged`
	];
	for (const id of TECHNIQUE_IDS) {
		const counts = summary.spansByTechnique[id];
		if (counts)
			lines.push(`  ${id.padEnd(27)} ${counts.added} added, ${counts.unchanged} unchanged`);
	}
	if (summary.cleanAdded + summary.cleanUnchanged > 0) {
		lines.push(`Clean passages: ${summary.cleanAdded} added, ${summary.cleanUnchanged} unchanged`);
	}
	lines.push(
		summary.heldBack.sentences === 0
			? 'Held back from student rounds: nothing'
			: `Held back from student rounds: ${summary.heldBack.sentences} sentences in ${summary.heldBack.articles} articles (${summary.heldBack.reason}); excerpts holding them are never asked`
	);
	if (summary.pageDebris.lines > 0) {
		lines.push(
			`Page debris (captions, share lines, adverts, credits): ${summary.pageDebris.lines} lines in ${summary.pageDebris.articles} articles, kept in the text and never shown`
		);
	}
	lines.push(summary.skipped.length === 0 ? 'Skipped: nothing' : 'Skipped:');
	for (const entry of summary.skipped) {
		lines.push(`  ${entry.count} × ${entry.reason} (e.g. ${entry.examples.join(', ')})`);
	}
	return lines.join('\n');
}
