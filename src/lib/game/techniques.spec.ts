import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
	FAMILIES,
	TECHNIQUES,
	TECHNIQUE_IDS,
	resolveTechnique,
	techniqueById,
	techniqueByPtcLabel,
	techniquesInFamily
} from './techniques';

/** The 14 labels of SemEval-2020 Task 11, as the task writes them. */
const PTC_LABELS = [
	'Appeal_to_Authority',
	'Appeal_to_fear-prejudice',
	'Bandwagon,Reductio_ad_hitlerum',
	'Black-and-White_Fallacy',
	'Causal_Oversimplification',
	'Doubt',
	'Exaggeration,Minimisation',
	'Flag-Waving',
	'Loaded_Language',
	'Name_Calling,Labeling',
	'Repetition',
	'Slogans',
	'Thought-terminating_Cliches',
	'Whataboutism,Straw_Men,Red_Herring'
];

const namesFile = resolve(
	process.env.PTC_DIR ?? '../shared/data/ptc',
	'propaganda-techniques-names-semeval2020task11.txt'
);

describe('the technique taxonomy', () => {
	it('has exactly the 14 PTC labels, each once', () => {
		expect(TECHNIQUES.map((t) => t.ptcLabel).sort()).toEqual(PTC_LABELS);
		expect(new Set(TECHNIQUES.map((t) => t.id)).size).toBe(14);
		expect(TECHNIQUES.map((t) => t.id)).toEqual([...TECHNIQUE_IDS]);
	});

	it.skipIf(!existsSync(namesFile))(
		'matches the label list shipped with the corpus (skipped when ../shared is absent)',
		() => {
			const names = readFileSync(namesFile, 'utf8')
				.split('\n')
				.map((l) => l.trim())
				.filter(Boolean)
				.sort();
			expect(names).toEqual(PTC_LABELS);
		}
	);

	it('puts every technique in one of the six families, and no family is empty', () => {
		const familyIds = FAMILIES.map((f) => f.id);
		expect(familyIds).toHaveLength(6);
		for (const t of TECHNIQUES) expect(familyIds).toContain(t.family);
		for (const f of FAMILIES) expect(techniquesInFamily(f.id).length).toBeGreaterThan(0);
	});

	it('gives every technique a name, a one-sentence definition, a tip and an example', () => {
		for (const t of TECHNIQUES) {
			expect(t.name.length).toBeGreaterThan(3);
			expect(t.definition).toMatch(/^[A-Z].*\.$/);
			// One sentence: no sentence break inside the definition.
			expect(t.definition.slice(0, -1)).not.toMatch(/[.!?]\s+[A-Z]/);
			expect(t.tip.length).toBeGreaterThan(20);
			expect(t.example.length).toBeGreaterThan(10);
		}
	});

	it('looks techniques up by id and by PTC label, and refuses unknown ones', () => {
		expect(techniqueById('doubt')?.ptcLabel).toBe('Doubt');
		expect(techniqueByPtcLabel('Name_Calling,Labeling')?.id).toBe('name-calling');
		expect(resolveTechnique('Flag-Waving')?.id).toBe('flag-waving');
		expect(resolveTechnique('flag-waving')?.id).toBe('flag-waving');
		expect(resolveTechnique('Propaganda')).toBeUndefined();
		expect(techniqueById('Loaded_Language')).toBeUndefined();
	});
});

describe('the technique guide’s own examples', () => {
	it('gives every technique invented examples with the marked words inside them', () => {
		for (const t of TECHNIQUES) {
			expect(t.guideExamples.length).toBeGreaterThanOrEqual(2);
			for (const ex of t.guideExamples) {
				expect(ex.text).toContain(ex.words);
				expect(ex.why.length).toBeGreaterThan(20);
			}
		}
	});

	it('never uses a passage of the bundled content as an example', () => {
		const dir = fileURLToPath(new URL('../../../content', import.meta.url));
		const packs = readdirSync(dir, { recursive: true })
			.map(String)
			.filter((f) => f.endsWith('.json') || f.endsWith('.txt'))
			.map((f) => readFileSync(join(dir, f), 'utf8'))
			.join('\n');
		for (const t of TECHNIQUES) {
			for (const text of [t.example, ...t.guideExamples.map((e) => e.text)]) {
				expect(packs.includes(text), `${t.id}: “${text}” is in the bundled content`).toBe(false);
			}
		}
	});
});
