/**
 * The rules that make an item answerable only by reading it (issue 7), each pinned with
 * hand-made content: fair find credit, distractors, straight passages from exhaustive labelling,
 * the word-list filter, excerpt rules, context-dependent techniques, variety and no repeats.
 */
import { describe, expect, it } from 'vitest';
import { fixtureArticle, type FixtureLabel } from './articleFixtures';
import { flaggedWords, isFlagged } from './contentFilter';
import { ACCURACY_ONLY } from './itemChecks';
import { createRng } from './random';
import {
	MAX_ASKS_PER_TECHNIQUE,
	buildRound,
	defaultRoundConfig,
	isAskable,
	pickDistractors,
	listItems,
	repetitionVisible
} from './round';
import { scoreAnswer } from './scoring';
import type { TechniqueId } from './techniques';
import type { ContentArticle, Question, RoundConfig } from './types';

/** An article from lines (joined by `separator`); labels are [phrase, technique, occurrence]. */
function article(
	id: string,
	lines: string[],
	labels: FixtureLabel[],
	options: { separator?: string; exhaustive?: boolean; clean?: number[]; collection?: string } = {}
): ContentArticle {
	return fixtureArticle(id, lines, labels, {
		separator: '\n',
		exhaustive: false,
		collection: 'test',
		...options
	});
}

const config = (over: Partial<RoundConfig> = {}): RoundConfig => ({
	...defaultRoundConfig(),
	...over
});
const seeds = (n: number, prefix = 's') => Array.from({ length: n }, (_, i) => `${prefix}-${i}`);
/** Every question of the rounds built from `articles` with `over`, one round for each seed. */
const rounds = (articles: ContentArticle[], over: Partial<RoundConfig>, roundSeeds: string[]) =>
	roundSeeds.flatMap((s) => buildRound(articles, config(over), s));
const text = (q: Question) => q.excerpt.tokens.map((t) => t.text).join('');
const words = (q: Question) => q.excerpt.tokens.filter((t) => t.word).length;
const accuracy = ACCURACY_ONLY;

/** The council article's sentences, by what they say: other test articles reuse some. */
const sentence = {
	met: 'The council met on Monday evening to discuss the new budget for the coming year.',
	report: 'Members heard a report from the finance officer about spending on roads and schools.',
	mayor: 'The mayor said the greedy developers behind the tower would stop at nothing to win.',
	homes: 'Reporters asked the mayor how many homes the tower would provide for local families.',
	figures: 'The finance officer said the figures would be published in full by the end of March.',
	papers: 'Residents can read the papers at the town hall from nine until five on weekdays.',
	gamble: 'Opponents called the plan a reckless gamble with money the town simply does not have.',
	next: 'The next meeting of the council is planned for the first Tuesday of the new month.',
	open: 'A spokesperson confirmed that the meeting will be open to members of the public.',
	vote: 'Councillors will vote on the budget after a final reading of the full proposal.'
};

/** A PTC-like article, one sentence per line, labelled exhaustively. */
const council = article(
	'council',
	[
		sentence.met,
		sentence.report,
		sentence.mayor,
		sentence.homes,
		sentence.figures,
		sentence.papers,
		sentence.gamble,
		sentence.next,
		sentence.open,
		sentence.vote
	],
	[
		['greedy developers', 'name-calling'],
		['would stop at nothing', 'loaded-language'],
		['reckless gamble', 'loaded-language']
	],
	{ exhaustive: true, collection: 'corpus' }
);

describe('find the phrase', () => {
	const twoSpans = article(
		'two',
		[
			'The harbour plan was debated at length in the council chamber on Tuesday night. Critics called it a reckless scheme, and one speaker said it was a shameful waste of the money that families had saved.'
		],
		[
			['reckless scheme', 'loaded-language'],
			['shameful waste', 'loaded-language']
		]
	);

	it('accepts a second span of the asked technique as a right answer', () => {
		const find = rounds([twoSpans, council], { count: 4 }, seeds(80)).find(
			(q) => q.kind === 'find' && q.excerpt.articleId === 'two'
		);
		if (find?.kind !== 'find') throw new Error('no find question was built');
		expect(find.targets).toHaveLength(2);
		const [first, second] = [...find.targets].sort((a, b) => a[0] - b[0]);
		expect(scoreAnswer(find, { kind: 'find', range: second }, accuracy).credit).toBe(1);
		expect(scoreAnswer(find, { kind: 'find', range: first }, accuracy).credit).toBe(1);
	});

	it('gives no credit for selecting the whole excerpt or most of it', () => {
		let finds = 0;
		for (const q of rounds([twoSpans, council], { count: 6 }, seeds(40))) {
			if (q.kind !== 'find') continue;
			finds++;
			const n = q.excerpt.tokens.length;
			expect(scoreAnswer(q, { kind: 'find', range: [0, n] }, accuracy).credit).toBe(0);
			const most: [number, number] = [0, Math.ceil(n * 0.8)];
			expect(scoreAnswer(q, { kind: 'find', range: most }, accuracy).credit).toBe(0);
		}
		expect(finds).toBeGreaterThan(0);
	});
});

describe('name the technique', () => {
	const crowded = article(
		'crowded',
		[
			'Everyone in town already agrees that the so-called experts are wrong about the bridge. These clowns would let our children drown before they admit a single mistake, and that is that.'
		],
		[
			['Everyone in town already agrees', 'bandwagon'],
			['so-called experts', 'doubt'],
			['These clowns', 'name-calling'],
			['would let our children drown', 'fear'],
			['that is that', 'thought-terminating']
		]
	);

	it('never offers as a distractor a technique that labels any words of the excerpt', () => {
		let names = 0;
		for (const q of rounds([crowded, council], { count: 6 }, seeds(60))) {
			if (q.kind !== 'name') continue;
			names++;
			const labelled = new Set(q.spans.map((sp) => sp.techniqueId));
			for (const choice of q.choices) {
				if (choice !== q.answer) expect(labelled.has(choice)).toBe(false);
			}
		}
		expect(names).toBeGreaterThan(10);
	});

	it('offers four choices with the right one in each position about equally often', () => {
		const positions = [0, 0, 0, 0];
		for (const q of rounds([crowded, council], { count: 5 }, seeds(300, 'pos'))) {
			if (q.kind !== 'name') continue;
			expect(q.choices).toHaveLength(4);
			positions[q.choices.indexOf(q.answer)]++;
		}
		const total = positions.reduce((a, b) => a + b, 0);
		expect(total).toBeGreaterThan(100);
		for (const n of positions) {
			expect(n / total).toBeGreaterThan(0.15);
			expect(n / total).toBeLessThan(0.35);
		}
	});

	it('draws distractors from the same family before there are statistics, then from the confusions players make', () => {
		const family = new Map<TechniqueId, number>();
		for (const s of seeds(300, 'fam')) {
			for (const d of pickDistractors(createRng(s), 'loaded-language', new Set()) ?? []) {
				family.set(d, (family.get(d) ?? 0) + 1);
			}
		}
		// Repetition and exaggeration share the manipulative-wording family.
		expect(family.get('exaggeration') ?? 0).toBeGreaterThan(family.get('authority') ?? 0);
		expect(family.get('repetition') ?? 0).toBeGreaterThan(family.get('whataboutism') ?? 0);

		const confusion = { 'loaded-language': { authority: 25, slogans: 1 } };
		let authority = 0;
		for (const s of seeds(300, 'conf')) {
			const picked = pickDistractors(createRng(s), 'loaded-language', new Set(), confusion);
			if (picked?.includes('authority')) authority++;
		}
		expect(authority).toBeGreaterThan(250);
	});

	it('never offers a forbidden technique or the answer as a distractor', () => {
		const forbidden = new Set<TechniqueId>(['exaggeration', 'repetition', 'fear']);
		for (const s of seeds(100, 'forbid')) {
			const picked = pickDistractors(createRng(s), 'loaded-language', forbidden) ?? [];
			expect(picked).toHaveLength(3);
			expect(new Set(picked).size).toBe(3);
			for (const d of picked) {
				expect(forbidden.has(d)).toBe(false);
				expect(d).not.toBe('loaded-language');
			}
		}
	});
});

describe('straight passages', () => {
	it('come from exhaustively labelled articles and never overlap or border a label', () => {
		const lines = council.body.split('\n');
		const labelledLines = new Set(
			council.spans.map((s) => {
				const before = council.body.slice(0, s.start);
				return before.split('\n').length - 1;
			})
		);
		let straight = 0;
		for (const q of rounds([council], { count: 6 }, seeds(60))) {
			if (q.kind !== 'judge' || q.loaded) continue;
			straight++;
			const first = council.body.slice(0, q.excerpt.start).split('\n').length - 1;
			const last = council.body.slice(0, q.excerpt.end).split('\n').length - 1;
			for (let line = first - 1; line <= last + 1; line++) {
				expect(labelledLines.has(line)).toBe(false);
			}
			for (const span of council.spans) {
				expect(span.end <= q.excerpt.start || span.start >= q.excerpt.end).toBe(true);
			}
			expect(q.note).toMatch(/annotators/);
		}
		expect(straight).toBeGreaterThan(0);
		expect(lines.length).toBe(10);
	});

	it('are not taken from unlabelled sentences of an article whose labelling is not exhaustive', () => {
		const partial = { ...council, id: 'partial', exhaustive: false };
		for (const q of rounds([partial], { count: 6 }, seeds(30))) {
			expect(q.kind === 'judge' && !q.loaded).toBe(false);
		}
	});

	it('come from the same articles and collections as loaded passages, and keys are balanced', () => {
		const corpus = Array.from({ length: 8 }, (_, i) => ({ ...council, id: `council-${i}` }));
		const keys: boolean[] = [];
		const articles = new Map<string, Set<boolean>>();
		for (const q of rounds(corpus, { count: 10 }, seeds(120))) {
			if (q.kind !== 'judge') continue;
			keys.push(q.loaded);
			const set = articles.get(q.excerpt.articleId) ?? new Set();
			set.add(q.loaded);
			articles.set(q.excerpt.articleId, set);
		}
		const loaded = keys.filter(Boolean).length / keys.length;
		expect(loaded).toBeGreaterThanOrEqual(0.4);
		expect(loaded).toBeLessThanOrEqual(0.6);
		expect([...articles.values()].filter((set) => set.size === 2).length).toBeGreaterThan(4);
	});
});

describe('surface cues', () => {
	it('do not give the key away even when straight passages are the ones with figures', () => {
		// Every straight sentence carries figures; most loaded ones carry none (matching can only
		// use the loaded passages that exist: here two in five have figures).
		const corpus = Array.from({ length: 6 }, (_, i) =>
			article(
				`cues-${i}`,
				[
					`The council met on 4 May to discuss the budget of ${200 + i} thousand pounds.`,
					'The clerk said: “The 40 papers will be online by Friday for everyone to read.”',
					`Spending on roads rose by ${3 + i} percent, according to the finance report.`,
					'The mayor said the greedy developers behind the tower would stop at nothing.',
					`Opponents called the £${2 + i} million plan a reckless gamble the town cannot afford.`,
					'Only the usual armchair generals complained about the new bus lanes again.',
					`In ${2020 + i} the mayor said “we will never give up” and blamed the 12 rebels.`,
					`The library opens at 9 on Saturdays and closes at ${5 + (i % 2)} in the evening.`,
					'A spokesperson said: “The meeting on 12 June is open to all members of the public.”',
					`About ${40 + i} residents attended, and 3 of them asked questions about parking.`
				],
				[
					['greedy developers', 'name-calling'],
					['reckless gamble', 'loaded-language'],
					['armchair generals', 'name-calling'],
					['we will never give up', 'slogans'],
					['blamed the 12 rebels', 'causal-oversimplification']
				],
				{ clean: [0, 1, 2, 7, 8, 9] }
			)
		);
		const items: { loaded: boolean; digits: boolean; quotes: boolean }[] = [];
		for (const q of rounds(corpus, { count: 10 }, seeds(150, 'cue'))) {
			if (q.kind !== 'judge') continue;
			items.push({
				loaded: q.loaded,
				digits: /\p{N}/u.test(text(q)),
				quotes: /[“”"]/u.test(text(q))
			});
		}
		const accuracy = (cue: (i: (typeof items)[number]) => boolean) => {
			const agree = items.filter((i) => cue(i) === i.loaded).length;
			return Math.max(agree, items.length - agree) / items.length;
		};
		expect(items.length).toBeGreaterThan(200);
		expect(accuracy(() => true)).toBeLessThanOrEqual(0.6);
		expect(accuracy((i) => i.digits)).toBeLessThanOrEqual(0.65);
		expect(accuracy((i) => i.quotes)).toBeLessThanOrEqual(0.65);
	});
});

describe('the word-list filter', () => {
	it('knows a listed word in disguise and leaves ordinary words alone', () => {
		expect(isFlagged('What a load of sh1t.')).toBe(true);
		expect(flaggedWords('What a load of shit.')).toEqual(['shit']);
		expect(isFlagged('The classic grass of Scunthorpe was assessed.')).toBe(false);
	});

	it('holds back an excerpt with a flagged word from every round', () => {
		const flagged = article(
			'flagged',
			[
				sentence.met,
				'One resident shouted that the whole plan was shit and stormed out of the hall.',
				sentence.mayor,
				sentence.homes,
				sentence.papers,
				sentence.next
			],
			[['greedy developers', 'name-calling']],
			{ exhaustive: true, clean: [1, 4, 5] }
		);
		let questions = 0;
		for (const q of rounds([flagged], { count: 4 }, seeds(60))) {
			questions++;
			expect(text(q)).not.toContain('shit');
		}
		expect(questions).toBeGreaterThan(0);
		// The same sentence without the word is asked.
		const clean = {
			...flagged,
			id: 'unflagged',
			body: flagged.body.replace('shit', 'poor')
		};
		const asked = seeds(60).some((s) =>
			buildRound([clean], config({ count: 4 }), s).some((q) => text(q).includes('was poor'))
		);
		expect(asked).toBe(true);
	});
});

describe('excerpts worth asking', () => {
	const body =
		'He said it was “a plan that works. It will save money.” Then he left the room early.';

	it('asks only whole sentences of at least 8 words that start and end like sentences', () => {
		const ok = 'The council met on Monday evening to discuss the budget.';
		expect(isAskable(ok, 0, ok.length, 10)).toBe(true);
		expect(isAskable(ok, 0, ok.length, 7)).toBe(false);
		const lower = 'and the council met on Monday evening to discuss the budget.';
		expect(isAskable(lower, 0, lower.length, 11)).toBe(false);
		const open = 'The council met on Monday evening to discuss the budget and';
		expect(isAskable(open, 0, open.length, 11)).toBe(false);
		const quoted = '“Is this fair?” the chair asked the members of the committee.';
		expect(isAskable(quoted, 0, quoted.length, 11)).toBe(true);
	});

	it('never cuts a quotation', () => {
		const cut = body.indexOf('It will');
		expect(isAskable(body, 0, body.indexOf('Then') - 1, 12)).toBe(true);
		expect(isAskable(body, 0, cut - 1, 8)).toBe(false);
		expect(isAskable(body, cut, body.length, 10)).toBe(false);
		expect(isAskable('He said "it works." And "it saves money', 0, 39, 8)).toBe(false);
	});

	it('keeps every excerpt of a round to whole sentences of at least 8 words', () => {
		const shortLines = article(
			'short',
			[
				'Great!',
				'the greedy developers behind the tower would stop at nothing, he said.',
				sentence.mayor,
				sentence.papers,
				'Wow.'
			],
			[
				['greedy developers', 'name-calling'],
				['greedy developers', 'name-calling', 1],
				['Great!', 'loaded-language'],
				['Wow.', 'loaded-language']
			],
			{ exhaustive: true }
		);
		for (const q of rounds([shortLines, council], { count: 8 }, seeds(40))) {
			expect(words(q)).toBeGreaterThanOrEqual(8);
			expect(text(q)).toMatch(/^[^\p{L}\p{N}]*[\p{Lu}\p{N}]/u);
			expect(text(q)).toMatch(/[.!?…]["”’')\]»]*$/u);
		}
	});
});

describe('context-dependent techniques', () => {
	it('sees a repetition only when the excerpt holds it', () => {
		expect(repetitionVisible('safe streets', 'Safe streets now. Vote for safe streets.')).toBe(
			true
		);
		expect(repetitionVisible('fair to all, fair to you', 'It is fair to all, fair to you.')).toBe(
			true
		);
		expect(repetitionVisible('safe streets', 'We promise safe streets for everyone here.')).toBe(
			false
		);
		expect(repetitionVisible('the end of the road', 'This is the end of the road.')).toBe(false);
	});

	it('asks about Repetition only from an excerpt where the repeated words occur twice', () => {
		const repeated = article(
			'repeated',
			[
				'Our campaign is about one thing, and that thing is safe streets for every family.',
				sentence.met,
				sentence.papers,
				'We will keep saying it until the council listens to us: safe streets, safe streets.'
			],
			[
				['safe streets', 'repetition', 0],
				['safe streets, safe streets', 'repetition']
			]
		);
		let repetition = 0;
		for (const q of rounds([repeated], { count: 3 }, seeds(60))) {
			if (q.kind === 'judge') continue;
			repetition++;
			expect(text(q)).toContain('safe streets, safe streets');
		}
		expect(repetition).toBeGreaterThan(0);
	});
});

describe('repetition in view (issue 21)', () => {
	it('counts whole words only: a phrase inside a longer word is not a repeat', () => {
		expect(
			repetitionVisible('war', 'The war went on, and the warning came too late for all.')
		).toBe(false);
		expect(repetitionVisible('war', 'The war went on, and the war came home to all of us.')).toBe(
			true
		);
	});

	it('never shows a Repetition label whose repeat is out of view, in any question', () => {
		const once = article(
			'once',
			[
				'The deep state is at it again, the column said on Monday, and nobody is surprised.',
				sentence.met,
				'Greedy factions of the deep state will stop at nothing to keep their grip on power.'
			],
			[
				['deep state', 'repetition', 1],
				['Greedy factions', 'name-calling'],
				['will stop at nothing', 'loaded-language']
			]
		);
		let asked = 0;
		for (const q of rounds([once], { count: 4 }, seeds(40))) {
			asked++;
			for (const span of q.spans) {
				if (span.techniqueId === 'repetition') {
					expect(repetitionVisible(span.text, text(q))).toBe(true);
				}
			}
		}
		expect(asked).toBeGreaterThan(0);
	});
});

describe('straight notes say who labelled the article (issue 21)', () => {
	const plain = [sentence.met, sentence.papers, sentence.next];
	const notes = (origin: string) => {
		const a = { ...article(`n-${origin}`, plain, [], { exhaustive: true }), origin };
		return new Set(
			listItems([a], config(), 'n').flatMap((q) => (q.kind === 'judge' && q.note ? [q.note] : []))
		);
	};

	it('credits Slant’s editors for the bundled packs, the annotators for an imported corpus', () => {
		for (const note of notes('bundled')) {
			expect(note).toMatch(/^No technique here: Slant’s editors marked every technique/);
			expect(note).not.toMatch(/annotators/);
		}
		for (const note of notes('ptc-import')) expect(note).toMatch(/the annotators marked/);
		expect(notes('bundled').size).toBeGreaterThan(0);
	});
});

describe('variety and repeats', () => {
	const many = Array.from({ length: 6 }, (_, i) =>
		article(
			`many-${i}`,
			[
				`The council of town number ${i + 1} met on Monday evening to discuss the budget for next year.`,
				`The mayor said the greedy developers behind tower ${i + 1} would stop at nothing to win.`,
				'If this goes ahead, our children will pay the price for decades to come, she warned.',
				`Opponents called plan ${i + 1} a reckless gamble with money the town simply does not have.`,
				'Reporters said it was the worst decision in the whole history of the town since 1850.',
				`Only a fool would trust the so-called experts who wrote report ${i + 1} for the council.`
			],
			[
				['greedy developers', 'name-calling'],
				['would stop at nothing', 'loaded-language'],
				['our children will pay the price for decades to come', 'fear'],
				['reckless gamble', 'loaded-language'],
				['the worst decision in the whole history of the town', 'exaggeration'],
				['so-called experts', 'doubt']
			],
			{ exhaustive: true }
		)
	);

	it('asks no technique more than twice in a ten-question round unless it is a focus', () => {
		for (const s of seeds(30)) {
			const uses = new Map<string, number>();
			for (const q of buildRound(many, config({ count: 10 }), s)) {
				const t = q.kind === 'name' ? q.answer : q.kind === 'find' ? q.techniqueId : null;
				if (t) uses.set(t, (uses.get(t) ?? 0) + 1);
			}
			for (const n of uses.values()) expect(n).toBeLessThanOrEqual(MAX_ASKS_PER_TECHNIQUE);
		}
		const focused = seeds(30).some((s) => {
			const round = buildRound(
				many,
				config({ count: 10, focusTechniques: ['loaded-language'] }),
				s
			);
			return (
				round.filter(
					(q) =>
						(q.kind === 'name' && q.answer === 'loaded-language') ||
						(q.kind === 'find' && q.techniqueId === 'loaded-language')
				).length > MAX_ASKS_PER_TECHNIQUE
			);
		});
		expect(focused).toBe(true);
	});

	it('does not show a player an excerpt again while unseen ones remain', () => {
		const seen: { articleId: string; start: number; end: number }[] = [];
		const first = buildRound(many, config({ count: 6 }), 'first');
		seen.push(...first.map((q) => q.excerpt));
		const second = buildRound(many, config({ count: 6 }), 'second', undefined, { seen });
		for (const q of second) {
			for (const s of seen) {
				if (s.articleId !== q.excerpt.articleId) continue;
				expect(q.excerpt.end <= s.start || q.excerpt.start >= s.end).toBe(true);
			}
		}
	});

	it('draws only from the chosen sources', () => {
		const bundled = article(
			'bundled',
			[sentence.mayor, sentence.papers],
			[['greedy developers', 'name-calling']],
			{ collection: 'practice', clean: [1] }
		);
		for (const q of rounds([bundled, council], { sources: ['practice'] }, seeds(10))) {
			expect(q.excerpt.articleId).toBe('bundled');
		}
	});
});
