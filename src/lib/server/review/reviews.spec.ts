import { eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { revealQuestion } from '../../game/feedback';
import { spanReviewKey } from '../../game/review';
import type { Question, RoundConfig } from '../../game/types';
import { importContent } from '../content/importContent';
import { buildRoundFromDb } from '../content/roundBuilder';
import { settleSources } from '../content/roundSources';
import {
	COUNCIL_OPENING,
	openContentTestDatabase,
	ptcArticle111,
	restorePublicSourcesAfterEach
} from '../content/specFixtures';
import type { Db } from '../db/open';
import { anonymousAnswers, itemReviews } from '../db/schema';
import { createSoloGame } from '../solo/soloGame';
import { decide, ReviewError } from './decide';
import { articleReview, flaggedItems, reviewProgress } from './reviews';

/** One PTC article: plain lines around three labelled ones, and one line held back. */
const LINES = [
	...COUNCIL_OPENING,
	'Residents can read the papers at the town hall from nine until five on weekdays.',
	'Critics called the budget a reckless giveaway to wealthy friends of the council.',
	'The next meeting of the council is planned for the first Tuesday of the new month.',
	'A spokesperson confirmed that the meeting will be open to members of the public.',
	'Everyone in town has already signed the petition, so you should sign it too today.',
	'Copies of the budget will also be posted on the council website later this week.',
	'One resident shouted that the whole shitty plan was a disaster and left the hall.',
	'The finance officer answered questions from three members about the bus service.'
];
const BODY = LINES.join('\n') + '\n';
const cp = (words: string) => Array.from(BODY.slice(0, BODY.indexOf(words))).length;
const LABELS: [string, string, string][] = [
	['greedy developers', 'Name_Calling,Labeling', 'name-calling'],
	['reckless giveaway', 'Loaded_Language', 'loaded-language'],
	[
		'Everyone in town has already signed the petition',
		'Bandwagon,Reductio_ad_hitlerum',
		'bandwagon'
	],
	['whole shitty plan', 'Loaded_Language', 'loaded-language']
];
const keyOf = (i: number) => {
	const [words, , id] = LABELS[i];
	return spanReviewKey('111', cp(words), cp(words) + Array.from(words).length, id);
};

function corpus(): string {
	const labels = LABELS.map(
		([words, label]) => `111\t${label}\t${cp(words)}\t${cp(words) + Array.from(words).length}`
	).join('\n');
	return ptcArticle111(BODY, labels + '\n');
}

const CONFIG: RoundConfig = {
	articleId: null,
	families: [],
	count: 10,
	secondsPerQuestion: null,
	scoring: 'accuracy',
	streaks: false,
	focusTechniques: [],
	sources: ['corpus']
};

let db: Db;
restorePublicSourcesAfterEach();

beforeEach(() => {
	db = openContentTestDatabase();
	importContent(db, corpus());
	process.env.SLANT_PUBLIC_SOURCES = 'corpus';
});

/** A class round (a teacher's game) with the config settled as the server settles it. */
function classRound(config: Partial<RoundConfig> = {}, seed = 'r'): Question[] {
	const settled = settleSources(db, { ...CONFIG, ...config }, 'class');
	if (!settled.ok) throw new Error(settled.message);
	return buildRoundFromDb(db, settled.config, seed);
}

/** The labelled words every question of a round shows. */
function wordsAsked(questions: Question[]): Set<string> {
	return new Set(questions.flatMap((q) => q.spans.map((s) => s.text)));
}

const teacher = null as unknown as string;

describe('only reviewed items of an imported collection reach students', () => {
	it('builds no round from a collection nobody has reviewed', async () => {
		expect(() => classRound()).toThrow(/cannot make a single/);
		await expect(createSoloGame(db, { count: 5, sources: ['corpus'] })).rejects.toThrow();
	});

	it('asks an approved item, and neither unreviewed nor hidden ones', () => {
		decide(db, 'corpus', 'approve', { key: keyOf(0) }, teacher, 1);
		decide(db, 'corpus', 'hide', { key: keyOf(1), reason: 'Not loaded here' }, teacher, 2);
		for (const seed of ['a', 'b', 'c', 'd']) {
			const round = classRound({}, seed);
			expect(round.length).toBeGreaterThan(0);
			expect(wordsAsked(round)).toEqual(new Set(['greedy developers']));
			// Straight passages wait for their own review.
			expect(round.some((q) => q.kind === 'judge' && !q.loaded)).toBe(false);
		}
	});

	it('asks a fixed item with the teacher’s technique and explanation, marked as the teacher’s', () => {
		decide(
			db,
			'corpus',
			'fix',
			{ key: keyOf(1), technique: 'exaggeration', explanation: 'Mine.', endBy: '0' },
			teacher,
			1
		);
		const round = classRound();
		const name = round.find((q) => q.kind === 'name');
		expect(name?.kind === 'name' && name.answer).toBe('exaggeration');
		const span = revealQuestion(name as Question).spans[0];
		expect(span).toMatchObject({
			text: 'reckless giveaway',
			explanation: 'Mine.',
			explanationBy: 'teacher'
		});
		expect(articleReview(db, 'corpus', '111')?.find((i) => i.reviewKey === keyOf(1))).toMatchObject(
			{
				status: 'changed',
				techniqueId: 'exaggeration',
				original: { techniqueId: 'loaded-language' }
			}
		);
	});

	it('moves a fixed span’s boundary by a word', () => {
		decide(db, 'corpus', 'fix', { key: keyOf(1), startBy: '-1', endBy: '-1' }, teacher, 1);
		const round = classRound();
		expect(wordsAsked(round)).toEqual(new Set(['a reckless']));
	});

	it('asks a straight passage once a teacher approved it, and its shorter windows', () => {
		const straight = articleReview(db, 'corpus', '111')?.find(
			(i) => i.kind === 'straight' && i.heldBackReason === null
		);
		expect(straight).toBeDefined();
		decide(db, 'corpus', 'approve', { key: straight!.reviewKey }, teacher, 1);
		const round = classRound();
		expect(round.length).toBeGreaterThan(0);
		for (const q of round) {
			expect(q).toMatchObject({ kind: 'judge', loaded: false });
			expect(q.excerpt.start).toBeGreaterThanOrEqual(straight!.start);
			expect(q.excerpt.end).toBeLessThanOrEqual(straight!.end);
			if (q.kind === 'judge') expect(q.note).toMatch(/A teacher reviewed these sentences/);
		}
	});

	it('includes unreviewed items only when a teacher asks for them, never in solo play', async () => {
		decide(db, 'corpus', 'hide', { key: keyOf(1), reason: 'Wrong label' }, teacher, 1);
		const round = classRound({ includeUnreviewed: true, count: 20 });
		const words = wordsAsked(round);
		expect(words.has('greedy developers')).toBe(true);
		expect(words.has('reckless giveaway')).toBe(false);
		// The held-back line is never asked, whatever the choice.
		expect(words.has('whole shitty plan')).toBe(false);
		const solo = settleSources(db, { ...CONFIG, includeUnreviewed: true }, 'solo');
		expect(solo.ok && 'includeUnreviewed' in solo.config).toBe(false);
		await expect(
			createSoloGame(db, { count: 5, sources: ['corpus'], includeUnreviewed: true })
		).rejects.toThrow();
	});

	it('counts the review progress of the collection', () => {
		decide(db, 'corpus', 'approve', { key: keyOf(0) }, teacher, 1);
		decide(db, 'corpus', 'hide', { key: keyOf(3), reason: 'Obscene' }, teacher, 1);
		expect(reviewProgress(db).get('corpus')).toEqual({
			labelled: 4,
			reviewed: 2,
			approved: 1,
			changed: 0,
			hidden: 1,
			straightApproved: 0
		});
		expect(reviewProgress(db).has('practice')).toBe(false);
	});
});

describe('items the item analysis flags', () => {
	/** Twelve anonymous rounds of two items: strong players miss the name item of span 0, weak ones get it. */
	function flagSpanZero() {
		const [words, , id] = LABELS[0];
		const start = cp(words);
		const nameKey = `111:0-${BODY.length}:name:${start}-${start + words.length}:${id}`;
		for (let i = 0; i < 12; i++) {
			const strong = i % 2 === 0;
			for (const [index, itemKey, correct] of [
				[0, nameKey, !strong],
				[1, 'other:0-10:judge:clean', strong]
			] as const) {
				db.insert(anonymousAnswers)
					.values({
						attemptId: `attempt-${i}`,
						mode: 'live',
						questionIndex: index,
						itemKey,
						kind: index === 0 ? 'name' : 'judge',
						correct,
						credit: correct ? 1 : 0,
						timeMs: 1000,
						answeredAt: new Date(1000)
					})
					.run();
			}
		}
	}

	it('brings a flagged item back to the queue until a teacher decides on it again', () => {
		decide(db, 'corpus', 'approve', { key: keyOf(0) }, teacher, 500);
		expect(flaggedItems(db, 'corpus')).toEqual([]);
		flagSpanZero();
		expect(flaggedItems(db, 'corpus')).toMatchObject([
			{ reviewKey: keyOf(0), status: 'approved', kind: 'name' }
		]);
		decide(
			db,
			'corpus',
			'hide',
			{ key: keyOf(0), reason: 'Strong players disagree' },
			teacher,
			2000
		);
		expect(flaggedItems(db, 'corpus')).toEqual([]);
	});
});

describe('refusing bad decisions, writing nothing', () => {
	const refusal = (fn: () => void) => {
		try {
			fn();
		} catch (e) {
			if (e instanceof ReviewError) return { status: e.status, message: e.message };
			throw e;
		}
		throw new Error('not refused');
	};

	it('refuses unknown items, hiding without a reason, and moves that leave no words', () => {
		expect(
			refusal(() => decide(db, 'corpus', 'approve', { key: 'span:111:0-1:doubt' }, teacher, 1))
		).toMatchObject({ status: 404 });
		expect(
			refusal(() => decide(db, 'other', 'approve', { key: keyOf(0) }, teacher, 1))
		).toMatchObject({ status: 404 });
		expect(
			refusal(() => decide(db, 'corpus', 'hide', { key: keyOf(0) }, teacher, 1)).message
		).toMatch(/Say why/);
		expect(
			refusal(() =>
				decide(db, 'corpus', 'fix', { key: keyOf(1), startBy: '1', endBy: '-1' }, teacher, 1)
			).message
		).toMatch(/no words/);
		expect(
			refusal(() => decide(db, 'corpus', 'fix', { key: keyOf(1), technique: 'nope' }, teacher, 1))
				.status
		).toBe(400);
		expect(db.select().from(itemReviews).all()).toEqual([]);
	});

	it('shows a held-back item with its reason and never releases it', () => {
		const item = articleReview(db, 'corpus', '111')?.find((i) => i.reviewKey === keyOf(3));
		expect(item?.heldBackReason).toMatch(/slur or obscenity \("shit"\)/);
		expect(
			refusal(() => decide(db, 'corpus', 'approve', { key: keyOf(3) }, teacher, 1)).message
		).toMatch(/held back/);
		expect(db.select().from(itemReviews).all()).toEqual([]);
		decide(db, 'corpus', 'hide', { key: keyOf(3), reason: 'Obscene' }, teacher, 1);
		expect(
			db
				.select()
				.from(itemReviews)
				.where(eq(itemReviews.reviewKey, keyOf(3)))
				.get()?.status
		).toBe('hidden');
	});
});
