/**
 * Who may use a teacher's article. An article belongs to the teacher who added it; until they
 * share it nobody else sees it. Shared "with teachers" it is offered to every teacher on this
 * server (read-only: they may copy it to edit their own); shared "for solo play too" it is also
 * offered to solo players. Bundled and imported content is not owned and is governed by
 * roundSources.ts (imported corpora are opt-in).
 *
 * Each teacher article is its own round source (its collection is its id), so choosing sources
 * never pulls in another article of the same teacher.
 */
import { eq } from 'drizzle-orm';
import type { Db } from '../db/open';
import { articles } from '../db/schema';

/** articles.origin of an article a teacher added in the browser. */
export const TEACHER_ORIGIN = 'teacher';

/** How a teacher shares an article. */
export type Sharing = 'private' | 'teachers' | 'solo';

/** Who asks: solo players (anyone on the site) or a class of the teacher `teacherId`. */
export type Audience = 'solo' | 'class';

/** The owner and sharing of an article, as the visibility rule reads them. */
export interface OwnedRow {
	origin: string;
	ownerId: string | null;
	sharing: Sharing | null;
}

/**
 * True when `audience` (with `teacherId` for a class; null when nobody is signed in) may use the
 * article. Content that is not a teacher's article is always true here.
 */
export function articleVisible(
	row: OwnedRow,
	audience: Audience,
	teacherId: string | null
): boolean {
	if (row.origin !== TEACHER_ORIGIN) return true;
	if (row.sharing === 'solo') return true;
	if (audience === 'solo') return false;
	if (teacherId === null) return false;
	return row.ownerId === teacherId || row.sharing === 'teachers';
}

/**
 * The round sources (collections) of teacher articles that `audience` may NOT use: the one list
 * roundSources.ts subtracts from what it offers and accepts.
 */
export function hiddenArticleSources(
	db: Db,
	audience: Audience,
	teacherId: string | null
): Set<string> {
	const rows = db
		.select({
			id: articles.id,
			collection: articles.collection,
			origin: articles.origin,
			ownerId: articles.ownerId,
			sharing: articles.sharing
		})
		.from(articles)
		.where(eq(articles.origin, TEACHER_ORIGIN))
		.all();
	return new Set(
		rows.filter((r) => !articleVisible(r, audience, teacherId)).map((r) => r.collection ?? r.id)
	);
}
