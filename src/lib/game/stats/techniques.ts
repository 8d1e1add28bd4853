/**
 * Per-technique figures: how often the class got each technique right, and which technique was
 * taken for which on "name the technique" questions (the confusion matrix).
 */
import { questionTechnique } from '../round';
import { TECHNIQUES, techniqueById, type TechniqueId } from '../techniques';
import type { Question } from '../types';
import { ratio, type ScoredAnswer } from './answers';

const nameOf = (id: TechniqueId) => techniqueById(id)?.name ?? id;

/** An answer together with the question it answers. */
export interface AnswerTo extends ScoredAnswer {
	question: Question;
}

export interface TechniqueTally {
	techniqueId: TechniqueId;
	name: string;
	/** Answers to questions about the technique (timed-out ones included, as wrong). */
	responses: number;
	correct: number;
	/** correct / responses. */
	share: number;
}

/**
 * Accuracy per technique over every answer whose question is about one technique (name and find
 * questions, and loaded passages with one technique; straight passages have none), weakest
 * first, then by name.
 */
export function techniqueTally(answers: readonly AnswerTo[]): TechniqueTally[] {
	const tally = new Map<TechniqueId, { responses: number; correct: number }>();
	for (const a of answers) {
		const id = questionTechnique(a.question);
		if (!id) continue;
		const entry = tally.get(id) ?? { responses: 0, correct: 0 };
		entry.responses++;
		if (a.correct) entry.correct++;
		tally.set(id, entry);
	}
	return [...tally]
		.map(([techniqueId, t]) => ({
			techniqueId,
			name: nameOf(techniqueId),
			...t,
			share: t.correct / t.responses
		}))
		.sort((a, b) => a.share - b.share || a.name.localeCompare(b.name));
}

/** Right technique (rows) against chosen technique (columns) on name-the-technique questions. */
export interface ConfusionMatrix {
	/** The techniques that appear as a right answer or a choice, in the guide's order. */
	techniques: { id: TechniqueId; name: string }[];
	/**
	 * Indexes into `techniques` of the rows to show: the techniques that were the right answer of
	 * some answered question (a technique only ever chosen is a column, not a row of zeros).
	 */
	rows: number[];
	/** counts[row][column]: answers whose right technique is row and chosen technique column. */
	counts: number[][];
	/** Per row: timed-out answers (no technique chosen), counted as wrong. */
	noAnswer: number[];
	/** Per row: every answer to that technique (chosen or timed out). */
	rowTotals: number[];
	/** Largest cell off the diagonal (for shading); 0 when nobody was confused. */
	maxConfusion: number;
}

/** The confusion matrix of every answer to a name-the-technique question. */
export function confusionMatrix(answers: readonly AnswerTo[]): ConfusionMatrix {
	const named = answers.flatMap((a) =>
		a.question.kind === 'name'
			? [
					{
						answer: a.question.answer,
						chosen: a.response?.kind === 'name' ? a.response.techniqueId : null
					}
				]
			: []
	);
	const seen = new Set<TechniqueId>();
	for (const n of named) {
		seen.add(n.answer);
		if (n.chosen) seen.add(n.chosen);
	}
	const ids = TECHNIQUES.map((t) => t.id).filter((id) => seen.has(id));
	const at = new Map(ids.map((id, i) => [id, i]));
	const counts = ids.map(() => ids.map(() => 0));
	const noAnswer = ids.map(() => 0);
	for (const n of named) {
		const row = at.get(n.answer)!;
		if (n.chosen === null) noAnswer[row]++;
		else counts[row][at.get(n.chosen)!]++;
	}
	let maxConfusion = 0;
	counts.forEach((row, r) =>
		row.forEach((c, col) => {
			if (r !== col) maxConfusion = Math.max(maxConfusion, c);
		})
	);
	const answered = new Set(named.map((n) => n.answer));
	return {
		techniques: ids.map((id) => ({ id, name: nameOf(id) })),
		rows: ids.flatMap((id, i) => (answered.has(id) ? [i] : [])),
		counts,
		noAnswer,
		rowTotals: counts.map((row, r) => row.reduce((s, c) => s + c, 0) + noAnswer[r]),
		maxConfusion
	};
}

/** One off-diagonal cell of the confusion matrix: the right technique and what was chosen. */
export interface ConfusedPair {
	answer: TechniqueId;
	answerName: string;
	chosen: TechniqueId;
	chosenName: string;
	count: number;
	/** count / every answer to `answer` on name questions. */
	share: number | null;
}

/** The matrix's non-empty cells off the diagonal, most frequent first. */
export function confusedPairs(matrix: ConfusionMatrix): ConfusedPair[] {
	const pairs: ConfusedPair[] = [];
	matrix.counts.forEach((row, r) =>
		row.forEach((count, c) => {
			if (r === c || count === 0) return;
			const answer = matrix.techniques[r];
			const chosen = matrix.techniques[c];
			pairs.push({
				answer: answer.id,
				answerName: answer.name,
				chosen: chosen.id,
				chosenName: chosen.name,
				count,
				share: ratio(count, matrix.rowTotals[r])
			});
		})
	);
	return pairs.sort(
		(a, b) =>
			b.count - a.count ||
			a.answerName.localeCompare(b.answerName) ||
			a.chosenName.localeCompare(b.chosenName)
	);
}
