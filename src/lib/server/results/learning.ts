/**
 * The report of a before/after pair of checks: each student's and the class's change in accuracy
 * and discernment, with the number of items behind every figure. Students are matched by
 * nickname (case and spacing aside), as they join assignments without accounts.
 */
import { and, eq } from 'drizzle-orm';
import { judgementsOf } from '../../game/discernment';
import { calibration, calibrationReading, type Calibration } from '../../game/stats/calibration';
import {
	classLearningChange,
	learningChange,
	type CheckAttempt,
	type LearningChange
} from '../../game/stats/learning';
import type { Question, Response } from '../../game/types';
import type { Db } from '../db/open';
import { answers, games, players } from '../db/schema';
import { ResultsError, reportStatus } from './results';

export interface CheckInfo {
	id: string;
	title: string | null;
	code: string | null;
	statusLabel: string;
	/** Open until this moment (ms since epoch), shown in the reader's time zone; null otherwise. */
	openUntil: number | null;
	questionCount: number;
	/** Students who answered at least one question. */
	students: number;
	calibration: (Calibration & { reading: string }) | null;
}

export interface StudentChange extends LearningChange {
	nickname: string;
}

export interface LearningReport {
	before: CheckInfo;
	after: CheckInfo;
	/** Everyone who took either check, by nickname. */
	students: StudentChange[];
	/** Pooled over the students who took both. */
	class: LearningChange & { students: number };
}

interface Taken {
	info: CheckInfo;
	/** By case-folded nickname. */
	attempts: Map<string, { nickname: string; attempt: CheckAttempt }>;
}

function loadCheck(db: Db, game: typeof games.$inferSelect, now: number): Taken {
	const questions = game.questions as Question[];
	const seats = db
		.select()
		.from(players)
		.where(and(eq(players.gameId, game.id), eq(players.removed, false)))
		.all();
	const rows = db.select().from(answers).where(eq(answers.gameId, game.id)).all();
	const attempts = new Map<string, { nickname: string; attempt: CheckAttempt }>();
	const rated: { confidence: 'sure' | 'unsure'; correct: boolean }[] = [];
	for (const seat of seats) {
		const own = rows
			.filter((r) => r.playerId === seat.id && questions[r.questionIndex] !== undefined)
			.map((r) => ({
				question: questions[r.questionIndex],
				response: (r.response as Response | null) ?? null,
				correct: r.correct,
				confidence: r.confidence
			}));
		if (own.length === 0) continue;
		for (const a of own) {
			if (a.confidence) rated.push({ confidence: a.confidence, correct: a.correct });
		}
		const nickname = seat.nickname ?? '';
		attempts.set(seat.nicknameKey ?? nickname.toLowerCase(), {
			nickname,
			attempt: {
				reached: own.length,
				correct: own.filter((a) => a.correct).length,
				judgements: judgementsOf(own)
			}
		});
	}
	const c = rated.length > 0 ? calibration(rated) : null;
	return {
		info: {
			id: game.id,
			title: game.title,
			code: game.joinCode,
			statusLabel: reportStatus(game, now).label,
			openUntil:
				reportStatus(game, now).status === 'open' ? (game.deadline?.getTime() ?? null) : null,
			questionCount: questions.length,
			students: attempts.size,
			calibration: c ? { ...c, reading: calibrationReading(c) } : null
		},
		attempts
	};
}

/** The before/after report of the pair `gameId` belongs to (404 when it is not one of a pair). */
export function loadLearningReport(db: Db, gameId: string, now = Date.now()): LearningReport {
	const game = db.select().from(games).where(eq(games.id, gameId)).get();
	const paired = game?.pairedGameId
		? db.select().from(games).where(eq(games.id, game.pairedGameId)).get()
		: undefined;
	if (!game || !paired || !game.checkRole) {
		throw new ResultsError(404, 'This assignment is not one of a before-and-after pair.');
	}
	const [beforeGame, afterGame] = game.checkRole === 'before' ? [game, paired] : [paired, game];
	const before = loadCheck(db, beforeGame, now);
	const after = loadCheck(db, afterGame, now);
	const keys = [...new Set([...before.attempts.keys(), ...after.attempts.keys()])];
	const pairs = keys.map((key) => ({
		nickname: (before.attempts.get(key) ?? after.attempts.get(key))!.nickname,
		before: before.attempts.get(key)?.attempt ?? null,
		after: after.attempts.get(key)?.attempt ?? null
	}));
	const collator = new Intl.Collator();
	return {
		before: before.info,
		after: after.info,
		students: pairs
			.map((p) => ({ nickname: p.nickname, ...learningChange(p.before, p.after) }))
			.sort((a, b) => collator.compare(a.nickname, b.nickname)),
		class: classLearningChange(pairs)
	};
}
