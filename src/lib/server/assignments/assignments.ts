/**
 * Assignments: a teacher freezes one round with a deadline; every student who opens its link
 * plays that same round solo, at their own pace, through the solo service (one solo machine per
 * player, persisted in players.snapshot; answers in the answers table). After the deadline the
 * assignment takes neither new players nor answers.
 */
import { and, count, desc, eq } from 'drizzle-orm';
import { checkNickname } from '../../game/nickname';
import type { Question, RoundConfig } from '../../game/types';
import type { Db } from '../db/open';
import { checkQuestions, makeRound, makeRoundNow } from '../content/rounds';
import { games, players } from '../db/schema';
import { MACHINE_VERSION } from '../../game/solo.machine';
import { assignmentClosed } from '../../game/answering';
import { insertSoloPlayer } from '../solo/soloGame';
import { allocateJoinCode } from '../joinCodes';
import { hashToken, newId, newSeed, newToken } from '../tokens';
import { Refusal } from '../refusal';
import {
	balancedForm,
	checkGroupOf,
	checkNicknameFree,
	seatQuestionCount,
	type CheckForm
} from './checkSeats';

export const TITLE_MAX = 100;
/** The furthest a deadline may be set ahead. */
export const MAX_DEADLINE_DAYS = 366;

/** A refusal a person can act on, with the HTTP status the route should answer with. */
export class AssignmentError extends Refusal {
	declare readonly status: 400 | 403 | 404 | 409 | 410 | 429;
	constructor(status: 400 | 403 | 404 | 409 | 410 | 429, message: string) {
		super(status, message);
	}
}

type GameRow = typeof games.$inferSelect;
type PlayerRow = typeof players.$inferSelect;

/** What a student's page shows about an assignment (no questions, no key). */
export interface AssignmentInfo {
	id: string;
	code: string;
	title: string;
	/** ms since epoch. */
	deadline: number;
	closed: boolean;
	questionCount: number;
	secondsPerQuestion: number | null;
	scoring: RoundConfig['scoring'];
	/** A check before or after teaching (or a delayed one); null for other assignments. */
	check: {
		role: 'before' | 'after' | 'delayed';
		/** A delayed check takes answers from this moment (ms since epoch); null otherwise. */
		opensAt: number | null;
	} | null;
}

/** Name of the httpOnly cookie that holds a student's seat in one assignment. */
export function assignmentCookieName(gameId: string): string {
	return `slant_assignment_${gameId}`;
}

/** Checks a title: trimmed, 1 to 100 characters, one line. */
export function checkTitle(raw: unknown): string {
	const title = typeof raw === 'string' ? raw.normalize('NFC').replace(/\s+/gu, ' ').trim() : '';
	if (title === '') throw new AssignmentError(400, 'Give the assignment a title.');
	if (Array.from(title).length > TITLE_MAX) {
		throw new AssignmentError(400, `The title can be at most ${TITLE_MAX} characters long.`);
	}
	return title;
}

const LOCAL_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2}))?$/;

/**
 * Reads a deadline typed in a `datetime-local` field ("2025-06-01T17:00"). `offsetMinutes` is
 * the browser's `Date#getTimezoneOffset()` (sent by the form), so the time means what the teacher
 * saw; without it the server's own time zone is used. Refuses a deadline that is not in the
 * future or is more than a year ahead.
 */
export function parseDeadline(raw: unknown, offsetMinutes: unknown, now: number): Date {
	const text = typeof raw === 'string' ? raw.trim() : '';
	if (text === '') throw new AssignmentError(400, 'Choose a deadline: a date and a time.');
	const m = LOCAL_DATE_TIME.exec(text);
	if (!m) {
		throw new AssignmentError(
			400,
			`“${text.slice(0, 40)}” is not a date and time. Use the date picker, or write 2025-06-01T17:00.`
		);
	}
	const [year, month, day, hour, minute, second] = m.slice(1).map((p) => Number(p ?? 0));
	const offsetText = typeof offsetMinutes === 'string' ? offsetMinutes.trim() : '';
	const offset = offsetText === '' ? NaN : Number(offsetText);
	let date: Date;
	if (Number.isInteger(offset) && Math.abs(offset) <= 14 * 60) {
		date = new Date(Date.UTC(year, month - 1, day, hour, minute, second) + offset * 60_000);
	} else {
		date = new Date(year, month - 1, day, hour, minute, second);
	}
	const check = new Date(Date.UTC(year, month - 1, day));
	if (
		Number.isNaN(date.getTime()) ||
		check.getUTCMonth() !== month - 1 ||
		check.getUTCDate() !== day ||
		hour > 23 ||
		minute > 59 ||
		second > 59
	) {
		throw new AssignmentError(400, `“${text}” is not a real date and time.`);
	}
	if (date.getTime() <= now) {
		throw new AssignmentError(
			400,
			'The deadline must be in the future: choose a later date or time.'
		);
	}
	if (date.getTime() > now + MAX_DEADLINE_DAYS * 24 * 3600_000) {
		throw new AssignmentError(400, 'The deadline must be within a year from now.');
	}
	return date;
}

/**
 * Creates an assignment: freezes one round on the game row, with a 6-digit code unused by any open
 * game. `questions` as made by content/rounds.ts (or by a test); without them the round is made
 * here, on this thread.
 */
export function createAssignment(
	db: Db,
	input: { config: RoundConfig; title: string; deadline: Date; ownerId: string },
	options: {
		questions?: Question[];
		seed?: string;
		now?: number;
		/** Questions each seat plays, when not all of them (a check: one form of two). */
		seatCount?: number;
	} = {}
): { gameId: string; joinCode: string } {
	const now = options.now ?? Date.now();
	const title = checkTitle(input.title);
	if (input.deadline.getTime() <= now) {
		throw new AssignmentError(400, 'The deadline must be in the future.');
	}
	let seed = options.seed ?? newSeed();
	let questions: Question[];
	let roundConfig = input.config;
	if (options.questions) questions = checkQuestions(options.questions);
	else
		({
			config: roundConfig,
			questions,
			seed
		} = makeRoundNow(db, roundConfig, { audience: 'class', seed, teacherId: input.ownerId }));
	const gameId = newId();
	const config: RoundConfig = { ...roundConfig, count: options.seatCount ?? questions.length };
	const joinCode = db.transaction((tx) => {
		const code = allocateJoinCode(tx);
		tx.insert(games)
			.values({
				id: gameId,
				mode: 'assignment',
				joinCode: code,
				ownerId: input.ownerId,
				title,
				config,
				seed,
				questions,
				machineVersion: MACHINE_VERSION,
				status: 'open',
				deadline: input.deadline,
				createdAt: new Date(now),
				updatedAt: new Date(now)
			})
			.run();
		return code;
	});
	return { gameId, joinCode };
}

/** Marks an assignment past its deadline as ended, so its code can serve another game. */
function closeIfDue(db: Db, game: GameRow, now: number): GameRow {
	if (game.status === 'ended' || !assignmentClosed(game, now)) return game;
	db.update(games)
		.set({ status: 'ended', endedAt: game.deadline, updatedAt: new Date(now) })
		.where(eq(games.id, game.id))
		.run();
	return { ...game, status: 'ended', endedAt: game.deadline };
}

/** The assignment with this id (404 otherwise). */
export function assignmentById(db: Db, gameId: string, now = Date.now()): GameRow {
	const game = db.select().from(games).where(eq(games.id, gameId)).get();
	if (!game || game.mode !== 'assignment') {
		throw new AssignmentError(404, 'There is no assignment with this id.');
	}
	return closeIfDue(db, game, now);
}

/** The newest assignment with this code, open or closed (400 for a malformed code, 404). */
export function assignmentByCode(db: Db, code: string, now = Date.now()): GameRow {
	if (!/^\d{6}$/.test(code)) {
		throw new AssignmentError(400, 'An assignment code is 6 digits.');
	}
	const game = db
		.select()
		.from(games)
		.where(and(eq(games.joinCode, code), eq(games.mode, 'assignment')))
		.orderBy(desc(games.createdAt))
		.get();
	if (!game) throw new AssignmentError(404, `No assignment has the code ${code}.`);
	return closeIfDue(db, game, now);
}

/**
 * Whether `code` belongs to an assignment that still takes students, so that a form for live
 * games can send them to the assignment instead of refusing the code.
 */
export function isOpenAssignmentCode(db: Db, code: string, now = Date.now()): boolean {
	if (!/^\d{6}$/.test(code)) return false;
	try {
		return assignmentByCode(db, code, now).status !== 'ended';
	} catch (e) {
		if (e instanceof AssignmentError) return false;
		throw e;
	}
}

/** What a student's page may show about an assignment. */
export function assignmentInfo(game: GameRow, now = Date.now()): AssignmentInfo {
	const config = game.config;
	return {
		id: game.id,
		code: game.joinCode ?? '',
		title: game.title ?? 'Assignment',
		deadline: game.deadline?.getTime() ?? 0,
		closed: assignmentClosed(game, now),
		questionCount: seatQuestionCount(game),
		secondsPerQuestion: config.secondsPerQuestion,
		scoring: config.scoring,
		check: game.checkRole
			? { role: game.checkRole, opensAt: game.opensAt?.getTime() ?? null }
			: null
	};
}

/** The seat this token holds in this assignment, if any. */
export function seatByToken(
	db: Db,
	gameId: string,
	token: string | null | undefined
): PlayerRow | null {
	if (!token) return null;
	return (
		db
			.select()
			.from(players)
			.where(and(eq(players.gameId, gameId), eq(players.tokenHash, hashToken(token))))
			.get() ?? null
	);
}

/**
 * The seat this token holds in this assignment that the browser gets back (one not removed), if
 * any.
 */
export function heldSeat(
	db: Db,
	gameId: string,
	token: string | null | undefined
): PlayerRow | null {
	const seat = seatByToken(db, gameId, token);
	return seat && !seat.removed ? seat : null;
}

/** What a student takes a seat in, as the refusals name it. */
export type SeatPlace = 'assignment' | 'check';

/** Refuses (410) a new student once `game` is closed (its deadline passed: `assignmentClosed`). */
export function refuseWhenClosed(game: GameRow, now: number, place: SeatPlace): void {
	if (assignmentClosed(game, now)) {
		throw new AssignmentError(
			410,
			`This ${place} is closed: its deadline has passed, so it takes no new players.`
		);
	}
}

/** Refuses (429) a new seat in game `gameId` when `maxPlayers` students (not removed) sit in it. */
export function refuseWhenFull(
	tx: Pick<Db, 'select'>,
	gameId: string,
	maxPlayers: number,
	place: SeatPlace
): void {
	const seated = tx
		.select({ n: count() })
		.from(players)
		.where(and(eq(players.gameId, gameId), eq(players.removed, false)))
		.get();
	if ((seated?.n ?? 0) >= maxPlayers) {
		throw new AssignmentError(
			429,
			`This ${place} is full: it takes at most ${maxPlayers} students.`
		);
	}
}

/**
 * Seats a student. A browser that already holds a seat gets it back, whatever nickname it sends
 * (even after the deadline, to see its results). New students are refused after the deadline
 * (410), with a nickname that breaks the rules (400) or one already taken here (409), and when
 * `maxPlayers` students are already seated (429).
 */
export function joinAssignment(
	db: Db,
	code: string,
	rawNickname: unknown,
	existingToken: string | null | undefined,
	now = Date.now(),
	maxPlayers = Infinity
): { gameId: string; playerId: string; token: string; rejoined: boolean } {
	const game = assignmentByCode(db, code, now);
	const seat = heldSeat(db, game.id, existingToken);
	if (seat && existingToken) {
		return { gameId: game.id, playerId: seat.id, token: existingToken, rejoined: true };
	}
	refuseWhenClosed(game, now, 'assignment');
	const check = checkNickname(rawNickname);
	if (!check.ok) throw new AssignmentError(400, check.message);
	const token = newToken();
	const config = game.config;
	// Checks: one nickname across the group (a later check is entered by seat or code instead).
	const group = game.checkRole ? checkGroupOf(db, game) : null;
	const playerId = db.transaction((tx) => {
		refuseWhenFull(tx, game.id, maxPlayers, 'assignment');
		const taken = tx
			.select({ id: players.id })
			.from(players)
			.where(and(eq(players.gameId, game.id), eq(players.nicknameKey, check.key)))
			.get();
		if (taken) {
			throw new AssignmentError(
				409,
				`Someone in this assignment is already called “${check.nickname}”. Please pick another nickname.`
			);
		}
		if (group) checkNicknameFree(tx, group, check.key, check.nickname);
		const checkForm: CheckForm | null = game.checkRole ? balancedForm(tx, game.id) : null;
		return insertSoloPlayer(tx, {
			gameId: game.id,
			nickname: check.nickname,
			token,
			questionCount: seatQuestionCount(game),
			secondsPerQuestion: config.secondsPerQuestion,
			now,
			checkForm
		});
	});
	return { gameId: game.id, playerId, token, rejoined: false };
}

/** What the /host form sends for an assignment or a check pair, with its checked round settings. */
export interface AssignmentFormInput {
	form: FormData;
	config: RoundConfig;
	ownerId: string;
	now?: number;
}

/**
 * The title and the deadline the /host form sends: `deadline` as typed in a datetime-local field,
 * `tzOffset` the browser's time-zone offset (see parseDeadline).
 */
export function formTitleAndDeadline(
	form: FormData,
	now: number
): { title: string; deadline: Date } {
	const title = checkTitle(form.get('title'));
	return { title, deadline: parseDeadline(form.get('deadline'), form.get('tzOffset'), now) };
}

/**
 * Creates an assignment from the /host form: its title, its deadline (formTitleAndDeadline) and
 * a checked round config, the round made off the event loop (content/rounds.ts).
 */
export async function createAssignmentFromForm(
	db: Db,
	{ form, config, ownerId, now = Date.now() }: AssignmentFormInput
): Promise<{ gameId: string; joinCode: string }> {
	const { title, deadline } = formTitleAndDeadline(form, now);
	const round = await makeRound(db, config, { audience: 'class', teacherId: ownerId });
	return createAssignment(
		db,
		{ config: round.config, title, deadline, ownerId },
		{ now, questions: round.questions, seed: round.seed }
	);
}

/** The link students open (and the QR code holds): ORIGIN if set, else this request's origin. */
export function assignmentUrl(origin: string | undefined, url: URL, code: string): string {
	const base = origin && origin.trim() !== '' ? origin.trim().replace(/\/+$/, '') : url.origin;
	return `${base}/a/${code}`;
}
