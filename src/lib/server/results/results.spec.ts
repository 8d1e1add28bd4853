import { eq } from 'drizzle-orm';
import { readFileSync } from 'node:fs';
import { beforeEach, describe, expect, it } from 'vitest';
import { dPrimeFromRates } from '../../game/discernment';
import type { Question, Response } from '../../game/types';
import { openTestDatabase, TEST_ROUND_CONFIG, type Db } from '../db/open';
import { answers, games, players } from '../db/schema';
import { hashToken } from '../tokens';
import { csvFileName, playersCsv, questionsCsv, safeCell } from './csv';
import { loadResults } from './results';
import { fixtureExcerpt } from '../../game/questionFixtures';

/** name (loaded language), judge (loaded, fear), judge (straight), find (slogans). */
const QUESTIONS: Question[] = [
	{
		itemKey: 'q:name',
		kind: 'name',
		excerpt: fixtureExcerpt('The corrupt elites are stealing your future again'),
		spans: [],
		highlight: [2, 5],
		choices: ['loaded-language', 'name-calling', 'slogans', 'doubt'],
		answer: 'loaded-language'
	},
	{
		itemKey: 'q:judge-loaded',
		kind: 'judge',
		excerpt: fixtureExcerpt('Our children will grow up drinking poison'),
		spans: [{ techniqueId: 'fear', range: [0, 3], text: 'Our children', explanation: null }],
		loaded: true
	},
	{
		itemKey: 'q:judge-straight',
		kind: 'judge',
		excerpt: fixtureExcerpt('The council met on Tuesday and approved the budget'),
		spans: [],
		loaded: false
	},
	{
		itemKey: 'q:find',
		kind: 'find',
		excerpt: fixtureExcerpt('Make us great again they chanted in the square'),
		spans: [],
		techniqueId: 'slogans',
		targets: [[0, 7]]
	}
];

type Given = { response: Response | null; correct: boolean; credit: number; points: number };
const name = (techniqueId: 'loaded-language' | 'name-calling'): Given => ({
	response: { kind: 'name', techniqueId },
	correct: techniqueId === 'loaded-language',
	credit: techniqueId === 'loaded-language' ? 1 : 0,
	points: techniqueId === 'loaded-language' ? 900 : 0
});
const judge = (loaded: boolean, right: boolean): Given => ({
	response: { kind: 'judge', loaded },
	correct: right,
	credit: right ? 1 : 0,
	points: right ? 800 : 0
});
const find = (credit: number): Given => ({
	response: { kind: 'find', range: [0, 3] },
	correct: credit === 1,
	credit,
	points: Math.round(credit * 1000)
});
const timedOut: Given = { response: null, correct: false, credit: 0, points: 0 };

let db: Db;
const GAME = 'game-1';

function addPlayer(nickname: string, score: number, given: Given[], removed = false) {
	const id = `p-${nickname}`;
	db.insert(players)
		.values({ id, gameId: GAME, nickname, tokenHash: hashToken(id), score, removed })
		.run();
	given.forEach((g, index) => {
		db.insert(answers)
			.values({
				gameId: GAME,
				playerId: id,
				questionIndex: index,
				itemKey: QUESTIONS[index].itemKey,
				kind: QUESTIONS[index].kind,
				response: g.response,
				correct: g.correct,
				credit: g.credit,
				timeMs: 1000,
				timedOut: g.response === null,
				points: g.points
			})
			.run();
	});
}

const BO = 'Bo, "the" 😀';

/** One column of a CSV written by csv.ts, by its header (cells without quotes or commas only). */
function csvColumn(csv: string, header: string): string[] {
	const [head, ...rows] = csv.slice(1).split('\r\n').filter(Boolean);
	const at = head.split(',').indexOf(header);
	// Rows are read from the right: the nickname column may hold quoted commas.
	const fromEnd = head.split(',').length - at;
	return rows.map((row) => {
		const cells = row.split(',');
		return cells[cells.length - fromEnd];
	});
}
const FORMULA = '=SUM(A1:A9)';

beforeEach(() => {
	db = openTestDatabase();
	db.insert(games)
		.values({
			id: GAME,
			mode: 'live',
			joinCode: '123456',
			title: 'Week 3: "loaded" words',
			config: TEST_ROUND_CONFIG,
			seed: 's',
			questions: QUESTIONS,
			status: 'ended'
		})
		.run();
	addPlayer('Ada', 3500, [name('loaded-language'), judge(true, true), judge(false, true), find(1)]);
	addPlayer(BO, 800, [name('name-calling'), judge(true, true), judge(true, false), find(0.5)]);
	addPlayer(FORMULA, 800, [name('name-calling'), timedOut, judge(false, true), find(0)]);
	addPlayer('Gone', 900, [name('loaded-language')], true);
});

describe('per-question results', () => {
	it('count the technique chosen on a name question, right answer marked', () => {
		const q = loadResults(db, GAME).questions[0];
		expect(q.kind).toBe('name');
		expect(q.techniqueId).toBe('loaded-language');
		expect(q.distribution).toEqual([
			{ key: 'loaded-language', label: 'Loaded language', count: 1, correct: true },
			{ key: 'name-calling', label: expect.any(String), count: 2, correct: false },
			{ key: 'slogans', label: expect.any(String), count: 0, correct: false },
			{ key: 'doubt', label: expect.any(String), count: 0, correct: false },
			{ key: 'no-answer', label: 'No answer', count: 0, correct: false }
		]);
		expect(q.responses).toBe(3);
		expect(q.answered).toBe(3);
		expect(q.correct).toBe(1);
		expect(q.shareCorrect).toBeCloseTo(1 / 3);
	});

	it('split judge answers into loaded, straight and no answer', () => {
		const [, loaded, straight] = loadResults(db, GAME).questions;
		expect(loaded.distribution.map((d) => [d.key, d.count, d.correct])).toEqual([
			['loaded', 2, true],
			['straight', 0, false],
			['no-answer', 1, false]
		]);
		expect(loaded.answered).toBe(2);
		expect(loaded.shareCorrect).toBeCloseTo(2 / 3);
		expect(loaded.techniqueId).toBe('fear');
		expect(straight.techniqueId).toBeNull();
		expect(straight.loaded).toBe(false);
		expect(straight.distribution.map((d) => [d.key, d.count, d.correct])).toEqual([
			['loaded', 1, false],
			['straight', 2, true],
			['no-answer', 0, false]
		]);
	});

	it('split find answers into found, partly found and missed, with the mean credit', () => {
		const q = loadResults(db, GAME).questions[3];
		expect(q.distribution.map((d) => [d.key, d.count])).toEqual([
			['found', 1],
			['partial', 1],
			['missed', 1],
			['no-answer', 0]
		]);
		expect(q.meanCredit).toBeCloseTo(0.5);
		expect(q.shareCorrect).toBeCloseTo(1 / 3);
		expect(q.snippet).toBe('Make us great again they chanted in the square');
	});

	it('leave out the answers of a removed player', () => {
		const results = loadResults(db, GAME);
		expect(results.players.map((p) => p.nickname)).not.toContain('Gone');
		expect(results.questions[0].responses).toBe(3);
	});
});

describe('per-player results', () => {
	it('rank by score and count correct and answered questions', () => {
		const results = loadResults(db, GAME);
		expect(
			results.players.map((p) => [p.rank, p.nickname, p.score, p.correct, p.answered])
		).toEqual([
			[1, 'Ada', 3500, 4, 4],
			[2, FORMULA, 800, 1, 3],
			[2, BO, 800, 1, 4]
		]);
		const formula = results.players.find((p) => p.nickname === FORMULA)!;
		expect(formula.reached).toBe(4);
		expect(formula.accuracy).toBeCloseTo(0.25);
	});

	it('report hit rate, false-alarm rate and d′ on judge questions only', () => {
		const byName = new Map(loadResults(db, GAME).players.map((p) => [p.nickname, p]));
		const ada = byName.get('Ada')!.discernment!;
		expect([ada.hitRate, ada.falseAlarmRate, ada.judged]).toEqual([1, 0, 2]);
		expect(ada.dPrime).toBeCloseTo(dPrimeFromRates(1.5 / 2, 0.5 / 2));
		const bo = byName.get(BO)!.discernment!;
		expect([bo.hitRate, bo.falseAlarmRate]).toEqual([1, 1]);
		// A timed-out judgement counts as the wrong call, as it counts wrong in accuracy: a miss.
		const formula = byName.get(FORMULA)!.discernment!;
		expect([formula.judged, formula.timedOut, formula.hitRate, formula.falseAlarmRate]).toEqual([
			2, 1, 0, 0
		]);
	});

	it('print no d′ from two judgements: too few to tell, with the counts', () => {
		const ada = loadResults(db, GAME).players.find((p) => p.nickname === 'Ada')!;
		expect(ada.dPrime).toBeNull();
		expect(ada.discernmentReading).toBe(
			'Too few to tell: 1 loaded and 1 straight passage; at least 8 with 3 of each are needed.'
		);
	});

	it('give each player accuracy by technique, over the questions they reached', () => {
		const formula = loadResults(db, GAME).players.find((p) => p.nickname === FORMULA)!;
		expect(formula.byTechnique.map((t) => [t.techniqueId, t.correct, t.responses])).toEqual([
			['fear', 0, 1],
			['loaded-language', 0, 1],
			['slogans', 0, 1]
		]);
	});
});

describe('class results', () => {
	it('give accuracy by technique, weakest first', () => {
		const rows = loadResults(db, GAME).byTechnique.map((t) => [
			t.techniqueId,
			t.correct,
			t.responses
		]);
		expect(rows).toEqual([
			['loaded-language', 1, 3],
			['slogans', 1, 3],
			['fear', 2, 3]
		]);
	});

	it('count the most confused pairs of techniques', () => {
		expect(loadResults(db, GAME).confusedPairs).toEqual([
			{
				answer: 'loaded-language',
				answerName: 'Loaded language',
				chosen: 'name-calling',
				chosenName: expect.any(String),
				count: 2,
				share: 2 / 3
			}
		]);
	});

	it('draw the confusion matrix of name questions: right technique against chosen', () => {
		const m = loadResults(db, GAME).confusion;
		expect(m.techniques.map((t) => t.id)).toEqual(['loaded-language', 'name-calling']);
		expect(m.counts).toEqual([
			[1, 2],
			[0, 0]
		]);
		expect(m.rowTotals).toEqual([3, 0]);
	});

	it('give the confusion matrix a row only for techniques that were a right answer', () => {
		const m = loadResults(db, GAME).confusion;
		// Name-calling was only chosen, never the answer: a column, not a row of zeros.
		expect(m.rows.map((r) => m.techniques[r].id)).toEqual(['loaded-language']);
	});

	it('lead with the students who need help and those who did not finish', () => {
		const { followUp } = loadResults(db, GAME);
		expect(followUp.threshold).toBe(0.5);
		// Bo and the formula nickname got 1 of 4 right; Ada all 4. The formula player timed out once.
		// Equal accuracy: by nickname ("=" sorts before letters).
		expect(followUp.needHelp.map((s) => [s.nickname, s.missesMost?.techniqueId])).toEqual([
			[FORMULA, 'fear'],
			[BO, 'loaded-language']
		]);
		expect(followUp.didNotFinish.map((s) => [s.nickname, s.unanswered])).toEqual([[FORMULA, 1]]);
	});

	it('judge who needs help by the threshold the game stores, in the lists and players.csv', () => {
		db.update(games).set({ needHelpBelow: 20 }).where(eq(games.id, GAME)).run();
		let results = loadResults(db, GAME);
		expect(results.game.needHelpBelow).toBe(20);
		expect(results.followUp.threshold).toBe(0.2);
		// Bo and the formula player got 25%: not under 20%.
		expect(results.followUp.needHelp).toEqual([]);
		expect(results.followUp.didNotFinish.map((s) => [s.nickname, s.needsHelp])).toEqual([
			[FORMULA, false]
		]);
		expect(csvColumn(playersCsv(results), 'Needs help')).toEqual(['no', 'no', 'no']);
		// Equal scores are ranked by nickname: the formula nickname before Bo.
		expect(csvColumn(playersCsv(results), 'Unanswered')).toEqual(['0', '1', '0']);

		db.update(games).set({ needHelpBelow: 99 }).where(eq(games.id, GAME)).run();
		results = loadResults(db, GAME);
		expect(results.followUp.needHelp.map((s) => s.nickname)).toEqual([FORMULA, BO]);
		expect(results.followUp.didNotFinish.map((s) => s.needsHelp)).toEqual([true]);
		expect(results.players.map((p) => [p.nickname, p.needsHelp, p.unanswered])).toEqual([
			['Ada', false, 0],
			[FORMULA, true, 1],
			[BO, true, 0]
		]);
		expect(csvColumn(playersCsv(results), 'Needs help')).toEqual(['no', 'yes', 'yes']);
	});

	it('name no weakest technique for a student who got everything right', () => {
		const players = loadResults(db, GAME).players;
		expect(players.find((p) => p.nickname === 'Ada')!.weakest).toBeNull();
		expect(players.find((p) => p.nickname === BO)!.weakest?.techniqueId).toBe('loaded-language');
	});

	it('list the hardest questions first', () => {
		// Shares: name 1/3, loaded 2/3, straight 2/3, find 1/3.
		expect(loadResults(db, GAME).hardest).toEqual([0, 3, 1]);
	});

	it('pool the whole class’s judgements, a timeout as a miss', () => {
		const d = loadResults(db, GAME).discernment!;
		expect([d.hits, d.misses, d.falseAlarms, d.correctRejections]).toEqual([2, 1, 1, 2]);
	});
});

describe('status', () => {
	const setLive = (value: string, index: number) =>
		db
			.update(games)
			.set({ status: 'running', snapshot: { value, context: { index } } })
			.where(eq(games.id, GAME))
			.run();

	it('says finished the moment the last question closes, before the host ends the game', () => {
		setLive('question', 3);
		let results = loadResults(db, GAME);
		expect(results.game.status).toBe('running');
		expect(results.players.every((p) => !p.finished)).toBe(true);
		expect(csvColumn(playersCsv(results), 'Finished')).toEqual(['no', 'no', 'no']);
		for (const [value, index] of [
			['reveal', 3],
			['leaderboard', 3],
			['podium', 3]
		] as const) {
			setLive(value, index);
			results = loadResults(db, GAME);
			expect([results.game.status, results.game.statusLabel]).toEqual(['finished', 'Finished']);
			expect(results.players.every((p) => p.finished)).toBe(true);
			expect(csvColumn(playersCsv(results), 'Finished')).toEqual(['yes', 'yes', 'yes']);
		}
		setLive('leaderboard', 2);
		expect(loadResults(db, GAME).game.status).toBe('running');
	});

	it('says an assignment is open until its deadline, then closed', () => {
		const deadline = new Date('2030-01-08T17:00:00Z');
		db.update(games)
			.set({ mode: 'assignment', status: 'open', deadline })
			.where(eq(games.id, GAME))
			.run();
		const open = loadResults(db, GAME, deadline.getTime() - 60_000).game;
		expect([open.status, open.statusLabel]).toEqual(['open', 'Open until 8 Jan 2030, 17:00 UTC']);
		expect(loadResults(db, GAME, deadline.getTime()).game.status).toBe('open');
		expect(loadResults(db, GAME, deadline.getTime() + 1).game.status).toBe('closed');
	});
});

describe('CSV downloads', () => {
	it('quote nicknames with commas, quotes and emoji, and neutralise formulas', () => {
		const csv = playersCsv(loadResults(db, GAME));
		expect(csv.startsWith('\uFEFF')).toBe(true);
		const lines = csv.slice(1).split('\r\n');
		expect(lines[0]).toBe(
			"Rank,Nickname,Score,Correct,Answered,Questions reached,Questions in round,Accuracy,Needs help,Misses most,Finished,Unanswered,Loaded-or-straight questions,Hit rate,False-alarm rate,d',Discernment"
		);
		const tooFew = (loaded: number, straight: number) =>
			`Too few to tell: ${loaded} loaded and ${straight} straight ${straight === 1 ? 'passage' : 'passages'}; at least 8 with 3 of each are needed.`;
		expect(lines[1]).toBe(`1,Ada,3500,4,4,4,4,1,no,,yes,0,2,1,0,,${tooFew(1, 1)}`);
		expect(lines).toContain(
			`2,"Bo, ""the"" 😀",800,1,4,4,4,0.25,yes,Loaded language,yes,0,2,1,1,,${tooFew(1, 1)}`
		);
		expect(lines).toContain(
			`2,'=SUM(A1:A9),800,1,3,4,4,0.25,yes,Appeal to fear or prejudice,yes,1,2,0,0,,${tooFew(1, 1)}`
		);
		expect(lines.at(-1)).toBe('');
	});

	it('list each question with its distribution', () => {
		const lines = questionsCsv(loadResults(db, GAME)).slice(1).split('\r\n');
		expect(lines[0]).toBe(
			'Question,Kind,Technique,Excerpt,Players reached,Answered,Correct,Share correct,Mean credit,Median time (s),Answers given'
		);
		expect(lines[1]).toBe(
			'1,Name the technique,Loaded language,The corrupt elites are stealing your future again,3,3,1,0.333,0.333,1,Loaded language (right): 1; Name calling: 2; Slogan: 0; Casting doubt: 0; No answer: 0'
		);
		expect(lines[3]).toContain('Straight (none)');
		expect(lines[4]).toContain('Found the words (right): 1; Partly found: 1; Missed: 1');
	});

	it('name their columns exactly as docs/api.md lists them', () => {
		const doc = readFileSync(new URL('../../../../docs/api.md', import.meta.url), 'utf8');
		/** The backquoted list after "<file>` — one row per …. Columns:" in the document. */
		const documented = (file: string) => {
			const at = doc.indexOf(`/results/${file}\``);
			const list = /Columns: `([^`]+)`/.exec(doc.slice(at))?.[1] ?? '';
			return list.split(',').map((name) => name.trim());
		};
		const header = (csv: string) => csv.slice(1).split('\r\n')[0].split(',');
		const results = loadResults(db, GAME);
		expect(header(playersCsv(results))).toEqual(documented('players.csv'));
		expect(header(questionsCsv(results))).toEqual(documented('questions.csv'));
	});

	it('have every players.csv column explained in docs/api.md under its exact name', () => {
		const doc = readFileSync(new URL('../../../../docs/api.md', import.meta.url), 'utf8');
		const section = doc.slice(
			doc.indexOf('/results/players.csv`'),
			doc.indexOf('/results/questions.csv`')
		);
		const explained = [...section.matchAll(/^ {2}- `([^`]+)`: \S/gmu)].map((m) => m[1]);
		const header = playersCsv(loadResults(db, GAME)).slice(1).split('\r\n')[0].split(',');
		expect(explained).toEqual(header);
	});

	it('prefix every formula-like text cell with a quote and leave numbers alone', () => {
		expect(['=1+1', '+44', '-2', '@cmd', '\tx', '\rx', 'ok', -1.5].map(safeCell)).toEqual([
			"'=1+1",
			"'+44",
			"'-2",
			"'@cmd",
			"'\tx",
			"'\rx",
			'ok',
			-1.5
		]);
	});

	it('name the file after the title', () => {
		expect(csvFileName(loadResults(db, GAME), 'players')).toBe(
			'slant-week-3-loaded-words-players.csv'
		);
	});
});
