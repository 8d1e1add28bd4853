/**
 * Which content a round may draw from. Imported corpora are opt-in: real corpora carry real
 * hate speech and adult topics, so a class sees only the bundled packs unless the teacher ticks
 * an imported source, and solo play offers the bundled packs plus the collections the operator
 * lists in SLANT_PUBLIC_SOURCES (comma-separated collection names, read at run time).
 */
import { count, sql } from 'drizzle-orm';
import type { RoundConfig } from '../../game/types';
import type { Db } from '../db/open';
import { articles } from '../db/schema';
import { hiddenArticleSources, TEACHER_ORIGIN } from '../articles/visibility';

/** Who plays: 'solo' (anyone on the site) or 'class' (a teacher chose the content). */
export type Audience = 'solo' | 'class';

/** One collection (pack or imported corpus folder) as the source pickers list it. */
export interface RoundSource {
	id: string;
	/** 'bundled', 'pack' or 'ptc-import'. */
	origin: string;
	articles: number;
	/** Bundled with Slant. */
	bundled: boolean;
	/** Listed in SLANT_PUBLIC_SOURCES (or bundled): offered to solo players. */
	public: boolean;
}

/** An article's source: its collection, or its origin when it has none (older rows). */
const sourceOf = sql<string>`coalesce(${articles.collection}, ${articles.origin})`;

/** The collections the operator made public for solo play (SLANT_PUBLIC_SOURCES). */
export function publicSourceIds(env: Record<string, string | undefined> = process.env): string[] {
	return (env.SLANT_PUBLIC_SOURCES ?? '')
		.split(',')
		.map((s) => s.trim())
		.filter((s) => s !== '');
}

/** Every collection with labelled articles, bundled first. */
export function listSources(db: Db): RoundSource[] {
	const open = new Set(publicSourceIds());
	const rows = db
		.select({
			id: sourceOf,
			origin: sql<string>`min(${articles.origin})`,
			articles: count()
		})
		.from(articles)
		.groupBy(sourceOf)
		.all();
	return rows
		.map((r) => {
			const bundled = r.origin === 'bundled';
			return {
				id: r.id,
				origin: r.origin,
				articles: r.articles,
				bundled,
				public: bundled || open.has(r.id)
			};
		})
		.sort((a, b) => Number(b.bundled) - Number(a.bundled) || a.id.localeCompare(b.id));
}

/**
 * The sources an audience may choose from; teachers' articles only where their sharing allows
 * (`teacherId`: the teacher whose class plays, null for solo play; see articles/visibility.ts).
 */
export function availableSources(
	db: Db,
	audience: Audience,
	teacherId: string | null = null
): RoundSource[] {
	const hidden = hiddenArticleSources(db, audience, teacherId);
	return listSources(db).filter(
		(s) => !hidden.has(s.id) && (audience === 'class' || s.public || s.origin === TEACHER_ORIGIN)
	);
}

/** The sources a round uses when none are chosen: bundled (plus public ones for solo play). */
export function defaultSourceIds(db: Db, audience: Audience): string[] {
	return listSources(db)
		.filter((s) => (audience === 'solo' ? s.public : s.bundled))
		.map((s) => s.id);
}

/**
 * The config with its sources settled: the chosen ones when every one is available to the
 * audience, the defaults when none were chosen. Unreviewed items are kept only for a class (a
 * teacher's choice), never for solo play. With one article chosen, that article's source must be
 * available. Returns a message instead when the choice is not allowed. `teacherId` is the teacher
 * whose class plays (their own and shared articles are available), null for solo play.
 */
export function settleSources(
	db: Db,
	config: RoundConfig,
	audience: Audience,
	teacherId: string | null = null
): { ok: true; config: RoundConfig } | { ok: false; message: string } {
	const available = new Map(availableSources(db, audience, teacherId).map((s) => [s.id, s]));
	const requested = [...new Set(config.sources ?? [])];
	for (const id of requested) {
		if (!available.has(id)) {
			return {
				ok: false,
				message:
					audience === 'solo'
						? `The source "${id}" is not open for solo play. Choose among the sources listed.`
						: `There is no source called "${id}". Choose among the sources listed.`
			};
		}
	}
	let sources = requested.length > 0 ? requested : defaultSourceIds(db, audience);
	if (config.articleId !== null) {
		const row = db
			.select({ source: sourceOf })
			.from(articles)
			.where(sql`${articles.id} = ${config.articleId}`)
			.get();
		if (row) {
			if (!available.has(row.source)) {
				return { ok: false, message: 'That article is not open for this kind of play.' };
			}
			sources = [row.source];
		}
	}
	// Unreviewed items of imported collections only for a teacher's own game (review.ts).
	const { includeUnreviewed, ...rest } = config;
	const unreviewed = audience === 'class' && includeUnreviewed === true;
	return {
		ok: true,
		config: { ...rest, sources, ...(unreviewed ? { includeUnreviewed: true } : {}) }
	};
}
