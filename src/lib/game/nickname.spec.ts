import { describe, expect, it } from 'vitest';
import { checkNickname, nicknameKey, nicknameLength } from './nickname';

function accepted(raw: string) {
	const r = checkNickname(raw);
	if (!r.ok) throw new Error(`expected ${JSON.stringify(raw)} to be accepted: ${r.message}`);
	return r;
}

function refused(raw: unknown) {
	const r = checkNickname(raw);
	if (r.ok) throw new Error(`expected ${JSON.stringify(raw)} to be refused`);
	return r.message;
}

describe('nickname rules', () => {
	it('trims the nickname and collapses inner spaces', () => {
		expect(accepted('  Ada   Lovelace \t').nickname).toBe('Ada Lovelace');
	});

	it('normalises compatibility forms with NFKC', () => {
		expect(accepted('Ｆｕｌｌ').nickname).toBe('Full');
		expect(accepted('e\u0301mile').nickname).toBe('\u00e9mile');
	});

	it('refuses an empty or blank nickname with a message', () => {
		expect(refused('')).toMatch(/enter a nickname/i);
		expect(refused('   ')).toMatch(/enter a nickname/i);
		expect(refused(undefined)).toMatch(/enter a nickname/i);
	});

	it('accepts exactly 20 characters and refuses 21', () => {
		expect(accepted('a'.repeat(20)).nickname).toHaveLength(20);
		expect(refused('a'.repeat(21))).toMatch(/at most 20/);
	});

	it('counts emoji and combined characters as one character each', () => {
		const family = '👨‍👩‍👧';
		expect(nicknameLength(family)).toBe(1);
		expect(accepted(family.repeat(3)).nickname).toBe(family.repeat(3));
		expect(accepted('😀'.repeat(16)).nickname.length).toBe(32);
		expect(refused('a' + '😀'.repeat(20))).toMatch(/at most 20/);
	});

	it('counts printable ASCII as the grapheme segmenter does (its fast path)', () => {
		const segmenter = new Intl.Segmenter('en', { granularity: 'grapheme' });
		const ascii = Array.from({ length: 0x7f - 0x20 }, (_, i) => String.fromCharCode(0x20 + i));
		const samples = [ascii.join(''), 'Ada Lovelace', '  x  ', '', "O'Brien-2 ~!@#$%^&*()"];
		for (const text of samples) {
			expect(nicknameLength(text)).toBe(Array.from(segmenter.segment(text)).length);
		}
		// Just outside printable ASCII, the segmenter counts: CR LF is one character.
		expect(nicknameLength('a\r\nb')).toBe(3);
	});

	it('refuses more than 64 bytes after normalisation, however few characters', () => {
		// One character on screen, 20 KB in the CSV: the defect in issue 10.
		const stacked = 'a' + '\u0301'.repeat(10_000);
		expect(nicknameLength(stacked.normalize('NFKC'))).toBe(1);
		expect(refused(stacked)).toMatch(/64 bytes/);
		expect(refused('😀'.repeat(17))).toMatch(/64 bytes/);
		expect(refused('👨‍👩‍👧'.repeat(4))).toMatch(/64 bytes/);
	});

	it('refuses a name made only of invisible characters', () => {
		expect(refused('\u200B\u2060\u3164')).toMatch(/enter a nickname/i);
		expect(refused('\u115F\u00AD')).toMatch(/enter a nickname/i);
		expect(refused('...')).toMatch(/letter, digit or symbol/);
	});

	it('strips zero-width and other invisible characters but keeps emoji sequences whole', () => {
		expect(accepted('A\u200Bd\u2060a\u00AD').nickname).toBe('Ada');
		expect(accepted('\u3164Bob').nickname).toBe('Bob');
		expect(accepted('Ada\u200B').key).toBe(accepted('Ada').key);
		expect(accepted('👨‍👩‍👧').nickname).toBe('👨‍👩‍👧');
		expect(accepted('❤\uFE0F').nickname).toBe('❤\uFE0F');
	});

	it('refuses private-use and unassigned characters', () => {
		expect(refused('Ada\uE000')).toMatch(/cannot be shown/);
	});

	it('refuses control characters, line breaks and direction overrides', () => {
		expect(refused('bad\u0000name')).toMatch(/control/);
		expect(refused('two\nlines')).toMatch(/control/);
		expect(refused('evil\u202Eeman')).toMatch(/control/);
		expect(refused('bell\u0007')).toMatch(/control/);
	});

	it('refuses a lone surrogate', () => {
		expect(refused('abc\ud800')).toMatch(/broken/);
	});

	it('gives the same key to names that differ only in case or form', () => {
		expect(accepted('ADA').key).toBe(accepted('ada').key);
		expect(accepted('Ｂｏｂ').key).toBe(accepted('bob').key);
		expect(nicknameKey('Straße')).toBe(nicknameKey('STRASSE'));
		expect(accepted('Ada').key).not.toBe(accepted('Ida').key);
	});
});
