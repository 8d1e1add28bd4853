import { describe, expect, it } from 'vitest';
import { safeRedirect } from './safeRedirect';

const ORIGIN = 'http://localhost:3000';
const go = (raw: string | null | undefined) => safeRedirect(raw, ORIGIN);

describe('a redirect target taken from input', () => {
	it('is kept when it is a path of this site, exactly as written', () => {
		for (const path of [
			'/teacher',
			'/host/abc/results',
			'/teacher/items?sort=share&dir=desc',
			'/teacher?q=caf%C3%A9#top',
			'/'
		]) {
			expect(go(path)).toBe(path);
		}
	});

	it('is /teacher when missing or not a path', () => {
		for (const raw of [null, undefined, '', 'teacher', 'evil.example', '?next=/x', '#x']) {
			expect(go(raw)).toBe('/teacher');
		}
	});

	it('is /teacher for another site, however it is spelt', () => {
		for (const raw of [
			'//evil.example',
			'//evil.example/phish',
			'/\\evil.example',
			'\\\\evil.example',
			'/\\/evil.example',
			'http://evil.example/',
			'https://evil.example/teacher',
			'http://localhost:3001/teacher',
			'https://localhost:3000/teacher',
			'HTTP://evil.example',
			'javascript:alert(1)',
			'JaVaScRiPt:alert(1)',
			' javascript:alert(1)',
			'data:text/html,<script>alert(1)</script>',
			'http:evil.example',
			'///evil.example'
		]) {
			expect(go(raw), raw).toBe('/teacher');
		}
	});

	it('is /teacher when the URL parser would drop or change a character (tabs, newlines, backslashes)', () => {
		for (const raw of [
			'/\t/evil.example/phish',
			'/\n/evil.example',
			'/\r\n/evil.example',
			'\t//evil.example',
			' /teacher',
			'/teacher ',
			'/teach\ter',
			'/host\\abc',
			'/\u0000/evil.example',
			'/a/../../teacher',
			'/./teacher',
			'/teacher?q=a b',
			'/café'
		]) {
			expect(go(raw), JSON.stringify(raw)).toBe('/teacher');
		}
	});

	it('keeps encoded characters encoded: /%0A/evil and /%09/evil stay paths of this site', () => {
		// Encoded, a newline or tab is part of the path, not a character the browser drops.
		expect(go('/%0A/evil.example')).toBe('/%0A/evil.example');
		expect(go('/%09/evil.example')).toBe('/%09/evil.example');
		expect(go('/%5C/evil.example')).toBe('/%5C/evil.example');
	});

	it('is a header-safe value for any input (no control characters reach Location)', () => {
		for (let code = 0; code < 0x80; code++) {
			const target = go(`/${String.fromCharCode(code)}/evil.example`);
			const unsafe = [...target].some((c) => c.charCodeAt(0) < 0x20 || c === '\x7f' || c === '\\');
			expect(unsafe, `U+${code.toString(16)}`).toBe(false);
			expect(target.startsWith('//')).toBe(false);
		}
	});
});
