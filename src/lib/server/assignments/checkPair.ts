/**
 * A measure of learning: two assignments set together as a check before teaching and a check
 * after it, from two parallel forms of fixed items (matched item for item on kind, technique and
 * calibrated difficulty, sharing no excerpt: game/parallel.ts, content/checkForms.ts); each form
 * becomes an assignment, and the two are linked both ways.
 */
import { eq } from 'drizzle-orm';
import { FORM_PLAN, type FormSlot } from '../../game/parallel';
import type { Question, RoundConfig } from '../../game/types';
import { buildFormsOffThread } from '../content/roundBuilder';
import { settleRound } from '../content/rounds';
import type { Db } from '../db/open';
import { games } from '../db/schema';
import {
	AssignmentError,
	TITLE_MAX,
	checkTitle,
	createAssignment,
	parseDeadline
} from './assignments';

type Created = { gameId: string; joinCode: string };

const SLOT_WORDS: Record<FormSlot, string> = {
	loaded: `${FORM_PLAN.loaded} loaded passages`,
	straight: `${FORM_PLAN.straight} straight passages`,
	name: `${FORM_PLAN.name} name-the-technique items`,
	find: `${FORM_PLAN.find} find-the-phrase items`
};

/**
 * Creates the before and after checks from two parallel forms (FORM_PLAN: 16 loaded-or-straight
 * items, half straight, 4 name and 4 find items each; `config.count` does not apply), built off
 * the event loop where the server can from the settled sources (imported corpora only when the
 * teacher chose them). `forms` replaces the builder (tests). Refuses when the content cannot fill
 * two forms, saying what it is short of.
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
	options: { forms?: [Question[], Question[]]; now?: number } = {}
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
	// A check measures: untimed, scored on accuracy alone.
	const config: RoundConfig = {
		...settleRound(db, input.config, 'class', input.ownerId),
		secondsPerQuestion: null,
		scoring: 'accuracy',
		streaks: false
	};
	let forms = options.forms;
	if (!forms) {
		const built = await buildFormsOffThread(db, config);
		if (!built.ok) {
			throw new AssignmentError(
				400,
				`This content cannot make two parallel checks that share no excerpt: each needs ${built.short
					.map((slot) => SLOT_WORDS[slot])
					.join(' and ')}. Choose more content (all content, or more families or sources).`
			);
		}
		forms = built.forms;
	}
	const [first, second] = forms;
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
