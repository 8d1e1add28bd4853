/**
 * Seats of the checks before and after teaching. Each check holds both parallel forms; a student
 * takes form A then B or B then A, assigned at random on their first check (balanced: the form
 * fewer students of that check play, a fair coin on a tie) and stored on the seat. The after check
 * (and the optional delayed one) is entered with the seat this browser holds in an earlier check,
 * or with the resume code shown there, never by nickname: the new seat is linked to the student's
 * first seat, plays the other form (the first form again on a delayed check) and shares the code.
 */
import { randomInt } from 'node:crypto';
import { and, count, eq, inArray } from 'drizzle-orm';
import type { CheckForm } from '../../game/parallel';
import type { Db } from '../db/open';
import { games, players } from '../db/schema';
import { insertSoloPlayer } from '../solo/seats';
import { hashToken, newToken } from '../tokens';
import {
	AssignmentError,
	assignmentByCode,
	heldSeat,
	refuseWhenClosed,
	refuseWhenFull
} from './assignments';
import { normaliseResumeCode, resumeSeat } from './resume';

type GameRow = typeof games.$inferSelect;
type PlayerRow = typeof players.$inferSelect;
export type { CheckForm };
export type CheckRole = NonNullable<GameRow['checkRole']>;

/** The checks of the group `game` belongs to (its before check, after check, delayed check). */
export interface CheckGroup {
	before: GameRow;
	after: GameRow | null;
	delayed: GameRow | null;
}

/** The group of a check (404 when `game` is not one, or its before check is gone). */
export function checkGroup(db: Pick<Db, 'select'>, game: GameRow): CheckGroup {
	const byId = (id: string | null) =>
		id ? (db.select().from(games).where(eq(games.id, id)).get() ?? null) : null;
	const before = game.checkRole === 'before' ? game : byId(game.pairedGameId);
	if (!game.checkRole || !before || before.checkRole !== 'before') {
		throw new AssignmentError(404, 'This assignment is not one of a before-and-after pair.');
	}
	const after = byId(before.pairedGameId);
	const delayed =
		db
			.select()
			.from(games)
			.where(and(eq(games.pairedGameId, before.id), eq(games.checkRole, 'delayed')))
			.get() ?? null;
	return { before, after: after?.checkRole === 'after' ? after : null, delayed };
}

/**
 * The group of a check, or null when it has none any more (its first check was deleted: the
 * others stay, unpaired, and take students by nickname like any assignment).
 */
export function checkGroupOf(db: Pick<Db, 'select'>, game: GameRow): CheckGroup | null {
	try {
		return checkGroup(db, game);
	} catch (e) {
		if (e instanceof AssignmentError) return null;
		throw e;
	}
}

/** The games of a group, first check first. */
export function groupGames(group: CheckGroup): GameRow[] {
	return [group.before, group.after, group.delayed].filter((g): g is GameRow => g !== null);
}

/** Questions a seat of `game` plays: one form on a check, else the whole round. */
export function seatQuestionCount(game: Pick<GameRow, 'checkRole' | 'config' | 'questions'>) {
	return game.checkRole ? game.config.count : game.questions.length;
}

/**
 * The form of a student's first seat in a check: the form fewer seats of `gameId` play without a
 * link, a fair coin (`coin`, 0 or 1) on a tie, so half the class takes each form first.
 */
export function balancedForm(
	tx: Pick<Db, 'select'>,
	gameId: string,
	coin: () => number = () => randomInt(2)
): CheckForm {
	const rows = tx
		.select({ form: players.checkForm, n: count() })
		.from(players)
		.where(and(eq(players.gameId, gameId), eq(players.removed, false)))
		.groupBy(players.checkForm)
		.all();
	const n = (form: CheckForm) => rows.find((r) => r.form === form)?.n ?? 0;
	if (n('A') !== n('B')) return n('A') < n('B') ? 'A' : 'B';
	return coin() === 0 ? 'A' : 'B';
}

/** The form a linked seat plays: the other one after teaching, the first again when delayed. */
export function linkedForm(first: CheckForm, role: CheckRole): CheckForm {
	if (role === 'after') return first === 'A' ? 'B' : 'A';
	return first;
}

/** Refuses a nickname any seat of the group holds (a later check is never joined as another). */
export function checkNicknameFree(
	tx: Pick<Db, 'select'>,
	group: CheckGroup,
	key: string,
	nickname: string
): void {
	const taken = tx
		.select({ id: players.id })
		.from(players)
		.where(
			and(
				inArray(
					players.gameId,
					groupGames(group).map((g) => g.id)
				),
				eq(players.nicknameKey, key)
			)
		)
		.get();
	if (taken) {
		throw new AssignmentError(
			409,
			`Someone in these checks is already called “${nickname}”. If it is you, continue with your code from the first check; otherwise pick another nickname.`
		);
	}
}

/** How a student proves they took an earlier check of the group. */
export type CheckLink =
	| { by: 'code'; resumeCode: unknown }
	/** The token this browser holds for a game of the group, if any. */
	| { by: 'seat'; tokenOf: (gameId: string) => string | undefined };

/** The student's seat in an earlier check, found by the seat this browser holds or a code. */
function sourceSeat(db: Db, others: GameRow[], link: CheckLink): PlayerRow {
	if (link.by === 'seat') {
		for (const g of others) {
			const seat = heldSeat(db, g.id, link.tokenOf(g.id));
			if (seat) return seat;
		}
		throw new AssignmentError(
			404,
			'This browser holds no seat in the first check. Type the resume code shown there instead.'
		);
	}
	const code = normaliseResumeCode(link.resumeCode);
	if (!code) {
		throw new AssignmentError(
			400,
			'A resume code has 10 letters and digits, like 7KQ2M-XR4DA. It is on your screen of the first check.'
		);
	}
	const seat = db
		.select()
		.from(players)
		.where(
			and(
				inArray(
					players.gameId,
					others.map((g) => g.id)
				),
				eq(players.resumeCodeHash, hashToken(code))
			)
		)
		.get();
	if (!seat) {
		throw new AssignmentError(
			404,
			'No one in the earlier checks has this resume code. Check it on the screen of your first check.'
		);
	}
	if (seat.removed) throw new AssignmentError(403, 'Your teacher removed you from these checks.');
	return seat;
}

/**
 * Seats a student in a later check (after teaching, or delayed) of the group, linked to their seat
 * in an earlier one (`link`): a browser that already holds a seat here gets it back; a student
 * who has a seat here on another device gets it moved to this one (new token). A new seat takes
 * the student's nickname, the counterbalanced form and the code of the seat it was linked from.
 * Refuses the first check (400), a closed check (410), an unknown seat or code (404), a removed
 * student (403) and a full check (429).
 */
export function linkCheckSeat(
	db: Db,
	code: string,
	link: CheckLink,
	existingToken: string | null | undefined,
	now = Date.now(),
	maxPlayers = Infinity
): { gameId: string; playerId: string; token: string; resumeCode: string | null } {
	const game = assignmentByCode(db, code, now);
	if (game.checkRole !== 'after' && game.checkRole !== 'delayed') {
		throw new AssignmentError(400, 'This is the first check: join it with a nickname.');
	}
	const resumeCode = link.by === 'code' ? normaliseResumeCode(link.resumeCode) : null;
	const held = heldSeat(db, game.id, existingToken);
	if (held && existingToken) {
		return { gameId: game.id, playerId: held.id, token: existingToken, resumeCode };
	}
	refuseWhenClosed(game, now, 'check');
	const group = checkGroupOf(db, game);
	if (!group) {
		throw new AssignmentError(
			404,
			'The first check of this one was deleted, so there is nothing to continue: join with a nickname.'
		);
	}
	const others = groupGames(group).filter((g) => g.id !== game.id);
	// A code of a seat of this very check (one joined by nickname) resumes that seat here.
	if (resumeCode) {
		const own = db
			.select({ id: players.id })
			.from(players)
			.where(and(eq(players.gameId, game.id), eq(players.resumeCodeHash, hashToken(resumeCode))))
			.get();
		if (own) {
			const moved = resumeSeat(db, game.id, resumeCode);
			return { gameId: game.id, playerId: moved.playerId, token: moved.token, resumeCode };
		}
	}
	const source = sourceSeat(db, others, link);
	const studentId = source.checkStudentId ?? source.id;
	const first = db.select().from(players).where(eq(players.id, studentId)).get() ?? source;
	const token = newToken();
	return db.transaction((tx) => {
		const here = tx
			.select()
			.from(players)
			.where(and(eq(players.gameId, game.id), eq(players.checkStudentId, studentId)))
			.get();
		if (here) {
			if (here.removed) {
				throw new AssignmentError(403, 'Your teacher removed you from this check.');
			}
			tx.update(players)
				.set({ tokenHash: hashToken(token) })
				.where(eq(players.id, here.id))
				.run();
			return { gameId: game.id, playerId: here.id, token, resumeCode };
		}
		refuseWhenFull(tx, game.id, maxPlayers, 'check');
		const playerId = insertSoloPlayer(tx, {
			gameId: game.id,
			nickname: first.nickname,
			token,
			questionCount: seatQuestionCount(game),
			secondsPerQuestion: null,
			now,
			checkForm: linkedForm(first.checkForm ?? 'A', game.checkRole as CheckRole),
			checkStudentId: studentId,
			resumeCodeHash: resumeCode ? hashToken(resumeCode) : source.resumeCodeHash
		});
		return { gameId: game.id, playerId, token, resumeCode };
	});
}

/**
 * The nickname of the seat this browser holds in another check of the group of `game` (so a
 * later check offers "continue as …"), or null when it holds none or `game` is no later check.
 */
export function heldCheckSeat(
	db: Db,
	game: GameRow,
	tokenOf: (gameId: string) => string | undefined
): { nickname: string } | null {
	if (game.checkRole !== 'after' && game.checkRole !== 'delayed') return null;
	const group = checkGroupOf(db, game);
	if (!group) return null;
	for (const g of groupGames(group)) {
		if (g.id === game.id) continue;
		const seat = heldSeat(db, g.id, tokenOf(g.id));
		if (seat) return { nickname: seat.nickname ?? '' };
	}
	return null;
}
