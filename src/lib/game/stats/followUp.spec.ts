import { describe, expect, it } from 'vitest';
import {
	missedMost,
	NEED_HELP_BELOW,
	needsHelp,
	studentsToFollowUp,
	unansweredOf,
	type FollowUpStudent
} from './followUp';
import type { TechniqueTally } from './techniques';

const tally = (name: string, correct: number, responses: number): TechniqueTally => ({
	techniqueId: name.toLowerCase() as TechniqueTally['techniqueId'],
	name,
	correct,
	responses,
	share: correct / responses
});

const student = (
	nickname: string,
	correct: number,
	answered: number,
	reached: number,
	byTechnique: TechniqueTally[] = []
): FollowUpStudent => ({
	playerId: `p-${nickname}`,
	nickname,
	correct,
	answered,
	reached,
	byTechnique
});

describe('the technique a student misses most', () => {
	it('is the one with the most wrong answers, then the lowest share', () => {
		expect(missedMost([tally('Doubt', 0, 1), tally('Slogans', 1, 3)])?.name).toBe('Slogans');
		expect(missedMost([tally('Slogans', 2, 4), tally('Doubt', 0, 2)])?.name).toBe('Doubt');
	});

	it('is nothing for a student who got every technique right', () => {
		expect(missedMost([tally('Doubt', 2, 2), tally('Slogans', 1, 1)])).toBeNull();
		expect(missedMost([])).toBeNull();
	});
});

describe('students to follow up', () => {
	const class5 = [
		student('Ada', 5, 5, 5, [tally('Doubt', 2, 2)]),
		student('Bo', 2, 5, 5, [tally('Doubt', 0, 2), tally('Slogans', 2, 3)]),
		student('Cy', 1, 3, 5, [tally('Slogans', 1, 3)]),
		// Exactly at the threshold is not under it.
		student('Di', 2, 4, 4, [tally('Doubt', 1, 2)]),
		student('Ed', 0, 0, 0)
	];

	it('names those under the stated threshold, lowest first, with what they miss most', () => {
		const { threshold, needHelp } = studentsToFollowUp(class5, 5);
		expect(threshold).toBe(NEED_HELP_BELOW);
		expect(needHelp.map((s) => [s.nickname, s.accuracy, s.missesMost?.name ?? null])).toEqual([
			['Cy', 0.2, 'Slogans'],
			['Bo', 0.4, 'Doubt']
		]);
	});

	it('names those who left questions unanswered, timed out or never reached', () => {
		const { didNotFinish } = studentsToFollowUp(class5, 5);
		expect(didNotFinish.map((s) => [s.nickname, s.unanswered])).toEqual([
			['Ed', 5],
			['Cy', 2],
			['Di', 1]
		]);
	});

	it('takes another threshold when asked', () => {
		const { needHelp } = studentsToFollowUp(class5, 5, 0.6);
		expect(needHelp.map((s) => s.nickname)).toEqual(['Cy', 'Bo', 'Di']);
	});

	it('says of each student who did not finish whether they need help by the same threshold', () => {
		const flags = (threshold: number) =>
			studentsToFollowUp(class5, 5, threshold).didNotFinish.map((s) => [s.nickname, s.needsHelp]);
		// Ed reached nothing: not judged, so not said to need help.
		expect(flags(0.5)).toEqual([
			['Ed', false],
			['Cy', true],
			['Di', false]
		]);
		expect(flags(0.6)).toEqual([
			['Ed', false],
			['Cy', true],
			['Di', true]
		]);
	});

	it('judges one student as the lists do: under the threshold, or not judged without answers', () => {
		expect(class5.map((s) => needsHelp(s, 0.5))).toEqual([false, true, true, false, null]);
		expect(class5.map((s) => unansweredOf(s, 5))).toEqual([0, 0, 2, 1, 5]);
	});
});
