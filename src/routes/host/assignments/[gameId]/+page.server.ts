import { error } from '@sveltejs/kit';
import QRCode from 'qrcode';
import { env } from '$env/dynamic/private';
import {
	assignmentById,
	assignmentInfo,
	assignmentUrl,
	parseDeadline
} from '$lib/server/assignments/assignments';
import { changeDeadline, removeStudent, resetAttempt } from '$lib/server/assignments/manage';
import { getDb } from '$lib/server/db';
import { orErrorPageNow, orFailure } from '$lib/server/refusal';
import { hostResults } from '$lib/server/results/http';
import { needHelpAction } from '$lib/server/results/needHelpAction';
import type { Action, Actions, PageServerLoad } from './$types';

/** The teacher's view of an assignment: its link and QR code, and its results so far. */
export const load: PageServerLoad = async ({ params, locals, url }) => {
	const db = getDb();
	const results = hostResults(db, params.gameId, locals.teacher);
	const game = orErrorPageNow(() => assignmentById(db, params.gameId));
	const info = assignmentInfo(game);
	const link = assignmentUrl(env.ORIGIN, url, info.code);
	const qr = await QRCode.toDataURL(link, { margin: 1, width: 320, errorCorrectionLevel: 'M' });
	const pair = game.pairedGameId ? { role: game.checkRole, otherId: game.pairedGameId } : null;
	return { info, link, qr, results, pair };
};

/**
 * Runs a management step; a refusal becomes a form failure under the step's key, except the
 * account's refusals (a game that is not this teacher's) and a missing assignment, which stay
 * error pages.
 */
function manage<T>(step: 'deadline' | 'student', run: () => T) {
	return orFailure(
		() => ({ done: run() }),
		({ status, message, code }) => {
			if (code !== undefined || (status === 404 && step === 'deadline')) error(status, message);
			return { [step]: message };
		}
	);
}

/** An action on the posted student (`playerId`), replied to with what was done to whom. */
function onStudent(step: typeof resetAttempt, done: (name: string) => string): Action {
	return async ({ params, locals, request }) => {
		const form = await request.formData();
		return manage('student', () => {
			const playerId = String(form.get('playerId') ?? '');
			const { nickname } = step(getDb(), params.gameId, locals.teacher?.id, playerId);
			return done(nickname ?? 'The student');
		});
	};
}

export const actions: Actions = {
	/** A new deadline (`deadline` as a datetime-local field sends it, `tzOffset` in minutes). */
	deadline: async ({ params, locals, request }) => {
		const form = await request.formData();
		return manage('deadline', () => {
			const deadline = parseDeadline(form.get('deadline'), form.get('tzOffset'), Date.now());
			const changed = changeDeadline(getDb(), params.gameId, locals.teacher?.id, deadline);
			return changed.reopened
				? 'The assignment is open again until the new deadline.'
				: 'The deadline is moved.';
		});
	},
	/** Lets one student start again: their answers are deleted. */
	reset: onStudent(resetAttempt, (name) => `${name} can start again from the first question.`),
	/** Removes a student from the assignment and its results. */
	remove: onStudent(removeStudent, (name) => `${name} is removed from this assignment.`),
	/** Sets the need-help threshold (a whole percentage, 1-99) the results judge students by. */
	needHelp: ({ params, locals, request }) => needHelpAction(params.gameId, locals.teacher, request)
};
