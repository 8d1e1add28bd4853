/**
 * Hand-made questions with known answers for live-game tests, so the tests do not depend on the
 * round builder's choices; and a fresh live service per test.
 */
import { afterEach, beforeEach, vi } from 'vitest';
import type { Question, RoundConfig } from '../src/lib/game/types';
import { fixtureExcerpt } from '../src/lib/game/questionFixtures';
import { openTestDatabase, type Db } from '../src/lib/server/db/open';
import { LiveError } from '../src/lib/server/live/errors';
import { LiveGames } from '../src/lib/server/live/liveGames';
import { refusalOf } from '../src/lib/server/testRefusals';

/** Three questions: name (answer loaded-language), judge (loaded), find (tokens 0..3). */
export function fixtureQuestions(): Question[] {
	const nameText = 'The corrupt elites are stealing your future again';
	const judgeText = 'The council met on Tuesday and approved the budget';
	const findText = 'Make us great again they chanted in the square';
	return [
		{
			itemKey: 'fixture:name',
			kind: 'name',
			excerpt: fixtureExcerpt(nameText),
			spans: [
				{
					techniqueId: 'loaded-language',
					range: [2, 5],
					text: 'corrupt elites',
					explanation: 'Charged words.'
				}
			],
			highlight: [2, 5],
			choices: ['loaded-language', 'name-calling', 'slogans', 'doubt'],
			answer: 'loaded-language'
		},
		{
			itemKey: 'fixture:judge',
			kind: 'judge',
			excerpt: fixtureExcerpt(judgeText),
			spans: [],
			loaded: false
		},
		{
			itemKey: 'fixture:find',
			kind: 'find',
			excerpt: fixtureExcerpt(findText),
			spans: [
				{
					techniqueId: 'slogans',
					range: [0, 7],
					text: 'Make us great again',
					explanation: 'A slogan.'
				}
			],
			techniqueId: 'slogans',
			targets: [[0, 7]]
		}
	];
}

export function fixtureConfig(overrides: Partial<RoundConfig> = {}): RoundConfig {
	return {
		articleId: null,
		families: [],
		count: 3,
		secondsPerQuestion: 20,
		scoring: 'speed',
		streaks: true,
		focusTechniques: [],
		...overrides
	};
}

/**
 * Gives every test of the calling file a fresh in-memory database and live service (`use` gets
 * them before each test; they are disposed and closed after it), with fake timers and the clock
 * at `frozenAt` when given.
 */
export function freshLiveGamesPerTest(
	use: (fresh: { db: Db; live: LiveGames }) => void,
	{ frozenAt }: { frozenAt?: Date | number } = {}
) {
	let current: { db: Db; live: LiveGames };
	beforeEach(() => {
		if (frozenAt !== undefined) {
			vi.useFakeTimers();
			vi.setSystemTime(frozenAt);
		}
		const db = openTestDatabase();
		current = { db, live: new LiveGames(db) };
		use(current);
	});
	afterEach(() => {
		current.live.dispose();
		current.db.$client.close();
		if (frozenAt !== undefined) vi.useRealTimers();
	});
}

/** The LiveError that `fn` throws; anything else, or nothing, fails the test. */
export const refusal = (fn: () => unknown) => refusalOf(LiveError, fn);
