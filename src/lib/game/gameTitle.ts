/**
 * A game's name: the title its teacher gave it, or a default made from its content and the day it
 * was created ("Harbour plan splits the town · 7 Dec"). Every page that names a game (the
 * teacher's home, the report, progress over time, the host screen, a student's screen) shows the
 * stored title, so one game has one name everywhere.
 */
import { FAMILIES, type FamilyId } from './techniques';
import type { Question } from './types';

/** Longest content part of a default title, in characters (a title may be 100). */
const CONTENT_MAX = 48;

const dayFormat = new Intl.DateTimeFormat('en-GB', {
	day: 'numeric',
	month: 'short',
	timeZone: 'UTC'
});

/** `text` cut at a word to at most `max` characters, with an ellipsis when cut. */
function shorten(text: string, max: number): string {
	const chars = Array.from(text);
	if (chars.length <= max) return text;
	const cut = chars.slice(0, max - 1).join('');
	const space = cut.lastIndexOf(' ');
	return `${(space > max / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

/**
 * What a round is made of, in a few words: its one article's title, else the technique families
 * it was limited to, else "Mixed articles".
 */
export function roundContentLabel(questions: readonly Question[], families: readonly FamilyId[]) {
	const titles = new Set(questions.map((q) => q.excerpt.articleTitle));
	if (titles.size === 1) return shorten([...titles][0], CONTENT_MAX);
	if (families.length > 0) {
		const names = FAMILIES.filter((f) => families.includes(f.id)).map((f) => f.name);
		return shorten(names.join(' & '), CONTENT_MAX);
	}
	return 'Mixed articles';
}

/** The default title of a game: its content and the day it was created (UTC), "… · 7 Dec". */
export function defaultGameTitle(content: string, createdAt: number): string {
	return `${content} · ${dayFormat.format(createdAt)}`;
}
