/**
 * What a player sees after answering: the right answer, every labelled span with its technique
 * and explanation, and a line contrasting a wrong technique with the right one.
 */
import { FAMILIES, technique, type FamilyId, type TechniqueId } from './techniques';
import type { Question, Reveal, RevealAnswer } from './types';

/** The answer key and every labelled span of `q`, for feedback after answering. */
export function revealQuestion(q: Question): Reveal {
	let answer: RevealAnswer;
	switch (q.kind) {
		case 'name':
			answer = { kind: 'name', techniqueId: q.answer, highlight: [q.highlight[0], q.highlight[1]] };
			break;
		case 'find':
			answer = {
				kind: 'find',
				techniqueId: q.techniqueId,
				targets: q.targets.map((t) => [t[0], t[1]])
			};
			break;
		case 'judge':
			answer = { kind: 'judge', loaded: q.loaded };
			break;
	}
	const spans = q.spans
		.map((s) => {
			const t = technique(s.techniqueId);
			return {
				techniqueId: s.techniqueId,
				range: [s.range[0], s.range[1]] as [number, number],
				text: s.text,
				explanation: s.explanation,
				techniqueName: t.name,
				family: t.family,
				definition: t.definition
			};
		})
		.sort((a, b) => a.range[0] - b.range[0] || a.range[1] - b.range[1]);
	return { itemKey: q.itemKey, kind: q.kind, excerpt: q.excerpt, answer, spans };
}

function familyName(id: FamilyId): string {
	return FAMILIES.find((f) => f.id === id)?.name ?? id;
}

function lowerFirst(text: string): string {
	return text.charAt(0).toLowerCase() + text.slice(1);
}

function article(word: string): string {
	return /^[aeiou]/i.test(word) ? 'an' : 'a';
}

function withoutStop(text: string): string {
	return text.replace(/[.\s]+$/u, '');
}

/**
 * One line on how the chosen technique differs from the correct one, built from the taxonomy:
 * names, families and definitions. Same technique: a short confirmation.
 */
export function contrastLine(chosen: TechniqueId, correct: TechniqueId): string {
	const right = technique(correct);
	if (chosen === correct) {
		return `Right: ${lowerFirst(right.name)} is ${lowerFirst(withoutStop(right.definition))}.`;
	}
	const wrong = technique(chosen);
	const rightDef = lowerFirst(withoutStop(right.definition));
	const wrongDef = lowerFirst(withoutStop(wrong.definition));
	const rightFamily = lowerFirst(familyName(right.family));
	if (right.family === wrong.family) {
		return (
			`Close: both are ${rightFamily} techniques, but these words are ` +
			`${lowerFirst(right.name)} (${rightDef}), not ${lowerFirst(wrong.name)} (${wrongDef}).`
		);
	}
	return (
		`These words are ${lowerFirst(right.name)}, ${article(rightFamily)} ${rightFamily} technique: ` +
		`${rightDef}. ${wrong.name} belongs to the ${lowerFirst(familyName(wrong.family))} family ` +
		`instead: ${wrongDef}.`
	);
}
