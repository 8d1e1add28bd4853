import { describe, expect, it } from 'vitest';
import { fixtureExcerpt } from './questionFixtures';
import { defaultGameTitle, roundContentLabel } from './gameTitle';
import type { Question } from './types';

const judge = (articleTitle: string): Question => ({
	itemKey: `k:${articleTitle}`,
	kind: 'judge',
	excerpt: { ...fixtureExcerpt('The council met on Tuesday'), articleTitle },
	spans: [],
	loaded: false
});

describe('a game’s default title', () => {
	it('names its one article and the day it was created', () => {
		const at = Date.parse('2026-12-07T09:30:00Z');
		const content = roundContentLabel([judge('Seed article'), judge('Seed article')], []);
		expect(defaultGameTitle(content, at)).toBe('Seed article · 7 Dec');
	});

	it('names the families a mixed round was limited to, or says it is mixed', () => {
		const mixed = [judge('One'), judge('Two')];
		expect(roundContentLabel(mixed, ['call', 'distraction'])).toMatch(/ & /);
		expect(roundContentLabel(mixed, [])).toBe('Mixed articles');
	});

	it('cuts a long article title at a word', () => {
		const long = 'Russia and China: Challenging a Divided West, and What Comes After It';
		const label = roundContentLabel([judge(long)], []);
		expect(label.endsWith('…')).toBe(true);
		expect(Array.from(label).length).toBeLessThanOrEqual(48);
		expect(long.startsWith(label.slice(0, -1))).toBe(true);
	});
});
