/**
 * The report of a group of checks before and after teaching (and a delayed check, when there is
 * one): each student's change and the class's, computed by the game core's statistics
 * (stats/learning.ts). A student's checks are linked by their seat (the seat or resume code they
 * entered the later checks with: players.checkStudentId), never by nickname.
 */
import { and, eq } from 'drizzle-orm';
import { judgementsOf } from '../../game/discernment';
import {
	classChange,
	learningChange,
	type CheckAnswer,
	type CheckAttempt,
	type ClassChange,
	type LearningChange
} from '../../game/stats/learning';
import type { CheckForm } from '../../game/parallel';
import type { Question } from '../../game/types';
import { checkGroupOf, type CheckGroup } from '../assignments/checkSeats';
import type { Db } from '../db/open';
import { answers, games, players } from '../db/schema';
import { ResultsError, reportStatus } from './results';

type GameRow = typeof games.$inferSelect;

export interface CheckInfo {
	id: string;
	role: 'before' | 'after' | 'delayed';
	title: string | null;
	code: string | null;
	statusLabel: string;
	/** Open until this moment (ms since epoch), shown in the reader's time zone; null otherwise. */
	openUntil: number | null;
	/** A delayed check not open yet opens at this moment (ms since epoch); null otherwise. */
	opensAt: number | null;
	/** Questions each student answers (one form). */
	questionCount: number;
	/** Students who answered at least one question. */
	students: number;
}

export interface StudentChange extends LearningChange {
	/** The student's first seat: the same across their checks. */
	key: string;
	nickname: string;
	/** The forms taken, in order ("A then B"); null for a check not taken. */
	forms: (CheckForm | null)[];
	/** Before to delayed, when there is a delayed check. */
	delayed: LearningChange | null;
}

export interface LearningReport {
	before: CheckInfo;
	after: CheckInfo | null;
	delayed: CheckInfo | null;
	/** Everyone who took any check, by nickname. */
	students: StudentChange[];
	/** Before to after, over the students who took both. */
	class: ClassChange;
	/** Before to delayed, over the students who took both; null without a delayed check. */
	delayedClass: ClassChange | null;
	/** Students whose first check was form A, and form B. */
	firstForms: { A: number; B: number };
	/** The teacher let students see their results (ms since epoch); null until then. */
	releasedAt: number | null;
}

interface Taken {
	key: string;
	nickname: string;
	form: CheckForm | null;
	answers: CheckAnswer[];
}

/** Each student's answers to one check, by their first seat's id. */
function loadCheck(db: Db, game: GameRow): Map<string, Taken> {
	const questions = game.questions as Question[];
	const seats = db
		.select()
		.from(players)
		.where(and(eq(players.gameId, game.id), eq(players.removed, false)))
		.all();
	const bySeat = new Map<string, CheckAnswer[]>();
	for (const r of db.select().from(answers).where(eq(answers.gameId, game.id)).all()) {
		if (questions[r.questionIndex] === undefined) continue;
		let own = bySeat.get(r.playerId);
		if (!own) bySeat.set(r.playerId, (own = []));
		own.push({
			question: questions[r.questionIndex],
			response: r.response ?? null,
			correct: r.correct,
			credit: r.credit,
			confidence: r.confidenceLevel ?? null
		});
	}
	const out = new Map<string, Taken>();
	for (const seat of seats) {
		const own = bySeat.get(seat.id);
		if (!own) continue;
		const key = seat.checkStudentId ?? seat.id;
		out.set(key, { key, nickname: seat.nickname ?? '', form: seat.checkForm, answers: own });
	}
	return out;
}

function info(game: GameRow, taken: Map<string, Taken>, now: number): CheckInfo {
	const status = reportStatus(game, now);
	const notYet = game.opensAt !== null && game.opensAt.getTime() > now;
	return {
		id: game.id,
		role: game.checkRole ?? 'before',
		title: game.title,
		code: game.joinCode,
		statusLabel: notYet ? 'Not open yet' : status.label,
		openUntil: status.status === 'open' && !notYet ? (game.deadline?.getTime() ?? null) : null,
		opensAt: notYet ? game.opensAt!.getTime() : null,
		questionCount: game.config.count,
		students: taken.size
	};
}

const attempt = (t: Taken | undefined): CheckAttempt | null =>
	t
		? {
				reached: t.answers.length,
				correct: t.answers.filter((a) => a.correct).length,
				judgements: judgementsOf(t.answers)
			}
		: null;

/** The report of a group of checks, from its games (see checkGroup). */
export function learningReportOf(db: Db, group: CheckGroup, now = Date.now()): LearningReport {
	const before = loadCheck(db, group.before);
	const after = group.after ? loadCheck(db, group.after) : new Map<string, Taken>();
	const delayed = group.delayed ? loadCheck(db, group.delayed) : new Map<string, Taken>();
	const keys = [...new Set([...before.keys(), ...after.keys(), ...delayed.keys()])];
	const collator = new Intl.Collator();
	const students = keys
		.map((key): StudentChange => {
			const [b, a, d] = [before.get(key), after.get(key), delayed.get(key)];
			return {
				key,
				nickname: (b ?? a ?? d)!.nickname,
				forms: [b?.form ?? null, a?.form ?? null, ...(group.delayed ? [d?.form ?? null] : [])],
				...learningChange(attempt(b), attempt(a)),
				delayed: group.delayed ? learningChange(attempt(b), attempt(d)) : null
			};
		})
		.sort((x, y) => collator.compare(x.nickname, y.nickname));
	const pairs = (second: Map<string, Taken>) =>
		keys.map((key) => ({
			first: before.get(key)?.answers ?? null,
			second: second.get(key)?.answers ?? null
		}));
	const firstForms = { A: 0, B: 0 };
	for (const t of before.values()) if (t.form) firstForms[t.form]++;
	return {
		before: info(group.before, before, now),
		after: group.after ? info(group.after, after, now) : null,
		delayed: group.delayed ? info(group.delayed, delayed, now) : null,
		students,
		class: classChange(pairs(after)),
		delayedClass: group.delayed ? classChange(pairs(delayed)) : null,
		firstForms,
		releasedAt: group.before.resultsReleasedAt?.getTime() ?? null
	};
}

const NOT_A_PAIR = 'This assignment is not one of a before-and-after pair.';

/** The group of checks `gameId` belongs to (404 when it is not a check, or its group is gone). */
export function learningGroup(db: Db, gameId: string): CheckGroup {
	const game = db.select().from(games).where(eq(games.id, gameId)).get();
	const group = game?.checkRole ? checkGroupOf(db, game) : null;
	if (!group) throw new ResultsError(404, NOT_A_PAIR);
	return group;
}

/** The report of the group `gameId` belongs to (404 when it is not a check). */
export function loadLearningReport(db: Db, gameId: string, now = Date.now()): LearningReport {
	return learningReportOf(db, learningGroup(db, gameId), now);
}
