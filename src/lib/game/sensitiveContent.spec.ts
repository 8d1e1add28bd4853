import { describe, expect, it } from 'vitest';
import { isFlagged, sensitiveFindings } from './contentFilter';
import { describeFindings, screenSensitive } from './sensitiveContent';

describe('the sensitive-content screen', () => {
	it('holds back hostility toward a religious group that the word list lets through', () => {
		const text = 'I despise Islam and I despise the ideology of Muhammad and his devout followers.';
		expect(isFlagged(text)).toBe(true);
		expect(screenSensitive(text)).toEqual([{ category: 'hostility', words: ['islam', 'despise'] }]);
	});

	it('holds back a group described as animals, and says which words', () => {
		const text = 'In it, Jews are described as: “arrogant,” “greedy,” “cursed,” “apes and swine.”';
		expect(isFlagged(text)).toBe(true);
		expect(describeFindings(sensitiveFindings(text))).toBe(
			'hostility toward a protected group ("jews", "cursed", "apes", "swine")'
		);
	});

	it('needs the group and the hostile word in the same sentence', () => {
		expect(
			isFlagged('The Muslim community met on Friday. Critics called the plan an invasion.')
		).toBe(false);
		expect(isFlagged('…a lone voice in Europe against the Muslim invasion.')).toBe(true);
	});

	it('does not flag a group named without hostility', () => {
		expect(isFlagged('Jewish and Muslim students organised a joint food drive for refugees.')).toBe(
			false
		);
	});

	it('flags graphic violence by itself, and killing only with bodily detail', () => {
		expect(screenSensitive('The hostages were beheaded on camera.')[0].category).toBe(
			'graphic-violence'
		);
		expect(isFlagged('Two officers were killed on Saturday.')).toBe(false);
		expect(screenSensitive('They were killed and their bodies left in a pool of blood.')).toEqual([
			{ category: 'graphic-violence', words: ['killed', 'bodies', 'blood'] }
		]);
	});

	it('flags sexual violence and self-harm, but not a suicide bombing', () => {
		expect(screenSensitive('He had raped a teenage boy.')[0]).toEqual({
			category: 'sexual-violence',
			words: ['raped']
		});
		expect(screenSensitive('She took her own life last year.')[0].category).toBe('self-harm');
		expect(isFlagged('A suicide bomber struck the market.')).toBe(false);
	});

	it('ends sentences at line breaks, so a headline and the next line are judged apart', () => {
		expect(isFlagged('Muslims celebrate Eid\nCritics call the rats a plague on the city.')).toBe(
			false
		);
	});

	it('lists slurs and obscenities first, under their own category', () => {
		expect(sensitiveFindings('What a load of shit.')).toEqual([
			{ category: 'slur-or-obscenity', words: ['shit'] }
		]);
	});
});
