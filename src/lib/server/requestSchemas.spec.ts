import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import {
	GameTitleSchema,
	HostFormSchema,
	NeedHelpThresholdSchema,
	RoundConfigSchema
} from './requestSchemas';

/** The first refusal's message for a host form, or null when it passes. */
function refusal(fields: Record<string, unknown>): string | null {
	const parsed = v.safeParse(HostFormSchema, fields);
	return parsed.success ? null : parsed.issues[0].message;
}

describe('the host form schema', () => {
	it('reads the posted strings into the round configuration the JSON API takes', () => {
		const parsed = v.parse(HostFormSchema, {
			content: 'families',
			families: ['attack', 'wording'],
			count: ' 12 ',
			seconds: 'untimed',
			scoring: 'speed',
			streaks: 'on',
			difficulty: 'hard',
			askConfidence: 'on',
			mode: 'live'
		});
		expect(parsed).toEqual({
			articleId: null,
			families: ['attack', 'wording'],
			count: 12,
			secondsPerQuestion: null,
			scoring: 'speed',
			streaks: true,
			focusTechniques: [],
			sources: [],
			difficulty: 'hard',
			askConfidence: true
		});
		expect(v.is(RoundConfigSchema, parsed)).toBe(true);
		expect(v.parse(HostFormSchema, { seconds: '30' })).toMatchObject({
			count: 10,
			secondsPerQuestion: 30,
			streaks: false
		});
	});

	it('refuses a count or seconds that is not a whole number in range, saying which', () => {
		for (const count of ['abc', '', '2.5', '1e1', '0x10', '-3']) {
			expect(refusal({ count }), count).toBe('The number of questions must be a whole number.');
		}
		expect(refusal({ count: '0' })).toBe('The number of questions must be at least 1.');
		expect(refusal({ count: '51' })).toBe('The number of questions must be at most 50.');
		expect(refusal({ seconds: 'soon' })).toBe(
			'Seconds per question must be a whole number, or untimed.'
		);
		expect(refusal({ seconds: '4' })).toBe('Seconds per question must be at least 5.');
	});

	it('refuses an article round without an article, and unknown choices', () => {
		expect(refusal({ content: 'article', articleId: ' ' })).toBe('Choose an article.');
		expect(refusal({ content: 'everything' })).toBe(
			'Choose all content, one article or some families.'
		);
		expect(refusal({ families: ['nope'] })).toBe('Choose at least one known family.');
		expect(refusal({ scoring: 'luck' })).toBe('Choose a scoring.');
		expect(refusal({ difficulty: 'brutal' })).toBe('Choose easy, mixed or hard questions.');
	});
});

describe('a new title for a game', () => {
	const parse = (title: unknown) => v.safeParse(GameTitleSchema, { title });

	it('is one line with its spaces collapsed', () => {
		const parsed = parse('  Week 49:\n loaded   words ');
		expect(parsed.success && parsed.output.title).toBe('Week 49: loaded words');
	});

	it('is refused empty, too long or missing, with a message a teacher can act on', () => {
		for (const [title, message] of [
			['   ', 'Give the game a title.'],
			['x'.repeat(101), 'The title can be at most 100 characters long.'],
			[undefined, 'Give the game a title.']
		] as const) {
			const parsed = parse(title);
			expect(parsed.success ? null : parsed.issues[0].message).toBe(message);
		}
	});
});

describe('a need-help threshold for a game', () => {
	const parse = (threshold: unknown) => v.safeParse(NeedHelpThresholdSchema, { threshold });

	it('is a whole percentage from 1 to 99, as the form sends it', () => {
		for (const [sent, percent] of [
			['1', 1],
			[' 30 ', 30],
			['30%', 30],
			['99', 99]
		] as const) {
			const parsed = parse(sent);
			expect(parsed.success && parsed.output.threshold).toBe(percent);
		}
	});

	it('is refused out of range, not whole, or missing, with one message that says what to give', () => {
		for (const sent of ['0', '100', '30.5', '1e1', '-5', '', 'half', '0x10', undefined, 30]) {
			const parsed = parse(sent);
			expect(parsed.success ? sent : parsed.issues[0].message).toBe(
				'Give the need-help threshold as a whole percentage from 1 to 99.'
			);
		}
	});
});
