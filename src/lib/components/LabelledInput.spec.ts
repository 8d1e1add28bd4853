import { describe, expect, it } from 'vitest';
import { render } from 'svelte/server';
import LabelledInput from './LabelledInput.svelte';

/** The server-rendered HTML of one field, comments (Svelte's hydration marks) taken out. */
const html = (props: Parameters<typeof LabelledInput>[1]) =>
	render(LabelledInput, { props }).body.replace(/<!--[^]*?-->/g, '');

describe('LabelledInput', () => {
	it('labels the input and passes every other attribute to it', () => {
		const out = html({ id: 'current', label: 'Current password', name: 'current', required: true });
		expect(out).toContain('<label for="current">Current password</label>');
		expect(out).toMatch(/<input id="current" name="current" required[^>]*>/);
		expect(out).not.toContain('aria-invalid');
		expect(out).not.toContain('aria-describedby');
	});

	it('describes the input by its hint', () => {
		const out = html({ id: 'nick', label: 'Nickname', hint: 'Up to 20 characters.' });
		expect(out).toContain('aria-describedby="nick-hint"');
		expect(out).toContain('<p id="nick-hint" class="muted hint');
		expect(out).toContain('Up to 20 characters.</p>');
	});

	it('marks the input invalid and announces the error under the hint', () => {
		const out = html({ id: 'nick', label: 'Nickname', hint: 'Short.', error: 'Taken.' });
		expect(out).toContain('aria-invalid="true"');
		expect(out).toContain('aria-describedby="nick-hint nick-error"');
		expect(out).toMatch(/<p id="nick-error" class="error[^"]*" role="alert">Taken\.<\/p>/);
		expect(out.indexOf('nick-hint"')).toBeLessThan(out.indexOf('id="nick-error"'));
	});
});
