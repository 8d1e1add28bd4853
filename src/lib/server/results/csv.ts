/**
 * A game's results as CSV files for spreadsheets, written with csv-stringify. Text cells that a
 * spreadsheet would run as a formula (=, +, -, @, tab, carriage return first) get a leading `'`.
 */
import { stringify } from 'csv-stringify/sync';
import type { GameResults } from '../../game/reportViews';

type Cell = string | number | null;

const FORMULA_START = /^[=+\-@\t\r]/;

/** A text cell made safe from formula injection (CWE-1236); numbers stay numbers. */
export function safeCell(value: Cell): Cell {
	if (typeof value !== 'string') return value;
	return FORMULA_START.test(value) ? `'${value}` : value;
}

/** A ratio rounded to three decimals; empty when there is none. */
const decimal = (value: number | null) => (value === null ? null : Math.round(value * 1000) / 1000);

/** A column of a CSV file: its header, and its cell in the row of one `T`. */
type Column<T> = readonly [header: string, cell: (item: T) => Cell];

/** One row per item, the header first, every cell safe from formulas. */
function toCsv<T>(columns: readonly Column<T>[], items: readonly T[]): string {
	const header = columns.map(([name]) => name);
	const rows = items.map((item) => columns.map(([, cell]) => safeCell(cell(item))));
	// The byte-order mark tells spreadsheet programs the file is UTF-8 (nicknames with emoji).
	return stringify([header, ...rows], { bom: true, record_delimiter: 'windows' });
}

type PlayerRow = GameResults['players'][number];
type QuestionRow = GameResults['questions'][number];

const KINDS = {
	name: 'Name the technique',
	find: 'Find the phrase',
	judge: 'Loaded or straight'
};

/**
 * One row per player: score, answers, whether they need help (by the game's threshold) and what
 * they miss most, and discernment on loaded-or-straight questions. The same figures as the
 * results page: Finished from the same status, accuracy over questions reached (timeouts count as
 * wrong), d' empty below the minimum number of judgements, with the reading.
 */
export function playersCsv(results: GameResults): string {
	const columns: Column<PlayerRow>[] = [
		['Rank', (p) => p.rank],
		['Nickname', (p) => p.nickname],
		['Score', (p) => p.score],
		['Correct', (p) => p.correct],
		['Answered', (p) => p.answered],
		['Questions reached', (p) => p.reached],
		['Questions in round', () => results.game.questionCount],
		['Accuracy', (p) => decimal(p.accuracy)],
		['Needs help', (p) => (p.needsHelp === null ? null : p.needsHelp ? 'yes' : 'no')],
		['Misses most', (p) => p.weakest?.name ?? null],
		['Finished', (p) => (p.finished ? 'yes' : 'no')],
		['Unanswered', (p) => p.unanswered],
		['Loaded-or-straight questions', (p) => p.discernment?.judged ?? 0],
		['Hit rate', (p) => decimal(p.discernment?.hitRate ?? null)],
		['False-alarm rate', (p) => decimal(p.discernment?.falseAlarmRate ?? null)],
		["d'", (p) => decimal(p.dPrime)],
		['Discernment', (p) => p.discernmentReading]
	];
	return toCsv(columns, results.players);
}

/** One row per question: kind, technique, excerpt, share correct and the answer distribution. */
export function questionsCsv(results: GameResults): string {
	const columns: Column<QuestionRow>[] = [
		['Question', (q) => q.index + 1],
		['Kind', (q) => KINDS[q.kind]],
		['Technique', (q) => q.techniqueName ?? (q.loaded === false ? 'Straight (none)' : null)],
		['Excerpt', (q) => q.snippet],
		['Players reached', (q) => q.responses],
		['Answered', (q) => q.answered],
		['Correct', (q) => q.correct],
		['Share correct', (q) => decimal(q.shareCorrect)],
		['Mean credit', (q) => decimal(q.meanCredit)],
		[
			'Median time (s)',
			(q) => (q.medianTimeMs === null ? null : Math.round(q.medianTimeMs / 100) / 10)
		],
		[
			'Answers given',
			(q) =>
				q.distribution.map((d) => `${d.label}${d.correct ? ' (right)' : ''}: ${d.count}`).join('; ')
		]
	];
	return toCsv(columns, results.questions);
}

/**
 * A file name for a download: the letters and digits of the teacher's own title, else the join
 * code (a default title, "Mixed articles · 7 Dec", says less than the code), else the game id.
 */
export function csvFileName(results: GameResults, part: 'players' | 'questions'): string {
	const base = (results.game.ownTitle ? (results.game.title ?? '') : '')
		.normalize('NFKD')
		.replace(/[^A-Za-z0-9]+/g, '-')
		.replace(/^-+|-+$/g, '')
		.toLowerCase()
		.slice(0, 40);
	return `slant-${base || results.game.code || results.game.id.slice(0, 8)}-${part}.csv`;
}
