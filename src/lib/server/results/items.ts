/**
 * Item analysis across all play (solo games, live games and assignments): for every item (an
 * excerpt with its question kind and key) how often it was asked, the share answered right, and
 * its discrimination; items that strong players miss more than weak ones are flagged. No
 * nickname is read: a round is a player id's answers in one game, or one attempt of a deleted
 * game (kept anonymously). An item's text comes from a game that still holds its question, or,
 * once every such game is deleted, from the question kept in anonymous_items.
 */
import type { Statement } from 'better-sqlite3';
import { questionTechnique } from '../../game/round';
import {
	itemFigures,
	type ItemFigures,
	type ItemTally,
	type OutcomeScoreSums
} from '../../game/stats/itemAnalysis';
import { techniqueById } from '../../game/techniques';
import type { Question, QuestionKind } from '../../game/types';
import type { Db } from '../db/open';
import { snippetOf } from './results';

export interface ItemReport extends ItemFigures {
	kind: QuestionKind;
	/** The key in words: the technique (name, find), or "Loaded" / "Straight" (judge). */
	key: string;
	articleTitle: string;
	snippet: string;
}

function keyOf(q: Question): string {
	if (q.kind === 'judge') return q.loaded ? 'Loaded' : 'Straight';
	const id = questionTechnique(q);
	return id ? (techniqueById(id)?.name ?? id) : '–';
}

/**
 * Every item's tally, added up in SQL so the page never reads the answers themselves: first each
 * round's length and total right (a seat not removed, or an anonymous attempt of a deleted game),
 * then per item the answers counted and the sums over their rest scores, computed as `restScore`
 * does it. `firstAnswer` is the item's first answer that still has its game (null when only
 * anonymous or removed seats answered it), for the question's text.
 *
 * With `oneArticle`, only the items whose key lies in [@lo, @hi) (one article's key prefix), and
 * only the rounds that answered one of them: the same figures for those items, read through the
 * item-key indexes.
 */
function itemTalliesSql(oneArticle: boolean): string {
	const items = (column: string) => (oneArticle ? `${column} >= @lo and ${column} < @hi` : '1 = 1');
	const rounds = (column: string, key: string, table: string) =>
		oneArticle ? `${column} in (select ${key} from ${table} where ${items('item_key')})` : '1 = 1';
	return `
	with seats as (
		select a.player_id as round_id, count(*) as len, sum(a.correct) as total
		from answers a join players p on p.id = a.player_id and p.removed = 0
		where ${rounds('a.player_id', 'player_id', 'answers')}
		group by a.player_id
	),
	attempts as (
		select attempt_id as round_id, count(*) as len, sum(correct) as total
		from anonymous_answers
		where ${rounds('attempt_id', 'attempt_id', 'anonymous_answers')}
		group by attempt_id
	),
	scored as (
		select a.item_key, a.correct, a.id as answer_id,
			case when r.len >= 2 then (r.total - a.correct) * 1.0 / (r.len - 1) end as rest
		from answers a join seats r on r.round_id = a.player_id
		where ${items('a.item_key')}
		union all
		select a.item_key, a.correct, null,
			case when r.len >= 2 then (r.total - a.correct) * 1.0 / (r.len - 1) end
		from anonymous_answers a join attempts r on r.round_id = a.attempt_id
		where ${items('a.item_key')}
	)
	select item_key as itemKey, count(*) as asked, sum(correct) as correct,
		count(rest) as n, count(case when correct then rest end) as "right",
		total(rest) as sum, total(rest * rest) as squares,
		total(case when correct then rest end) as sumRight, min(rest) as min, max(rest) as max,
		min(answer_id) as firstAnswer
	from scored
	group by item_key`;
}

/**
 * The question of each answer id in the first JSON array, then the kept question of each item key
 * in the second (items whose games were all deleted).
 */
const QUESTIONS_OF_ANSWERS = `
	select a.item_key as itemKey, json_extract(g.questions, '$[' || a.question_index || ']') as question
	from answers a join games g on g.id = a.game_id
	where a.id in (select value from json_each(?))
	union all
	select item_key, question from anonymous_items
	where item_key in (select value from json_each(?))`;

interface TallyRow extends OutcomeScoreSums {
	itemKey: string;
	asked: number;
	correct: number;
	firstAnswer: number | null;
}

type ItemText = Pick<ItemReport, 'kind' | 'key' | 'articleTitle' | 'snippet'>;

interface Prepared {
	tallies: Statement<[], TallyRow>;
	articleTallies: Statement<[{ lo: string; hi: string }], TallyRow>;
	questions: Statement<[string, string], { itemKey: string; question: string | null }>;
	/** An item's text never changes (its key names the article, range and kind): kept. */
	texts: Map<string, ItemText>;
}

const perDatabase = new WeakMap<Db, Prepared>();

function prepared(db: Db): Prepared {
	let p = perDatabase.get(db);
	if (!p) {
		p = {
			tallies: db.$client.prepare(itemTalliesSql(false)),
			articleTallies: db.$client.prepare(itemTalliesSql(true)),
			questions: db.$client.prepare(QUESTIONS_OF_ANSWERS),
			texts: new Map()
		};
		perDatabase.set(db, p);
	}
	return p;
}

function tallyOf(row: TallyRow): ItemTally {
	const { itemKey, asked, correct, n, right, sum, squares, sumRight, min, max } = row;
	return { itemKey, asked, correct, rest: { n, right, sum, squares, sumRight, min, max } };
}

/** Every item ever answered, tallied in SQL: what `itemFigures` needs, one entry per item. */
export function loadItemTallies(db: Db): ItemTally[] {
	return prepared(db).tallies.all().map(tallyOf);
}

/**
 * The tallies of the items of one article (keys `<articleId>:…`), equal to its entries of
 * `loadItemTallies` but read through the item-key indexes: for the labelling editor.
 */
export function loadArticleItemTallies(db: Db, articleId: string): ItemTally[] {
	// ';' follows ':' in code-unit order: [lo, hi) holds exactly the keys starting `<id>:`.
	const range = { lo: `${articleId}:`, hi: `${articleId};` };
	return prepared(db).articleTallies.all(range).map(tallyOf);
}

/**
 * Every item ever answered, with its figures: the most doubtful first (lowest discrimination,
 * items without one last), then the most asked. The page sorts by other columns itself.
 */
export function loadItemAnalysis(db: Db): ItemReport[] {
	const { tallies, questions, texts } = prepared(db);
	const rows = tallies.all();
	const unread = rows.filter((r) => !texts.has(r.itemKey));
	if (unread.length > 0) {
		const inGames = unread.filter((r) => r.firstAnswer !== null).map((r) => r.firstAnswer);
		const deleted = unread.filter((r) => r.firstAnswer === null).map((r) => r.itemKey);
		for (const row of questions.all(JSON.stringify(inGames), JSON.stringify(deleted))) {
			if (!row.question || texts.has(row.itemKey)) continue;
			const q = JSON.parse(row.question) as Question;
			texts.set(row.itemKey, {
				kind: q.kind,
				key: keyOf(q),
				articleTitle: q.excerpt.articleTitle,
				snippet: snippetOf(q)
			});
		}
	}
	const reports: ItemReport[] = [];
	for (const row of rows) {
		const text = texts.get(row.itemKey);
		if (text) reports.push({ ...itemFigures(tallyOf(row)), ...text });
	}
	return reports.sort(
		(a, b) =>
			// Infinity - Infinity is NaN, which falls through to the tie-breaks like 0 does.
			(a.discrimination ?? Infinity) - (b.discrimination ?? Infinity) ||
			b.timesAsked - a.timesAsked ||
			a.itemKey.localeCompare(b.itemKey)
	);
}
