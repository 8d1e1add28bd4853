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

function toCsv(columns: { key: string; header: string }[], rows: Record<string, Cell>[]): string {
	const safe = rows.map((row) =>
		Object.fromEntries(Object.entries(row).map(([k, value]) => [k, safeCell(value)]))
	);
	// The byte-order mark tells spreadsheet programs the file is UTF-8 (nicknames with emoji).
	return stringify(safe, { header: true, bom: true, columns, record_delimiter: 'windows' });
}

/**
 * One row per player: score, answers, whether they need help (by the game's threshold) and what
 * they miss most, and discernment on loaded-or-straight questions. The same figures as the
 * results page: Finished from the same status, accuracy over questions reached (timeouts count as
 * wrong), d' empty below the minimum number of judgements, with the reading.
 */
export function playersCsv(results: GameResults): string {
	const columns = [
		{ key: 'rank', header: 'Rank' },
		{ key: 'nickname', header: 'Nickname' },
		{ key: 'score', header: 'Score' },
		{ key: 'correct', header: 'Correct' },
		{ key: 'answered', header: 'Answered' },
		{ key: 'reached', header: 'Questions reached' },
		{ key: 'total', header: 'Questions in round' },
		{ key: 'accuracy', header: 'Accuracy' },
		{ key: 'needsHelp', header: 'Needs help' },
		{ key: 'missesMost', header: 'Misses most' },
		{ key: 'finished', header: 'Finished' },
		{ key: 'unanswered', header: 'Unanswered' },
		{ key: 'judged', header: 'Loaded-or-straight questions' },
		{ key: 'hitRate', header: 'Hit rate' },
		{ key: 'falseAlarmRate', header: 'False-alarm rate' },
		{ key: 'dPrime', header: "d'" },
		{ key: 'reading', header: 'Discernment' }
	];
	const rows = results.players.map((p) => ({
		rank: p.rank,
		nickname: p.nickname,
		score: p.score,
		correct: p.correct,
		answered: p.answered,
		reached: p.reached,
		total: results.game.questionCount,
		accuracy: decimal(p.accuracy),
		needsHelp: p.needsHelp === null ? null : p.needsHelp ? 'yes' : 'no',
		missesMost: p.weakest?.name ?? null,
		finished: p.finished ? 'yes' : 'no',
		unanswered: p.unanswered,
		judged: p.discernment?.judged ?? 0,
		hitRate: decimal(p.discernment?.hitRate ?? null),
		falseAlarmRate: decimal(p.discernment?.falseAlarmRate ?? null),
		dPrime: decimal(p.dPrime),
		reading: p.discernmentReading
	}));
	return toCsv(columns, rows);
}

/** One row per question: kind, technique, excerpt, share correct and the answer distribution. */
export function questionsCsv(results: GameResults): string {
	const columns = [
		{ key: 'number', header: 'Question' },
		{ key: 'kind', header: 'Kind' },
		{ key: 'technique', header: 'Technique' },
		{ key: 'snippet', header: 'Excerpt' },
		{ key: 'responses', header: 'Players reached' },
		{ key: 'answered', header: 'Answered' },
		{ key: 'correct', header: 'Correct' },
		{ key: 'shareCorrect', header: 'Share correct' },
		{ key: 'meanCredit', header: 'Mean credit' },
		{ key: 'medianTime', header: 'Median time (s)' },
		{ key: 'distribution', header: 'Answers given' }
	];
	const KINDS = {
		name: 'Name the technique',
		find: 'Find the phrase',
		judge: 'Loaded or straight'
	};
	const rows = results.questions.map((q) => ({
		number: q.index + 1,
		kind: KINDS[q.kind],
		technique: q.techniqueName ?? (q.loaded === false ? 'Straight (none)' : null),
		snippet: q.snippet,
		responses: q.responses,
		answered: q.answered,
		correct: q.correct,
		shareCorrect: decimal(q.shareCorrect),
		meanCredit: decimal(q.meanCredit),
		medianTime: q.medianTimeMs === null ? null : Math.round(q.medianTimeMs / 100) / 10,
		distribution: q.distribution
			.map((d) => `${d.label}${d.correct ? ' (right)' : ''}: ${d.count}`)
			.join('; ')
	}));
	return toCsv(columns, rows);
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
