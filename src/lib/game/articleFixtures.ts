/**
 * Hand-made content articles for the round-building specs: parts (sentences or paragraphs) joined
 * into a body, labels found by the words they cover, clean ranges given by part. Test support only.
 */
import type { TechniqueId } from './techniques';
import { CodePointIndex } from './text';
import type { ContentArticle, ContentSpan } from './types';

/** A label: the words it covers, its technique, and which occurrence of the words (0: the first). */
export type FixtureLabel = [phrase: string, technique: TechniqueId, occurrence?: number];

export interface FixtureArticleOptions {
	/** What joins the parts into the body. */
	separator: string;
	/** The parts an editor checked and found clean, by index. */
	clean?: number[];
	outlet?: string | null;
	/** The explanation of a label (none when absent). */
	explain?: (phrase: string, techniqueId: TechniqueId) => string;
	/** Left out of the article when absent, as in content that does not say. */
	exhaustive?: boolean;
	collection?: string;
}

/** An invented article `id` whose body is `parts`, labelled with `labels`. */
export function fixtureArticle(
	id: string,
	parts: string[],
	labels: FixtureLabel[],
	options: FixtureArticleOptions
): ContentArticle {
	const body = parts.join(options.separator);
	const cpi = new CodePointIndex(body);
	const range = (at: number, length: number) => ({
		start: cpi.toCodePoint(at),
		end: cpi.toCodePoint(at + length)
	});
	const spans: ContentSpan[] = labels.map(([phrase, techniqueId, occurrence = 0], i) => {
		let at = body.indexOf(phrase);
		for (let k = 0; k < occurrence; k++) at = body.indexOf(phrase, at + 1);
		if (at < 0) throw new Error(`Test content: "${phrase}" not in ${id}`);
		const explanation = options.explain?.(phrase, techniqueId) ?? null;
		return { id: i + 1, techniqueId, ...range(at, phrase.length), explanation };
	});
	const clean = (options.clean ?? []).map((n) => range(body.indexOf(parts[n]), parts[n].length));
	const { exhaustive, collection } = options;
	return {
		id,
		title: `Title of ${id}`,
		outlet: options.outlet ?? null,
		body,
		spans,
		clean,
		...(exhaustive === undefined ? {} : { exhaustive }),
		...(collection === undefined ? {} : { collection })
	};
}
