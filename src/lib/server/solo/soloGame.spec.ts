import { eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { GRACE_MS } from '../../game/answering';
import { discernment } from '../../game/discernment';
import type { Question } from '../../game/types';
import { openTestDatabase, type Db } from '../db/open';
import { answers, games, leaderboard, players } from '../db/schema';
import { hashToken } from '../tokens';
import {
	SoloError,
	answerSoloQuestion,
	createPracticeGame,
	createSoloGame,
	getSoloView,
	loadLeaderboard,
	nextSoloQuestion,
	quitSoloGame,
	startSoloGame,
	timeoutSoloQuestion
} from './soloGame';
import { frozenQuestions as frozenOf, postedAnswer } from './testAnswers';
import { explanationFor, insertTestContent } from './testContent';
import { Refusal } from '../refusal';
import { asyncRefusalOf, refusalOf } from '../testRefusals';

const T0 = 1_700_000_000_000;

let db: Db;

beforeEach(() => {
	db = openTestDatabase();
	insertTestContent(db);
});

const frozenQuestions = (gameId: string) => frozenOf(db, gameId);
/** The posted form of a right or wrong answer to `q`, as the page would send it. */
const answerBody = postedAnswer;

const refusal = (fn: () => unknown) => refusalOf(SoloError, fn);

function tableCounts() {
	return {
		answers: db.select().from(answers).all().length,
		players: db.select().from(players).all(),
		games: db.select().from(games).all().length
	};
}

function newGame(extra: Record<string, unknown> = {}) {
	return createSoloGame(
		db,
		{ count: '10', timing: 'timed', scoring: 'speed', ...extra },
		{ now: T0 }
	);
}

describe('creating a solo game', () => {
	it('stores the frozen round, one player holding only the token hash, and a ready machine', async () => {
		const { gameId, playerId, token } = await newGame({ nickname: '  Ada  ' });
		const game = db.select().from(games).where(eq(games.id, gameId)).get()!;
		expect(game.mode).toBe('solo');
		expect(frozenQuestions(gameId)).toHaveLength(10);
		const player = db.select().from(players).where(eq(players.id, playerId)).get()!;
		expect(player.tokenHash).toBe(hashToken(token));
		expect(player.nickname).toBe('Ada');
		const view = getSoloView(db, gameId, token, T0);
		expect(view.tags).toContain('ready');
		expect(view.total).toBe(10);
		expect(view.question).toBeNull();
	});

	it('refuses a bad configuration with a message and writes nothing', async () => {
		const cases: [Record<string, unknown>, RegExp][] = [
			[{ count: '500' }, /at most/],
			[{ scope: 'families' }, /at least one technique family/],
			[{ scope: 'families', families: ['nonsense'] }, /not a technique family/],
			[{ scope: 'article', articleId: 'no-such-article' }, /not in the library/],
			[{ nickname: 'x'.repeat(21) }, /at most 20/],
			[{ timing: 'sometimes' }, /timed or untimed/]
		];
		for (const [input, message] of cases) {
			const e = await asyncRefusalOf(Refusal, () => createSoloGame(db, input, { now: T0 }));
			expect(e.status).toBe(400);
			expect(e.message).toMatch(message);
		}
		expect(tableCounts().games).toBe(0);
	});

	it('builds a round from one article or from chosen families only', async () => {
		const one = await createSoloGame(db, { scope: 'article', articleId: 'test-water', count: '3' });
		expect(frozenQuestions(one.gameId).every((q) => q.excerpt.articleId === 'test-water')).toBe(
			true
		);
		const fam = await createSoloGame(db, { scope: 'families', families: ['call'], count: '3' });
		const techniques = frozenQuestions(fam.gameId).flatMap((q) =>
			q.kind === 'name' ? [q.answer] : q.kind === 'find' ? [q.techniqueId] : []
		);
		expect(techniques.length).toBeGreaterThan(0);
		for (const t of techniques) expect(['slogans', 'thought-terminating']).toContain(t);
	});

	it('reuses the browser token so one cookie opens every game it started', async () => {
		const first = await newGame();
		const second = await createSoloGame(db, {}, { token: first.token });
		expect(second.token).toBe(first.token);
		expect(getSoloView(db, second.gameId, first.token).tags).toContain('ready');
	});
});

describe('answering', () => {
	let gameId: string;
	let token: string;
	let questions: Question[];

	beforeEach(async () => {
		({ gameId, token } = await newGame());
		questions = frozenQuestions(gameId);
		startSoloGame(db, gameId, token, T0);
	});

	it('scores a right answer with a speed bonus and stores answer, totals and snapshot together', () => {
		const q = questions[0];
		const result = answerSoloQuestion(db, gameId, token, answerBody(q, 0, true), T0 + 3000);
		expect(result.correct).toBe(true);
		expect(result.points).toBe(Math.round((1 - 3000 / 30000 / 2) * 1000));
		const row = db.select().from(answers).get()!;
		expect(row).toMatchObject({
			questionIndex: 0,
			correct: true,
			timeMs: 3000,
			points: result.points
		});
		expect(row.itemKey).toBe(q.itemKey);
		const player = db.select().from(players).get()!;
		expect(player).toMatchObject({
			score: result.points,
			streak: 1,
			correctCount: 1,
			answeredCount: 1
		});
		const view = getSoloView(db, gameId, token, T0 + 3500);
		expect(view.tags).toContain('feedback');
		expect(view.feedback?.result.correct).toBe(true);
		expect(view.feedback?.reveal.spans.length).toBe(q.spans.length);
	});

	it('scores a wrong answer with no points, resets the streak and explains the difference', () => {
		const firstName = questions.findIndex((q) => q.kind === 'name');
		for (let i = 0; i < firstName; i++) {
			answerSoloQuestion(db, gameId, token, answerBody(questions[i], i, true), T0 + 1000);
			nextSoloQuestion(db, gameId, token, { index: String(i) }, T0 + 1000);
		}
		const q = questions[firstName];
		const result = answerSoloQuestion(
			db,
			gameId,
			token,
			answerBody(q, firstName, false),
			T0 + 2000
		);
		expect(result).toMatchObject({ correct: false, points: 0, timedOut: false });
		const view = getSoloView(db, gameId, token, T0 + 2000);
		expect(view.streak).toBe(0);
		expect(view.feedback?.contrast).toMatch(/\w/);
		expect(view.feedback?.reveal.spans.some((s) => s.explanation === explanationFor(s.text))).toBe(
			true
		);
	});

	it('refuses a second answer to the same question with 409 and writes nothing', () => {
		const body = answerBody(questions[0], 0, true);
		answerSoloQuestion(db, gameId, token, body, T0 + 1000);
		const before = tableCounts();
		for (const replay of [body, answerBody(questions[0], 0, false)]) {
			const e = refusal(() => answerSoloQuestion(db, gameId, token, replay, T0 + 2000));
			expect(e.status).toBe(409);
			expect(e.message).toMatch(/already been answered/);
		}
		// Still refused once the player has moved on to the next question.
		nextSoloQuestion(db, gameId, token, { index: '0' }, T0 + 2500);
		const afterNext = tableCounts();
		const e = refusal(() => answerSoloQuestion(db, gameId, token, body, T0 + 3000));
		expect(e.status).toBe(409);
		expect(tableCounts()).toEqual(afterNext);
		expect(before.answers).toBe(1);
		expect(afterNext.answers).toBe(1);
	});

	it('refuses malformed and out-of-range answers with 400 and writes nothing', () => {
		const before = tableCounts();
		const q = questions[0];
		const tokens = q.excerpt.tokens.length;
		const bad: Record<string, unknown>[] = [
			{},
			{ kind: 'name', index: '0', technique: 'not-a-technique' },
			{ kind: 'find', index: '0', start: '5', end: '5' },
			{ kind: 'find', index: '0', start: '0', end: String(tokens + 1) },
			{ kind: 'find', index: '0', start: '-1', end: '2' },
			{ kind: 'judge', index: '0', verdict: 'maybe' },
			{ kind: 'judge', index: 'zero', verdict: 'loaded' }
		];
		// The other kinds' well-formed answers are wrong for this question's kind.
		if (q.kind !== 'judge') bad.push({ kind: 'judge', index: '0', verdict: 'loaded' });
		if (q.kind === 'name') {
			const notOffered = ['loaded-language', 'slogans', 'fear', 'doubt', 'repetition'].find(
				(t) => !q.choices.includes(t as never)
			);
			bad.push({ kind: 'name', index: '0', technique: notOffered });
		}
		for (const body of bad) {
			const e = refusal(() => answerSoloQuestion(db, gameId, token, body, T0 + 1000));
			expect(e.status, JSON.stringify(body)).toBe(400);
			expect(e.message.length).toBeGreaterThan(10);
		}
		expect(tableCounts()).toEqual(before);
		expect(getSoloView(db, gameId, token, T0 + 1000).tags).toContain('answering');
	});

	it('refuses an answer whose question number is missing, empty or not a whole number', () => {
		// Issue 10: Number('') and Number(null) are 0, so these answered question 1.
		const before = tableCounts();
		const right = answerBody(questions[0], 0, true);
		for (const index of [undefined, '', ' ', '0.5', '1e0', '0x0', '-0', 'NaN', '١']) {
			const body: Record<string, unknown> = { ...right, index };
			if (index === undefined) delete body.index;
			const e = refusal(() => answerSoloQuestion(db, gameId, token, body, T0 + 1000));
			expect(e.status, JSON.stringify(index)).toBe(400);
			expect(e.message).toMatch(/question number/i);
		}
		for (const act of [timeoutSoloQuestion, nextSoloQuestion]) {
			expect(refusal(() => act(db, gameId, token, { index: '' }, T0 + 1000)).status).toBe(400);
			expect(refusal(() => act(db, gameId, token, {}, T0 + 1000)).status).toBe(400);
		}
		expect(tableCounts()).toEqual(before);
		expect(getSoloView(db, gameId, token, T0 + 1000).tags).toContain('answering');
	});

	it('leaves the game as it was when storing an answer fails, and takes the answer again', () => {
		const before = tableCounts();
		db.$client.exec(
			`CREATE TRIGGER fail_answers BEFORE INSERT ON answers BEGIN SELECT RAISE(ABORT, 'injected write failure'); END;`
		);
		const body = answerBody(questions[0], 0, true);
		expect(() => answerSoloQuestion(db, gameId, token, body, T0 + 2000)).toThrow(
			/injected write failure/
		);
		// The database and what the page is shown next agree: still answering question 1.
		expect(tableCounts()).toEqual(before);
		const view = getSoloView(db, gameId, token, T0 + 2000);
		expect(view.tags).toContain('answering');
		expect(view.index).toBe(0);
		db.$client.exec('DROP TRIGGER fail_answers');
		expect(answerSoloQuestion(db, gameId, token, body, T0 + 2500).correct).toBe(true);
		expect(getSoloView(db, gameId, token, T0 + 2500).tags).toContain('feedback');
	});

	it('gives back, with the verdict, the seat view the answer made (feedback included)', () => {
		const answered = answerSoloQuestion(
			db,
			gameId,
			token,
			answerBody(questions[0], 0, true),
			T0 + 2000
		);
		expect(answered.view.tags).toContain('feedback');
		expect(answered.view.feedback?.result).toMatchObject({
			correct: true,
			points: answered.points
		});
		expect(answered.view).toEqual(getSoloView(db, gameId, token, T0 + 2000));
	});

	it('takes an answer within the grace period but refuses a later one and closes the question', () => {
		const q = questions[0];
		const inGrace = answerSoloQuestion(
			db,
			gameId,
			token,
			answerBody(q, 0, true),
			T0 + 30_000 + GRACE_MS / 2
		);
		expect(inGrace).toMatchObject({ correct: true, timedOut: false, points: 500 });
		nextSoloQuestion(db, gameId, token, { index: '0' }, T0 + 40_000);
		const late = refusal(() =>
			answerSoloQuestion(
				db,
				gameId,
				token,
				answerBody(questions[1], 1, true),
				T0 + 40_000 + 30_000 + GRACE_MS + 1
			)
		);
		expect(late.status).toBe(409);
		expect(late.message).toMatch(/Too late/);
		const row = db.select().from(answers).where(eq(answers.questionIndex, 1)).get()!;
		expect(row).toMatchObject({ timedOut: true, correct: false, points: 0, response: null });
		const view = getSoloView(db, gameId, token, T0 + 80_000);
		expect(view.tags).toContain('feedback');
		expect(view.feedback?.result.timedOut).toBe(true);
		expect(view.streak).toBe(0);
	});

	it('closes a question as timed out when the page is loaded after its deadline', () => {
		const view = getSoloView(db, gameId, token, T0 + 30_000 + GRACE_MS + 1);
		expect(view.tags).toContain('feedback');
		expect(view.feedback?.result).toMatchObject({ timedOut: true, points: 0 });
		expect(db.select().from(answers).all()).toHaveLength(1);
	});

	it('closes a question on the timeout request only once the server clock says time is up', () => {
		const early = refusal(() =>
			timeoutSoloQuestion(db, gameId, token, { index: '0' }, T0 + 29_000)
		);
		expect(early.status).toBe(409);
		expect(db.select().from(answers).all()).toHaveLength(0);
		timeoutSoloQuestion(db, gameId, token, { index: '0' }, T0 + 30_000);
		timeoutSoloQuestion(db, gameId, token, { index: '0' }, T0 + 30_100);
		expect(db.select().from(answers).all()).toHaveLength(1);
		expect(getSoloView(db, gameId, token, T0 + 30_200).feedback?.result.timedOut).toBe(true);
	});

	it('resumes exactly where the game was when the page is loaded again', () => {
		answerSoloQuestion(db, gameId, token, answerBody(questions[0], 0, true), T0 + 2000);
		nextSoloQuestion(db, gameId, token, { index: '0' }, T0 + 4000);
		const first = getSoloView(db, gameId, token, T0 + 5000);
		const again = getSoloView(db, gameId, token, T0 + 5000);
		expect(again).toEqual(first);
		expect(again.tags).toContain('answering');
		expect(again.index).toBe(1);
		expect(again.deadline).toBe(T0 + 4000 + 30_000);
		expect(again.question?.excerpt.tokens).toEqual(questions[1].excerpt.tokens);
		// A repeated "next" (a double press) does not skip a question.
		nextSoloQuestion(db, gameId, token, { index: '0' }, T0 + 5000);
		expect(getSoloView(db, gameId, token, T0 + 5000).index).toBe(1);
	});

	it('refuses another browser and unknown games', () => {
		expect(refusal(() => getSoloView(db, gameId, 'someone-else')).status).toBe(403);
		expect(refusal(() => getSoloView(db, gameId, undefined)).status).toBe(403);
		expect(refusal(() => getSoloView(db, 'no-such-game', token)).status).toBe(404);
	});

	it('sends no answer key, explanation or labelled technique before the player answers', () => {
		for (let i = 0; i < questions.length; i++) {
			const q = questions[i];
			const view = getSoloView(db, gameId, token, T0 + 1000);
			expect(view.tags).toContain('answering');
			const json = JSON.stringify(view);
			for (const key of ['answer', 'targets', 'loaded', 'spans', 'explanation', 'itemKey']) {
				expect(json).not.toContain(`"${key}"`);
			}
			for (const s of q.spans) expect(json).not.toContain(explanationFor(s.text));
			if (q.kind === 'judge') {
				for (const s of q.spans) expect(json).not.toContain(s.techniqueId);
			}
			if (q.kind === 'name') {
				expect(view.question).toEqual({
					kind: 'name',
					excerpt: q.excerpt,
					highlight: q.highlight,
					choices: q.choices
				});
			}
			answerSoloQuestion(db, gameId, token, answerBody(q, i, i % 2 === 0), T0 + 2000);
			nextSoloQuestion(db, gameId, token, { index: String(i) }, T0);
		}
	});
});

describe('the summary', () => {
	it('adds up score, accuracy by technique, discernment and missed items, and ranks the nickname', async () => {
		const { gameId, token } = await newGame({ nickname: 'Grace' });
		const questions = frozenQuestions(gameId);
		startSoloGame(db, gameId, token, T0);
		const rightOnes = new Set([0, 1, 3, 4, 6, 8]);
		for (let i = 0; i < questions.length; i++) {
			const view = getSoloView(db, gameId, token, T0 + i * 10_000);
			expect(view.index).toBe(i);
			answerSoloQuestion(
				db,
				gameId,
				token,
				answerBody(questions[i], i, rightOnes.has(i)),
				T0 + i * 10_000 + 2000
			);
			nextSoloQuestion(db, gameId, token, { index: String(i) }, T0 + i * 10_000 + 5000);
		}
		const view = getSoloView(db, gameId, token, T0 + 200_000);
		expect(view.tags).toContain('done');
		const summary = view.summary!;
		const rows = db.select().from(answers).all();
		expect(rows).toHaveLength(10);
		expect(summary.score).toBe(rows.reduce((sum, r) => sum + r.points, 0));
		expect(summary.correct).toBe(rows.filter((r) => r.correct).length);
		expect(summary.correct).toBe(rightOnes.size);
		expect(summary.missed.map((m) => m.index)).toEqual(
			questions.map((_, i) => i).filter((i) => !rightOnes.has(i))
		);
		expect(summary.missed.every((m) => m.reveal.answer !== undefined)).toBe(true);
		const perTechnique = summary.byTechnique.reduce((n, t) => n + t.answered, 0);
		const judgedClean = questions.filter((q) => q.kind === 'judge' && !q.loaded).length;
		expect(perTechnique).toBe(10 - judgedClean);
		const judged = questions.flatMap((q, i) =>
			q.kind === 'judge' ? [{ loaded: q.loaded, saidLoaded: q.loaded === rightOnes.has(i) }] : []
		);
		expect(summary.discernment).toMatchObject(discernment(judged));
		const player = db.select().from(players).get()!;
		expect(player.score).toBe(summary.score);
		expect(player.finishedAt).not.toBeNull();
		expect(db.select().from(games).get()!.status).toBe('ended');
		expect(loadLeaderboard(db)).toMatchObject([
			{ nickname: 'Grace', score: summary.score, correct: rightOnes.size, total: 10 }
		]);
		expect(db.select().from(leaderboard).all()).toHaveLength(1);
	});

	it('stores times as milliseconds, the machine as JSON and a timed-out response as NULL', async () => {
		const { gameId, token } = await newGame({ nickname: 'Ada' });
		const questions = frozenQuestions(gameId);
		startSoloGame(db, gameId, token, T0);
		answerSoloQuestion(db, gameId, token, answerBody(questions[0], 0, true), T0 + 1000);
		nextSoloQuestion(db, gameId, token, { index: '0' }, T0 + 2000);
		timeoutSoloQuestion(db, gameId, token, { index: '1' }, T0 + 40_000);
		quitSoloGame(db, gameId, token, T0 + 50_000);
		const raw = db.$client;
		const stored = raw
			.prepare(
				'SELECT question_index, typeof(response) AS type, created_at, correct, timed_out ' +
					'FROM answers ORDER BY question_index'
			)
			.all();
		expect(stored).toEqual([
			{ question_index: 0, type: 'text', created_at: T0 + 1000, correct: 1, timed_out: 0 },
			{ question_index: 1, type: 'null', created_at: T0 + 40_000, correct: 0, timed_out: 1 }
		]);
		const answered = raw.prepare('SELECT response FROM answers WHERE question_index = 0').get();
		expect(JSON.parse((answered as { response: string }).response)).toMatchObject({
			kind: questions[0].kind
		});
		const player = raw.prepare('SELECT snapshot, finished_at FROM players').get() as {
			snapshot: string;
			finished_at: number;
		};
		expect(player.finished_at).toBe(T0 + 50_000);
		expect(JSON.parse(player.snapshot)).toMatchObject({
			value: 'summary',
			context: { index: 1, quit: true, streak: 0 }
		});
		expect(raw.prepare('SELECT status, ended_at, updated_at FROM games').get()).toEqual({
			status: 'ended',
			ended_at: T0 + 50_000,
			updated_at: T0 + 50_000
		});
	});

	it('ends early on quit, without a leaderboard entry', async () => {
		const { gameId, token } = await newGame({ nickname: 'Quitter' });
		const questions = frozenQuestions(gameId);
		startSoloGame(db, gameId, token, T0);
		answerSoloQuestion(db, gameId, token, answerBody(questions[0], 0, true), T0 + 1000);
		quitSoloGame(db, gameId, token, T0 + 2000);
		const view = getSoloView(db, gameId, token, T0 + 3000);
		expect(view.tags).toContain('done');
		expect(view.summary).toMatchObject({ quit: true, answered: 1, total: 10 });
		expect(loadLeaderboard(db)).toEqual([]);
	});

	it('builds a practice round weighted to the techniques the player missed', async () => {
		// Fixed seeds: which technique is missed, and the practice round, are then the same each run.
		const { gameId, token } = await createSoloGame(
			db,
			{ count: '10', timing: 'timed', scoring: 'speed' },
			{ now: T0, seed: 'practice-base' }
		);
		const questions = frozenQuestions(gameId);
		startSoloGame(db, gameId, token, T0);
		expect(
			(await asyncRefusalOf(SoloError, () => createPracticeGame(db, gameId, token))).status
		).toBe(409);
		const missedIndex = questions.findIndex((q) => q.kind === 'name');
		for (let i = 0; i < questions.length; i++) {
			answerSoloQuestion(db, gameId, token, answerBody(questions[i], i, i !== missedIndex), T0);
			nextSoloQuestion(db, gameId, token, { index: String(i) }, T0);
		}
		const missed = questions[missedIndex];
		if (missed.kind !== 'name') throw new Error('fixture has no name question');
		const summary = getSoloView(db, gameId, token).summary!;
		expect(summary.missedTechniques).toEqual([missed.answer]);

		const practice = await createPracticeGame(db, gameId, token, T0, 'practice-round');
		expect(practice.gameId).not.toBe(gameId);
		const config = db.select().from(games).where(eq(games.id, practice.gameId)).get()!.config;
		expect(config).toMatchObject({ focusTechniques: [missed.answer] });
		const practiceQuestions = frozenQuestions(practice.gameId);
		const about = (q: Question) =>
			q.spans.some((s) => s.techniqueId === missed.answer) ||
			(q.kind === 'find' && q.techniqueId === missed.answer);
		expect(practiceQuestions.some(about)).toBe(true);
		expect(getSoloView(db, practice.gameId, token).tags).toContain('ready');
	});
});
