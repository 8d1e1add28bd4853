/**
 * Checks shared by every reader: code-point ranges inside an article, and technique names.
 */
import { CodePointIndex } from '../../game/text';
import { resolveTechnique, TECHNIQUE_IDS, type TechniqueId } from '../../game/techniques';
import type { SourceRef } from './drafts';
import { ImportError } from './importError';

/** What is wrong with a range, and which offset is at fault. */
export interface RangeProblem {
	field: 'start' | 'end';
	problem: string;
}

/**
 * Why `start`..`end` is not a valid range of the article (whole numbers with
 * 0 <= start < end <= length in code points), or null when it is.
 */
export function rangeProblem(
	index: CodePointIndex,
	start: number,
	end: number
): RangeProblem | null {
	if (!Number.isInteger(start))
		return { field: 'start', problem: `start ${start} is not a whole number` };
	if (!Number.isInteger(end)) return { field: 'end', problem: `end ${end} is not a whole number` };
	if (end <= start)
		return { field: 'end', problem: `end ${end} must be greater than start ${start}` };
	const outside = `range ${start}-${end} is outside the article, which has ${index.length} code points`;
	if (start < 0) return { field: 'start', problem: outside };
	if (end > index.length) return { field: 'end', problem: outside };
	return null;
}

/** Throws an ImportError at `at` (or at the faulty offset's own line) unless the range is valid. */
export function checkRange(
	index: CodePointIndex,
	start: number,
	end: number,
	at: SourceRef | ((field: 'start' | 'end') => SourceRef)
): void {
	const found = rangeProblem(index, start, end);
	if (!found) return;
	const ref = typeof at === 'function' ? at(found.field) : at;
	throw new ImportError(ref.file, ref.line, found.problem);
}

/** Throws unless `quote` is exactly the text between the code-point offsets. */
export function checkQuote(
	index: CodePointIndex,
	start: number,
	end: number,
	quote: string,
	at: SourceRef
): void {
	const actual = index.slice(start, end);
	if (actual !== quote) {
		throw new ImportError(
			at.file,
			at.line,
			`quote ${JSON.stringify(quote)} does not match the text at ${start}-${end}, which is ${JSON.stringify(actual)}`
		);
	}
}

/** The technique id for a technique id or PTC label; throws naming the valid ids otherwise. */
export function techniqueIdFor(idOrLabel: string, at: SourceRef): TechniqueId {
	const technique = resolveTechnique(idOrLabel);
	if (!technique) {
		throw new ImportError(
			at.file,
			at.line,
			`unknown technique ${JSON.stringify(idOrLabel)}; use one of ${TECHNIQUE_IDS.join(', ')} or its PTC label`
		);
	}
	return technique.id;
}
