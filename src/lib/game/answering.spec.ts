import { describe, expect, it } from 'vitest';
import {
	GRACE_MS,
	assignmentClosed,
	contrastFor,
	isAskedSpan,
	judgeAnswer,
	normaliseJoinCode,
	pastGrace,
	SENT_CAP_MS,
	timedFrom
} from './answering';
import { revealQuestion } from './feedback';
import { fixtureExcerpt } from './questionFixtures';
import type { NameQuestion, RevealAnswer } from './types';

const name: NameQuestion = {
	itemKey: 'spec:name',
	kind: 'name',
	excerpt: fixtureExcerpt('The corrupt elites are stealing your future again'),
	spans: [
		{ techniqueId: 'loaded-language', range: [2, 5], text: 'corrupt elites', explanation: 'x' }
	],
	highlight: [2, 5],
	choices: ['loaded-language', 'name-calling', 'slogans', 'doubt'],
	answer: 'loaded-language'
};
const rules = { scoring: 'speed', streaks: true } as const;

describe('the grace after a deadline', () => {
	it('ends exactly GRACE_MS after the deadline, and never for an untimed question', () => {
		expect(pastGrace(1000, 1000 + GRACE_MS - 1)).toBe(false);
		expect(pastGrace(1000, 1000 + GRACE_MS)).toBe(true);
		expect(pastGrace(null, Number.MAX_SAFE_INTEGER)).toBe(false);
	});

	it('judges an answer inside the grace as given at the deadline, and a later one as late', () => {
		const clock = { startedAt: 0, deadline: 20_000, limitMs: 20_000 };
		const response = { kind: 'name', techniqueId: 'loaded-language' } as const;
		const inGrace = judgeAnswer(name, response, { ...clock, now: 20_000 + GRACE_MS - 1 }, rules, 0);
		expect(inGrace).toMatchObject({ late: false, result: { correct: true, points: 500 } });
		expect(judgeAnswer(name, response, { ...clock, now: 20_000 + GRACE_MS }, rules, 0)).toEqual({
			late: true
		});
	});
});

describe('judging an answer', () => {
	it('returns the streak after it and the time taken by the server clock', () => {
		const clock = { now: 5000, startedAt: 1000, deadline: null, limitMs: null };
		const right = judgeAnswer(
			name,
			{ kind: 'name', techniqueId: 'loaded-language' },
			clock,
			rules,
			2
		);
		expect(right).toMatchObject({ late: false, streak: 3, timeMs: 4000 });
		const wrong = judgeAnswer(name, { kind: 'name', techniqueId: 'doubt' }, clock, rules, 2);
		expect(wrong).toMatchObject({ late: false, streak: 0, result: { correct: false, points: 0 } });
	});
});

describe("when a player's time starts", () => {
	it('starts when the question was sent to the player, not when it opened', () => {
		expect(timedFrom(10_000, 10_180)).toBe(10_180);
	});

	it('starts at most SENT_CAP_MS after the question opened, so holding back gains little', () => {
		expect(timedFrom(10_000, 10_000 + SENT_CAP_MS + 5000)).toBe(10_000 + SENT_CAP_MS);
	});

	it('starts at the opening when the sending time is unknown, or earlier than the opening', () => {
		expect(timedFrom(10_000, undefined)).toBe(10_000);
		expect(timedFrom(10_000, 9_000)).toBe(10_000);
		expect(timedFrom(null, 10_500)).toBeNull();
	});
});

describe('when an assignment is closed', () => {
	const deadline = new Date(10_000);
	it('is open up to its deadline, closed after it or once ended', () => {
		expect(assignmentClosed({ status: 'open', deadline }, 10_000)).toBe(false);
		expect(assignmentClosed({ status: 'open', deadline }, 10_001)).toBe(true);
		expect(assignmentClosed({ status: 'ended', deadline }, 0)).toBe(true);
		expect(assignmentClosed({ status: 'open', deadline: null }, 10_001)).toBe(false);
	});
});

describe('reading a join code', () => {
	it('drops spaces anywhere and reads anything but a string as null', () => {
		expect(normaliseJoinCode(' 123 456\n')).toBe('123456');
		expect(normaliseJoinCode('123456')).toBe('123456');
		expect(normaliseJoinCode(123456)).toBeNull();
		expect(normaliseJoinCode(null)).toBeNull();
	});
});

describe('the asked span', () => {
	const span = (range: [number, number], techniqueId = 'doubt') => ({ range, techniqueId });
	it('is the highlighted words of a name question', () => {
		const a: RevealAnswer = { kind: 'name', techniqueId: 'doubt', highlight: [2, 5] };
		expect(isAskedSpan(a, span([2, 5]))).toBe(true);
		expect(isAskedSpan(a, span([2, 6]))).toBe(false);
	});

	it('is every span of the asked technique in a find question, and every span of a judge one', () => {
		const find: RevealAnswer = { kind: 'find', techniqueId: 'doubt', targets: [[0, 1]] };
		expect(isAskedSpan(find, span([7, 9], 'doubt'))).toBe(true);
		expect(isAskedSpan(find, span([0, 1], 'slogans'))).toBe(false);
		expect(isAskedSpan({ kind: 'judge', loaded: true }, span([0, 1], 'slogans'))).toBe(true);
	});
});

describe('the contrast line', () => {
	const reveal = revealQuestion(name);
	it('quotes the highlighted words when the wrong technique was named', () => {
		const line = contrastFor(reveal, { kind: 'name', techniqueId: 'doubt' });
		expect(line).toMatch(/corrupt elites/);
	});

	it('is null for a right name, another kind of answer or no answer', () => {
		expect(contrastFor(reveal, { kind: 'name', techniqueId: 'loaded-language' })).toBeNull();
		expect(contrastFor(reveal, { kind: 'judge', loaded: true })).toBeNull();
		expect(contrastFor(reveal, null)).toBeNull();
	});
});
