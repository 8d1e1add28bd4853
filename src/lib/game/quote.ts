/**
 * Quoting an excerpt's start for a report ("“The council met…”"). An excerpt that opens with its
 * own quotation mark keeps it and gets no second one (not "““…").
 */

/** Opening quotation marks an excerpt may start with. */
const OPENING = /^["“‘'«„‚「『]/u;

/** `snippet` in curly quotes, unless it already opens with a quotation mark. */
export function quoted(snippet: string): string {
	return OPENING.test(snippet) ? snippet : `“${snippet}”`;
}
