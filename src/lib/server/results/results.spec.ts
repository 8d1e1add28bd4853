import { beforeEach, describe, expect, it } from 'vitest';
import { dPrimeFromRates } from '../../game/discernment';
import type { Question, Response } from '../../game/types';
import { openTestDatabase, TEST_ROUND_CONFIG, type Db } from '../db/open';
import { answers, games, players } from '../db/schema';
import { hashToken } from '../tokens';
import { csvFileName, playersCsv, questionsCsv, safeCell } from './csv';
import { ResultsError, loadResults, requireHost } from './results';
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
const HOST_TOKEN = 'host-secret';

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
const FORMULA = '=SUM(A1:A9)';

beforeEach(() => {
	db = openTestDatabase();
	db.insert(games)
		.values({
			id: GAME,
			mode: 'live',
			joinCode: '123456',
			hostTokenHash: hashToken(HOST_TOKEN),
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

	it('split find answers into full, partial and none, with the mean credit', () => {
		const q = loadResults(db, GAME).questions[3];
		expect(q.distribution.map((d) => [d.key, d.count])).toEqual([
			['full', 1],
			['partial', 1],
			['none', 1],
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
		// A timed-out judgement is left out: only the straight passage was judged.
		const formula = byName.get(FORMULA)!.discernment!;
		expect([formula.judged, formula.hitRate, formula.falseAlarmRate, formula.dPrime]).toEqual([
			1,
			null,
			0,
			null
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
				count: 2
			}
		]);
	});

	it('pool the whole class’s judgements', () => {
		const d = loadResults(db, GAME).discernment!;
		expect([d.hits, d.misses, d.falseAlarms, d.correctRejections]).toEqual([2, 0, 1, 2]);
	});
});

describe('access to results', () => {
	it('is given to the holder of the host token only', () => {
		expect(requireHost(db, GAME, HOST_TOKEN).id).toBe(GAME);
		for (const token of [undefined, '', 'someone-else']) {
			const refusal = (() => {
				try {
					requireHost(db, GAME, token);
				} catch (e) {
					return e;
				}
			})();
			expect(refusal).toBeInstanceOf(ResultsError);
			expect((refusal as ResultsError).status).toBe(403);
		}
	});

	it('answers 404 for an unknown game', () => {
		expect(() => requireHost(db, 'nope', HOST_TOKEN)).toThrow(ResultsError);
	});
});

describe('CSV downloads', () => {
	it('quote nicknames with commas, quotes and emoji, and neutralise formulas', () => {
		const csv = playersCsv(loadResults(db, GAME));
		expect(csv.startsWith('\uFEFF')).toBe(true);
		const lines = csv.slice(1).split('\r\n');
		expect(lines[0]).toBe(
			"Rank,Nickname,Score,Correct,Answered,Questions reached,Questions in round,Accuracy,Finished,Loaded-or-straight answered,Hit rate,False-alarm rate,d'"
		);
		expect(lines[1]).toMatch(/^1,Ada,3500,4,4,4,4,1,yes,2,1,0,1\.3\d\d$/);
		expect(lines).toContain('2,"Bo, ""the"" 😀",800,1,4,4,4,0.25,yes,2,1,1,0');
		expect(lines).toContain("2,'=SUM(A1:A9),800,1,3,4,4,0.25,yes,1,,0,");
		expect(lines.at(-1)).toBe('');
	});

	it('list each question with its distribution', () => {
		const lines = questionsCsv(loadResults(db, GAME)).slice(1).split('\r\n');
		expect(lines[0]).toBe(
			'Question,Kind,Technique,Excerpt,Players reached,Answered,Correct,Share correct,Mean credit,Answers given'
		);
		expect(lines[1]).toBe(
			'1,Name the technique,Loaded language,The corrupt elites are stealing your future again,3,3,1,0.333,0.333,Loaded language (right): 1; Name calling: 2; Slogan: 0; Casting doubt: 0; No answer: 0'
		);
		expect(lines[3]).toContain('Straight (none)');
		expect(lines[4]).toContain('Found the words (right): 1; Partly found: 1; Missed: 1');
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
