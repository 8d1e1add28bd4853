/**
 * Quality signals of teachers' articles (issue 20, item 7): the item analysis of the questions
 * asked about each label, for the labelling editor, and on /teacher/items a link from an item to
 * the label it asks about. Both read items through game/stats/labelItems.ts and compute figures
 * with `itemFigures`, so the editor and /teacher/items show the same numbers. Items of another
 * teacher's unshared article are not shown on /teacher/items: its words are the owner's until
 * shared.
 */
import { inArray } from 'drizzle-orm';
import {
	labelItemFigures,
	labelsOfItem,
	parseItemKey,
	type LabelItem
} from '../../game/stats/labelItems';
import type { Db } from '../db/open';
import { articles, spans } from '../db/schema';
import { loadArticleItemTallies, loadItemAnalysis, type ItemReport } from '../results/items';
import type { TeacherArticle } from './articles';
import { articleVisible, TEACHER_ORIGIN } from './visibility';

/**
 * For each label of the article that has been asked about in play, its items with their
 * figures (share right, discrimination, the possibly-mislabelled flag); labels never asked about
 * are absent.
 */
export function labelQuality(db: Db, article: TeacherArticle): Record<number, LabelItem[]> {
	return labelItemFigures(article.id, article.spans, loadArticleItemTallies(db, article.id));
}

/** An item of /teacher/items, with where to check it in the labelling editor. */
export interface TeacherItemReport extends ItemReport {
	/**
	 * For an item of a teacher's article the reader may open: the article and the first label
	 * the item asks about (null for a straight passage, or a label since moved). Null otherwise.
	 */
	editor: { articleId: string; spanId: number | null } | null;
}

/**
 * The item analysis as teacher `teacherId` may see it: every item but those of another
 * teacher's unshared article, each item of a teacher's article linked to its label.
 */
export function itemAnalysisFor(db: Db, teacherId: string): TeacherItemReport[] {
	const items = loadItemAnalysis(db).map((item) => ({ item, parts: parseItemKey(item.itemKey) }));
	const ids = [...new Set(items.flatMap(({ parts }) => (parts ? [parts.articleId] : [])))];
	const owned = ids.length
		? db
				.select({
					id: articles.id,
					origin: articles.origin,
					ownerId: articles.ownerId,
					sharing: articles.sharing
				})
				.from(articles)
				.where(inArray(articles.id, ids))
				.all()
				.filter((row) => row.origin === TEACHER_ORIGIN)
		: [];
	const open = new Set(
		owned.filter((row) => articleVisible(row, 'class', teacherId)).map((row) => row.id)
	);
	const hidden = new Set(owned.filter((row) => !open.has(row.id)).map((row) => row.id));
	const labels = open.size
		? db
				.select({
					id: spans.id,
					articleId: spans.articleId,
					techniqueId: spans.techniqueId,
					start: spans.start,
					end: spans.end
				})
				.from(spans)
				.where(inArray(spans.articleId, [...open]))
				.all()
		: [];
	const labelsOf = new Map<string, typeof labels>();
	for (const l of labels) {
		const list = labelsOf.get(l.articleId);
		if (list) list.push(l);
		else labelsOf.set(l.articleId, [l]);
	}
	const out: TeacherItemReport[] = [];
	for (const { item, parts } of items) {
		if (parts && hidden.has(parts.articleId)) continue;
		if (!parts || !open.has(parts.articleId)) {
			out.push({ ...item, editor: null });
			continue;
		}
		const [first] = labelsOfItem(parts, labelsOf.get(parts.articleId) ?? []);
		out.push({ ...item, editor: { articleId: parts.articleId, spanId: first?.id ?? null } });
	}
	return out;
}
