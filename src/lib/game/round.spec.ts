import { describe, expect, it } from 'vitest';
import { fixtureArticle, type FixtureLabel } from './articleFixtures';
import {
	CLEAN_MIN_WORDS,
	COMMONLY_CONFUSED,
	EXCERPT_CAP_CHARS,
	EXCERPT_CAP_WORDS,
	FIND_MAX_COVERAGE,
	buildRound,
	defaultRoundConfig,
	practiceConfig,
	toPublicQuestion,
	type ItemStats
} from './round';
import { TECHNIQUE_IDS, technique, type FamilyId, type TechniqueId } from './techniques';
import { CodePointIndex, codePointLength, sliceCodePoints } from './text';
import type { ContentArticle, Question, RoundConfig } from './types';

/** An invented article; spans and clean ranges are given by the words they cover. */
const article = (
	id: string,
	paragraphs: string[],
	labels: FixtureLabel[],
	cleanParagraphs: number[] = [],
	separator = '\n\n'
) =>
	fixtureArticle(id, paragraphs, labels, {
		separator,
		clean: cleanParagraphs,
		outlet: 'Test Gazette',
		explain: (phrase, techniqueId) => `Why "${phrase}" is ${techniqueId}`
	});

const harbour = article(
	'harbour',
	[
		'🌊🚢 The harbour plan came before the council on Tuesday evening after months of delay. Every proud citizen of Marlow will vote yes on the harbour plan, the mayor declared to the crowd. Critics called it a reckless giveaway to developers who have never built a pier.',
		'The council meets in the old town hall on the second Tuesday of each month. Members of the public may speak for three minutes each after registering at the front desk. Minutes of every meeting are published on the council website within a week.',
		'If the plan fails, our children will grow up in a ghost town 👻 with nothing left for them at all. Either we build the harbour this year or Marlow dies a slow and quiet death. Clean streets, safe streets, the posters outside the hall read on Tuesday morning.',
		'The harbour was first dredged in 1887, and its stone wall was rebuilt after the storm of 1953. Fishing boats still use the inner basin, while ferries dock at the outer quay twice a day in summer.'
	],
	[
		['Every proud citizen of Marlow will vote yes', 'flag-waving'],
		['reckless', 'loaded-language'],
		['a reckless giveaway to developers', 'exaggeration'],
		['our children will grow up in a ghost town', 'fear'],
		['Either we build the harbour this year or Marlow dies', 'black-and-white'],
		['Clean streets, safe streets', 'slogans']
	],
	[1, 3]
);

const library = article(
	'library',
	[
		'📚𝒳 The library board met again last night to discuss the opening hours for next year. Only the usual armchair experts objected to the longer weekend hours, said one board member 😀 after the vote. Is anyone surprised that a study funded by the board found the plan affordable?',
		'The library will open at nine on Saturdays from next month. Staff numbers stay the same, and the budget for new books rises by two percent this year. The board will review visitor numbers in the autumn and publish them.',
		'Half the town has already signed up for a card, so you should too. A famous author says the new reading room is the best in the country, so it must be. Rules are rules, and there is nothing more to talk about, the chair told reporters.'
	],
	[
		['armchair experts', 'name-calling'],
		['Is anyone surprised that a study funded by the board found the plan affordable?', 'doubt'],
		['Half the town has already signed up for a card, so you should too', 'bandwagon'],
		['A famous author says the new reading room is the best in the country', 'authority'],
		['the best in the country', 'exaggeration'],
		['Rules are rules', 'thought-terminating']
	],
	[1]
);

// One sentence per line, as in the PTC; no clean passages; one span runs across a line break.
const trains = article(
	'trains',
	[
		'Why complain about our late trains when the neighbouring town’s buses are so much worse?',
		'Crime went up in the year the new station opened, so the station caused it, residents say.',
		'This plan is fair.',
		'Fair to families, fair to workers, fair to everyone who rides the line each day.',
		'The line carries about four thousand passengers on a normal weekday, according to the operator.'
	],
	[
		[
			'Why complain about our late trains when the neighbouring town’s buses are so much worse?',
			'whataboutism'
		],
		[
			'Crime went up in the year the new station opened, so the station caused it',
			'causal-oversimplification'
		],
		['fair.\nFair to families, fair to workers, fair to everyone', 'repetition']
	],
	[],
	'\n'
);

const park = article(
	'park',
	[
		'🌳 The park committee published its plan for the east meadow on Friday. Opponents say the greedy developers behind it will stop at nothing to pave the last green field in town.',
		'The committee chair, a retired 🧑‍🏫 teacher, spoke for twenty minutes. The plan is a total catastrophe for every family in the district, one neighbour wrote in a letter to the paper.',
		'The meadow covers about four hectares and has been public land since 1921. A survey last spring counted nineteen species of birds and several rare orchids near the pond.',
		'Real patriots protect the land their grandparents left them, a campaigner said at the gate. So-called experts from the city have never even walked across the meadow, she added.',
		'Everyone on our street has already signed the petition against the plan this week. Nobody has explained where the money for upkeep would come from in later years.'
	],
	[
		['greedy developers', 'name-calling'],
		['will stop at nothing', 'loaded-language'],
		['a total catastrophe for every family in the district', 'exaggeration'],
		['Real patriots protect the land their grandparents left them', 'flag-waving'],
		['So-called experts', 'doubt'],
		['Everyone on our street has already signed the petition', 'bandwagon']
	],
	[2]
);

const content = [harbour, library, trains, park];
const config = (over: Partial<RoundConfig> = {}): RoundConfig => ({
	...defaultRoundConfig(),
	...over
});
const seeds = Array.from({ length: 30 }, (_, i) => `seed-${i}`);
const byId = new Map(content.map((a) => [a.id, a]));
const excerptText = (q: Question) => q.excerpt.tokens.map((t) => t.text).join('');
const wordCount = (q: Question) => q.excerpt.tokens.filter((t) => t.word).length;
const overlaps = (a: [number, number], b: [number, number]) => a[0] < b[1] && b[0] < a[1];

describe('building a round', () => {
	it('builds the same round from the same seed, content and config', () => {
		for (const seed of seeds.slice(0, 5)) {
			expect(buildRound(content, config(), seed)).toEqual(buildRound(content, config(), seed));
		}
	});

	it('builds different rounds from different seeds', () => {
		const rounds = seeds
			.slice(0, 8)
			.map((s) => JSON.stringify(buildRound(content, config(), s).map((q) => q.itemKey)));
		expect(new Set(rounds).size).toBeGreaterThan(1);
	});

	it('makes the number of questions asked for when the content allows', () => {
		expect(buildRound(content, config({ count: 10 }), 'a')).toHaveLength(10);
		expect(buildRound(content, config({ count: 3 }), 'a')).toHaveLength(3);
	});

	it('mixes the three kinds, about 40/30/30', () => {
		const q = buildRound(content, config({ count: 10 }), 'mix');
		const count = (k: string) => q.filter((x) => x.kind === k).length;
		expect(count('name')).toBe(4);
		expect(count('find')).toBe(3);
		expect(count('judge')).toBe(3);
	});

	it('makes each judge question straight or loaded by chance: about half each over many rounds, varying by round', () => {
		let straight = 0;
		let judged = 0;
		const perRound = new Set<number>();
		for (let i = 0; i < 100; i++) {
			const judge = buildRound(content, config({ count: 10 }), `judge-${i}`).filter(
				(q) => q.kind === 'judge'
			);
			const clean = judge.filter((q) => q.kind === 'judge' && !q.loaded).length;
			judged += judge.length;
			straight += clean;
			perRound.add(clean);
		}
		expect(straight / judged).toBeGreaterThanOrEqual(0.4);
		expect(straight / judged).toBeLessThanOrEqual(0.6);
		expect(perRound.size).toBeGreaterThan(2);
	});

	it('makes every judge question loaded when there are no clean passages', () => {
		const round = buildRound([trains], config({ count: 10 }), 'no-clean');
		const judge = round.filter((q) => q.kind === 'judge');
		expect(judge.length).toBeGreaterThan(0);
		expect(judge.every((q) => q.kind === 'judge' && q.loaded)).toBe(true);
	});

	it('never repeats or overlaps excerpts within a round', () => {
		for (const seed of seeds) {
			const round = buildRound(content, config({ count: 12 }), seed);
			for (let i = 0; i < round.length; i++) {
				for (let j = i + 1; j < round.length; j++) {
					const a = round[i].excerpt;
					const b = round[j].excerpt;
					if (a.articleId !== b.articleId) continue;
					expect(overlaps([a.start, a.end], [b.start, b.end])).toBe(false);
				}
			}
		}
	});

	it('gives tokens that join to exactly the excerpt’s slice of the article', () => {
		for (const seed of seeds) {
			for (const q of buildRound(content, config(), seed)) {
				const body = byId.get(q.excerpt.articleId)!.body;
				expect(excerptText(q)).toBe(sliceCodePoints(body, q.excerpt.start, q.excerpt.end));
			}
		}
	});

	it('cuts excerpts at sentence boundaries inside one paragraph, within the length caps', () => {
		const sentences = new Intl.Segmenter('en', { granularity: 'sentence' });
		for (const seed of seeds) {
			for (const q of buildRound([harbour, library], config(), seed)) {
				const body = byId.get(q.excerpt.articleId)!.body;
				const text = excerptText(q);
				expect(text).not.toContain('\n');
				expect(text).toBe(text.trim());
				const paragraph = body.split('\n\n').find((p) => p.includes(text))!;
				const starts = [...sentences.segment(paragraph)].map((s) => s.index);
				const ends = [...sentences.segment(paragraph)].map(
					(s) => s.index + s.segment.trimEnd().length
				);
				expect(starts).toContain(paragraph.indexOf(text));
				expect(ends).toContain(paragraph.indexOf(text) + text.length);
				expect([...sentences.segment(text)].length).toBeLessThanOrEqual(3);
				expect(wordCount(q)).toBeLessThanOrEqual(EXCERPT_CAP_WORDS);
				expect(codePointLength(text)).toBeLessThanOrEqual(EXCERPT_CAP_CHARS);
			}
		}
	});

	it('lets an excerpt run across a line break when a labelled span does', () => {
		const round = buildRound([trains], config({ count: 10, families: ['wording'] }), 'lines');
		const repetition = round.find((q) => q.spans.some((s) => s.techniqueId === 'repetition'));
		expect(repetition).toBeDefined();
		expect(excerptText(repetition!)).toContain('This plan is fair.\nFair to families');
		for (const q of buildRound([trains], config(), 'lines')) {
			if (!q.spans.some((s) => s.techniqueId === 'repetition')) {
				expect(excerptText(q)).not.toContain('\n');
			}
		}
	});

	it('maps spans after emoji and other non-BMP characters to the right words', () => {
		const labelled = new Map<TechniqueId, string[]>();
		for (const a of content) {
			const cpi = new CodePointIndex(a.body);
			for (const s of a.spans) {
				const list = labelled.get(s.techniqueId) ?? [];
				list.push(cpi.slice(s.start, s.end));
				labelled.set(s.techniqueId, list);
			}
		}
		let checked = 0;
		for (const seed of seeds) {
			for (const q of buildRound([library, harbour], config(), seed)) {
				for (const s of q.spans) {
					const words = q.excerpt.tokens.slice(s.range[0], s.range[1]).map((t) => t.text);
					expect(words.join('')).toBe(s.text);
					expect(labelled.get(s.techniqueId)).toContain(s.text);
					checked++;
				}
			}
		}
		expect(checked).toBeGreaterThan(50);
	});

	it('widens a span whose offsets fall inside words to whole words', () => {
		const base = article(
			'snap',
			['😀 The so-called experts were wrong again, as always, said the 𝒳 report on Monday.'],
			[['so-called experts', 'doubt']]
		);
		const cpi = new CodePointIndex(base.body);
		const at = cpi.toCodePoint(base.body.indexOf('so-called experts'));
		// From inside "so" to inside "experts".
		const snapped = { ...base, spans: [{ ...base.spans[0], start: at + 1, end: at + 14 }] };
		const [q] = buildRound([snapped], config({ count: 1 }), 'snap');
		expect(q.spans).toHaveLength(1);
		expect(q.spans[0].text).toBe('so-called experts');
	});

	it('offers four distinct choices with the answer and never a technique labelled on the same words', () => {
		let overlapping = 0;
		for (const seed of seeds) {
			for (const q of buildRound(content, config({ count: 12 }), seed)) {
				if (q.kind !== 'name') continue;
				expect(q.choices).toHaveLength(4);
				expect(new Set(q.choices).size).toBe(4);
				expect(q.choices).toContain(q.answer);
				const sameWords = q.spans.filter((s) => overlaps(s.range, q.highlight));
				expect(sameWords.some((s) => s.techniqueId === q.answer)).toBe(true);
				for (const s of sameWords) {
					if (s.techniqueId === q.answer) continue;
					overlapping++;
					expect(q.choices).not.toContain(s.techniqueId);
				}
			}
		}
		// The content labels some words twice, so the rule was exercised.
		expect(overlapping).toBeGreaterThan(0);
	});

	it('prefers distractors from the answer’s family or its usual confusions', () => {
		const isRelated = (a: TechniqueId, b: TechniqueId) =>
			technique(a).family === technique(b).family ||
			COMMONLY_CONFUSED[a].includes(b) ||
			COMMONLY_CONFUSED[b].includes(a);
		let related = 0;
		let byChance = 0;
		let total = 0;
		for (const seed of seeds) {
			for (const q of buildRound(content, config({ count: 12 }), seed)) {
				if (q.kind !== 'name') continue;
				const others = TECHNIQUE_IDS.filter((t) => t !== q.answer);
				const share = others.filter((t) => isRelated(t, q.answer)).length / others.length;
				for (const c of q.choices) {
					if (c === q.answer) continue;
					total++;
					byChance += share;
					if (isRelated(c, q.answer)) related++;
				}
			}
		}
		expect(total).toBeGreaterThan(0);
		expect(related).toBeGreaterThan(byChance * 1.5);
	});

	it('asks to find every span of the technique in the excerpt, never almost the whole excerpt', () => {
		let finds = 0;
		for (const seed of seeds) {
			for (const q of buildRound(content, config({ count: 12 }), seed)) {
				if (q.kind !== 'find') continue;
				finds++;
				const ofTechnique = q.spans.filter((s) => s.techniqueId === q.techniqueId);
				expect(q.targets).toEqual(ofTechnique.map((s) => s.range));
				const covered = new Set<number>();
				for (const [a, b] of q.targets) {
					for (let i = a; i < b; i++) if (q.excerpt.tokens[i].word) covered.add(i);
				}
				expect(covered.size / wordCount(q)).toBeLessThan(FIND_MAX_COVERAGE);
			}
		}
		expect(finds).toBeGreaterThan(0);
	});

	it('marks an excerpt loaded exactly when it holds a labelled span', () => {
		for (const seed of seeds) {
			for (const q of buildRound(content, config(), seed)) {
				if (q.kind !== 'judge') continue;
				expect(q.loaded).toBe(q.spans.length > 0);
				if (!q.loaded) {
					const a = byId.get(q.excerpt.articleId)!;
					expect(a.clean.some((c) => c.start <= q.excerpt.start && q.excerpt.end <= c.end)).toBe(
						true
					);
					expect(wordCount(q)).toBeGreaterThanOrEqual(CLEAN_MIN_WORDS);
				}
			}
		}
	});

	it('gives every item a stable key naming its article, range and kind', () => {
		const a = buildRound(content, config(), 'keys');
		for (const q of a) {
			expect(
				q.itemKey.startsWith(
					`${q.excerpt.articleId}:${q.excerpt.start}-${q.excerpt.end}:${q.kind}:`
				)
			).toBe(true);
		}
		expect(new Set(a.map((q) => q.itemKey)).size).toBe(a.length);
		// The same item gets the same key in another round.
		const keysB = new Set(
			seeds.flatMap((s) => buildRound(content, config(), s).map((q) => q.itemKey))
		);
		for (const q of a) expect(keysB).toContain(q.itemKey);
	});

	it('uses only the chosen article', () => {
		for (const seed of seeds.slice(0, 10)) {
			const round = buildRound(content, config({ articleId: 'library' }), seed);
			expect(round.length).toBeGreaterThan(0);
			expect(round.every((q) => q.excerpt.articleId === 'library')).toBe(true);
		}
	});

	it('asks only about techniques of the chosen families, still with straight passages', () => {
		const families: FamilyId[] = ['justification'];
		let clean = 0;
		for (const seed of seeds.slice(0, 10)) {
			for (const q of buildRound(content, config({ families }), seed)) {
				if (q.kind === 'name') expect(technique(q.answer).family).toBe('justification');
				if (q.kind === 'find') expect(technique(q.techniqueId).family).toBe('justification');
				if (q.kind === 'judge' && q.loaded) {
					expect(q.spans.some((s) => technique(s.techniqueId).family === 'justification')).toBe(
						true
					);
				}
				if (q.kind === 'judge' && !q.loaded) clean++;
			}
		}
		expect(clean).toBeGreaterThan(0);
	});

	it('asks about focus techniques more often', () => {
		const share = (focusTechniques: TechniqueId[]) => {
			let focus = 0;
			let all = 0;
			for (const seed of seeds) {
				for (const q of buildRound(content, config({ count: 6, focusTechniques }), seed)) {
					if (q.kind !== 'name' && q.kind !== 'find') continue;
					all++;
					const t = q.kind === 'name' ? q.answer : q.techniqueId;
					if (t === 'exaggeration' || t === 'slogans') focus++;
				}
			}
			return focus / all;
		};
		expect(share(['exaggeration', 'slogans'])).toBeGreaterThan(share([]) * 1.3);
	});

	it('returns as many questions as it can when fewer than asked are possible', () => {
		const round = buildRound([trains], config({ count: 50 }), 'few');
		expect(round.length).toBeGreaterThan(0);
		expect(round.length).toBeLessThan(50);
	});

	it('orders a round from easier to harder using player statistics', () => {
		const small = article(
			'small',
			[
				'Only the usual armchair experts objected to the longer weekend hours at the library, said one member of the board.',
				'The library will open at nine on Saturdays from next month, and staff numbers stay the same as before.'
			],
			[['armchair experts', 'name-calling']],
			[1]
		);
		const first = buildRound([small], config({ count: 2 }), 'order');
		expect(first).toHaveLength(2);
		const stats = new Map<string, ItemStats>([
			[first[0].itemKey, { answered: 60, correct: 0 }],
			[first[1].itemKey, { answered: 60, correct: 60 }]
		]);
		const second = buildRound([small], config({ count: 2 }), 'order', stats);
		expect(second.map((q) => q.itemKey)).toEqual([first[1].itemKey, first[0].itemKey]);
		expect(buildRound([small], config({ count: 2 }), 'order', stats)).toEqual(second);
	});

	it('throws a clear error when the content cannot make a single question', () => {
		expect(() => buildRound([], config(), 's')).toThrow(/cannot make a single question/);
		const unlabelled = { ...trains, spans: [], clean: [] };
		expect(() => buildRound([unlabelled], config(), 's')).toThrow(/cannot make a single question/);
		expect(() => buildRound([trains], config({ families: ['call'] }), 's')).toThrow(
			/chosen families/
		);
	});

	it('throws for an unknown article or a count below one', () => {
		expect(() => buildRound(content, config({ articleId: 'nope' }), 's')).toThrow(/nope/);
		expect(() => buildRound(content, config({ count: 0 }), 's')).toThrow(/at least 1/);
	});

	it('skips spans with offsets outside the article instead of failing', () => {
		const broken = {
			...library,
			spans: [
				...library.spans,
				{ id: 99, techniqueId: 'fear' as const, start: 5, end: 99_999, explanation: null }
			]
		};
		const round = buildRound([broken], config(), 'broken');
		expect(round.length).toBeGreaterThan(0);
		expect(round.every((q) => q.spans.every((s) => s.techniqueId !== 'fear'))).toBe(true);
	});
});

describe('rounds from reused content', () => {
	it('are the same as rounds from fresh copies of that content, whatever was built before', () => {
		const stats = new Map([
			[buildRound(content, config(), 'x')[0].itemKey, { answered: 9, correct: 0 }]
		]);
		for (const seed of seeds.slice(0, 5)) {
			// Earlier builds from the same array (other families, stats) must not leak into this one.
			buildRound(content, config({ families: ['attack'] }), seed, stats);
			const fresh = structuredClone(content);
			expect(buildRound(content, config(), seed)).toEqual(buildRound(fresh, config(), seed));
			expect(buildRound(content, config(), seed, stats)).toEqual(
				buildRound(fresh, config(), seed, stats)
			);
		}
	});

	it('are the same as from fresh copies after one article changed, the others reused', () => {
		// Relabelling an article's spans changes how rare techniques are over the whole content,
		// and so the difficulty of other articles' items, which are reused from the earlier content.
		for (const seed of seeds) buildRound(content, config({ difficulty: 'easy' }), seed);
		const relabelled: ContentArticle = {
			...park,
			spans: park.spans.map((s) => ({ ...s, techniqueId: 'slogans' }))
		};
		const changed = content.map((a) => (a === park ? relabelled : a));
		for (const seed of seeds) {
			const fresh = structuredClone(changed);
			for (const difficulty of ['easy', 'hard'] as const) {
				expect(buildRound(changed, config({ difficulty }), seed)).toEqual(
					buildRound(fresh, config({ difficulty }), seed)
				);
			}
		}
	});
});

describe('public questions', () => {
	it('carry no answer key, labelled spans, explanations or item key', () => {
		for (const q of buildRound(content, config({ count: 12 }), 'public')) {
			const p = toPublicQuestion(q);
			const json = JSON.stringify(p);
			expect(Object.keys(p).sort()).toEqual(
				{
					name: ['choices', 'excerpt', 'highlight', 'kind'],
					find: ['excerpt', 'kind', 'techniqueId'],
					judge: ['excerpt', 'kind']
				}[q.kind]
			);
			expect(json).not.toContain('Why "');
			expect(json).not.toContain('"answer"');
			expect(json).not.toContain('"targets"');
			expect(json).not.toContain('"loaded"');
			expect(excerptText(q)).toBe(p.excerpt.tokens.map((t) => t.text).join(''));
		}
	});
});

describe('round configs', () => {
	it('defaults to ten timed questions with speed scoring and streaks', () => {
		expect(defaultRoundConfig()).toEqual({
			articleId: null,
			families: [],
			count: 10,
			secondsPerQuestion: 30,
			scoring: 'speed',
			streaks: true,
			focusTechniques: []
		});
	});

	it('practises what was missed: focus on those techniques, limited to their families', () => {
		const base = config({ articleId: 'harbour', scoring: 'accuracy', secondsPerQuestion: null });
		const practice = practiceConfig(base, ['fear', 'doubt', 'fear']);
		expect(practice).toMatchObject({
			articleId: null,
			scoring: 'accuracy',
			secondsPerQuestion: null,
			count: base.count,
			focusTechniques: ['fear', 'doubt']
		});
		expect([...practice.families].sort()).toEqual(['attack', 'justification']);
		const round = buildRound(content, practice, 'practice');
		expect(round.length).toBeGreaterThan(0);
	});

	it('practises everything when nothing was missed', () => {
		const practice = practiceConfig(config({ families: ['call'] }), []);
		expect(practice.families).toEqual([]);
		expect(practice.focusTechniques).toEqual([]);
	});
});
