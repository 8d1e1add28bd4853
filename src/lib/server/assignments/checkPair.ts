/**
 * A measure of learning: two assignments set together as a check before teaching and a check
 * after it (and, when the teacher adds one, a delayed check), from two parallel forms of fixed
 * items (matched item for item on kind, technique and calibrated difficulty, sharing no excerpt:
 * game/parallel.ts, content/checkForms.ts). Every check holds both forms; each student plays
 * form A then B or B then A, counterbalanced (checkSeats.ts). The before check links to the after
 * check, the after and delayed checks to the before check.
 */
import { eq } from 'drizzle-orm';
import { FORM_PLAN, type FormSlot } from '../../game/parallel';
import type { Question, RoundConfig } from '../../game/types';
import { buildFormsOffThread } from '../content/roundBuilder';
import { settleRound } from '../content/rounds';
import type { Db } from '../db/open';
import { ownedGame } from '../accounts/ownership';
import { games } from '../db/schema';
import { checkGroup, groupGames } from './checkSeats';
import {
	AssignmentError,
	TITLE_MAX,
	checkTitle,
	createAssignment,
	formTitleAndDeadline,
	parseDeadline,
	type AssignmentFormInput
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
	const [formA, formB] = forms;
	if (formA.length === 0 || formA.length !== formB.length) {
		throw new AssignmentError(400, 'The two forms of a check must be of the same length.');
	}
	const both = { questions: [...formA, ...formB], seatCount: formA.length, now };
	const before = createAssignment(
		db,
		{
			config,
			title: `${base} (before)`,
			deadline: input.deadline,
			ownerId: input.ownerId
		},
		both
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
			both
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

/** The pair from the /host form: `afterDeadline` as typed, like the first check's deadline. */
export async function createCheckPairFromForm(
	db: Db,
	{ form, config, ownerId, now = Date.now() }: AssignmentFormInput
): Promise<{ before: Created; after: Created }> {
	const { title, deadline } = formTitleAndDeadline(form, now);
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

/** A delayed check closes this many days after it opens. */
export const DELAYED_CHECK_DAYS = 7;

/**
 * Adds the delayed check to the group of `gameId` (its owner only): a third assignment with the
 * same two forms, which opens at `opensAt` (the day the teacher picked, no earlier than the close
 * of the check after teaching, within a year) and closes DELAYED_CHECK_DAYS later.
 * Each student plays the form they took first (checkSeats.ts). Refuses a second delayed check
 * (409) and an opening before the check after teaching closes (400).
 */
export function addDelayedCheck(
	db: Db,
	gameId: string,
	teacherId: string | undefined,
	opensAt: Date,
	now = Date.now()
): Created {
	const group = checkGroup(db, ownedGame(db, gameId, teacherId));
	ownedGame(db, group.before.id, teacherId);
	if (group.delayed) {
		throw new AssignmentError(409, 'These checks already have a delayed check.');
	}
	const afterCloses = group.after?.deadline?.getTime() ?? now;
	if (opensAt.getTime() < afterCloses) {
		throw new AssignmentError(
			400,
			'The delayed check must open after the check after teaching closes: choose a later date.'
		);
	}
	const before = group.before;
	const base = (before.title ?? 'Check').replace(/ \(before\)$/u, '');
	const created = createAssignment(
		db,
		{
			config: before.config,
			title: `${Array.from(base)
				.slice(0, TITLE_MAX - ' (delayed)'.length)
				.join('')
				.trimEnd()} (delayed)`,
			deadline: new Date(opensAt.getTime() + DELAYED_CHECK_DAYS * 24 * 3600_000),
			ownerId: before.ownerId ?? teacherId ?? ''
		},
		{ questions: before.questions, seatCount: before.config.count, now }
	);
	db.update(games)
		.set({ pairedGameId: before.id, checkRole: 'delayed', opensAt })
		.where(eq(games.id, created.gameId))
		.run();
	return created;
}

/** The delayed check from the report's form: `opensAt` as typed, `tzOffset` as sent. */
export function addDelayedCheckFromForm(
	db: Db,
	gameId: string,
	teacherId: string | undefined,
	form: FormData,
	now = Date.now()
): Created {
	const opensAt = parseDeadline(form.get('opensAt'), form.get('tzOffset'), now);
	return addDelayedCheck(db, gameId, teacherId, opensAt, now);
}

/**
 * Lets the students of the group of `gameId` see their results of every check (their owner
 * only). Until then a student sees their results after the check after teaching only.
 */
export function releaseCheckResults(
	db: Db,
	gameId: string,
	teacherId: string | undefined,
	now = Date.now()
): void {
	const group = checkGroup(db, ownedGame(db, gameId, teacherId));
	db.transaction((tx) => {
		for (const g of groupGames(group)) {
			tx.update(games)
				.set({ resultsReleasedAt: new Date(now) })
				.where(eq(games.id, g.id))
				.run();
		}
	});
}
