import { describe, expect, it } from 'vitest';
import { render } from 'svelte/server';
import WordRangeFallback from './WordRangeFallback.svelte';

const words = [
	{ text: 'reckless', start: 4, end: 12 },
	{ text: 'scheme', start: 13, end: 19 }
];

/** The options of the drop-down named `name`, as [value, text] pairs. */
function options(html: string, name: string): [string, string][] {
	const select = html.match(new RegExp(`<select name="${name}"[^]*?</select>`))?.[0] ?? '';
	return [...select.matchAll(/<option value="(\d+)"[^>]*>([^<]*)<\/option>/g)].map((m) => [
		m[1],
		m[2].trim()
	]);
}

describe('WordRangeFallback', () => {
	it('posts the first word’s start and the last word’s end, numbering the words', () => {
		const html = render(WordRangeFallback, {
			props: { words, startName: 'start', endName: 'end', form: 'label-form' }
		}).body.replace(/<!--[^]*?-->/g, '');
		expect(html).toMatch(/<label[^>]*>\s*First word\s*<select name="start" form="label-form"/);
		expect(html).toMatch(/<label[^>]*>\s*Last word\s*<select name="end" form="label-form"/);
		expect(options(html, 'start')).toEqual([
			['4', '1. reckless'],
			['13', '2. scheme']
		]);
		expect(options(html, 'end')).toEqual([
			['12', '1. reckless'],
			['19', '2. scheme']
		]);
	});

	it('disables both drop-downs when asked', () => {
		const html = render(WordRangeFallback, {
			props: { words, startName: 's', endName: 'e', disabled: true }
		}).body;
		expect(html.match(/<select[^>]*disabled/g)).toHaveLength(2);
	});
});
