/**
 * A measure of learning: two assignments set together as a check before teaching and a check
 * after it. One pool of questions is built as a single round (so no two overlap in an article)
 * and split into parallel sets with the same kinds, techniques and spread of difficulty (see
 * game/parallel.ts); each set becomes an assignment, and the two are linked both ways.
 */
import { eq } from 'drizzle-orm';
import { splitParallel } from '../../game/parallel';
import type { ItemStats } from '../../game/round';
import type { Question, RoundConfig } from '../../game/types';
import { makeRound, settleRound } from '../content/rounds';
import type { Db } from '../db/open';
import { loadItemStats } from '../db/queries';
import { games } from '../db/schema';
import {
	AssignmentError,
	TITLE_MAX,
	checkTitle,
	createAssignment,
	parseDeadline
} from './assignments';

type Created = { gameId: string; joinCode: string };

/** The pool is built this many times the size of one check. */
const POOL_FACTOR = 6;

/** Answers an item's observed share is worth against the prior of one half (as buildRound). */
const PRIOR_ANSWERS = 4;

/** An item's difficulty (0 easy .. 1 hard): its error rate, shrunk toward one half. */
export function itemDifficulty(stats: Map<string, ItemStats>, q: Question): number {
	const s = stats.get(q.itemKey);
	if (!s || s.answered === 0) return 0.5;
	const errorRate = 1 - Math.min(s.correct, s.answered) / s.answered;
	return (PRIOR_ANSWERS * 0.5 + s.answered * errorRate) / (PRIOR_ANSWERS + s.answered);
}

/**
 * Creates the before and after checks: `config.count` questions each, from parallel sets of one
 * pool, built off the event loop where the server can (roundBuilder.ts) from the settled sources
 * (imported corpora only when the teacher chose them). `pool` replaces the round builder (tests).
 * Refuses when the content cannot fill two sets.
 */
export async function createCheckPair(
	db: Db,
	input: {
		config: RoundConfig;
		title: string;
		deadline: Date;
		afterDeadline: Date;
		ownerId: string;
	},
	options: { pool?: Question[]; now?: number } = {}
): Promise<{ before: Created; after: Created }> {
	const now = options.now ?? Date.now();
	const title = checkTitle(input.title);
	const base = Array.from(title)
		.slice(0, TITLE_MAX - ' (before)'.length)
		.join('')
		.trimEnd();
	if (input.afterDeadline.getTime() < input.deadline.getTime()) {
		throw new AssignmentError(
			400,
			'The check after teaching must close after the check before it: choose a later deadline.'
		);
	}
	const config = settleRound(db, input.config, 'class', input.ownerId);
	// Room to pair each question with one of the same technique.
	const pool =
		options.pool ??
		(
			await makeRound(db, config, {
				audience: 'class',
				count: config.count * POOL_FACTOR,
				teacherId: input.ownerId
			})
		).questions;
	const stats = loadItemStats(db);
	const [first, second] = splitParallel(pool, (q) => itemDifficulty(stats, q), config.count);
	if (first.length === 0) {
		throw new AssignmentError(
			400,
			'This content is too small for two checks that share no excerpt: choose more content or fewer questions.'
		);
	}
	const before = createAssignment(
		db,
		{
			config,
			title: `${base} (before)`,
			deadline: input.deadline,
			ownerId: input.ownerId
		},
		{ questions: first, now }
	);
	let after: Created;
	try {
		after = createAssignment(
			db,
			{
				config,
				title: `${base} (after)`,
				deadline: input.afterDeadline,
				ownerId: input.ownerId
			},
			{ questions: second, now }
		);
	} catch (e) {
		db.delete(games).where(eq(games.id, before.gameId)).run();
		throw e;
	}
	db.transaction((tx) => {
		tx.update(games)
			.set({ pairedGameId: after.gameId, checkRole: 'before' })
			.where(eq(games.id, before.gameId))
			.run();
		tx.update(games)
			.set({ pairedGameId: before.gameId, checkRole: 'after' })
			.where(eq(games.id, after.gameId))
			.run();
	});
	return { before, after };
}

/** The pair from the /host form: `deadline` and `afterDeadline` as typed, `tzOffset` as sent. */
export async function createCheckPairFromForm(
	db: Db,
	form: FormData,
	config: RoundConfig,
	ownerId: string,
	now = Date.now()
): Promise<{ before: Created; after: Created }> {
	const title = checkTitle(form.get('title'));
	const deadline = parseDeadline(form.get('deadline'), form.get('tzOffset'), now);
	let afterDeadline: Date;
	try {
		afterDeadline = parseDeadline(form.get('afterDeadline'), form.get('tzOffset'), now);
	} catch (e) {
		if (e instanceof AssignmentError) {
			throw new AssignmentError(400, `The check after teaching: ${e.message}`);
		}
		throw e;
	}
	return createCheckPair(db, { config, title, deadline, afterDeadline, ownerId }, { now });
}
