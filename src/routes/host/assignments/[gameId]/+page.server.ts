import { error, fail } from '@sveltejs/kit';
import QRCode from 'qrcode';
import { env } from '$env/dynamic/private';
import { AccountError } from '$lib/server/accounts/accounts';
import {
	AssignmentError,
	assignmentById,
	assignmentInfo,
	assignmentUrl,
	parseDeadline
} from '$lib/server/assignments/assignments';
import { changeDeadline, removeStudent, resetAttempt } from '$lib/server/assignments/manage';
import { getDb } from '$lib/server/db';
import { hostResults } from '$lib/server/results/http';
import type { Actions, PageServerLoad } from './$types';

/** The teacher's view of an assignment: its link and QR code, and its results so far. */
export const load: PageServerLoad = async ({ params, locals, url }) => {
	const db = getDb();
	const results = hostResults(db, params.gameId, locals.teacher);
	let game;
	try {
		game = assignmentById(db, params.gameId);
	} catch (e) {
		if (e instanceof AssignmentError) error(e.status, e.message);
		throw e;
	}
	const info = assignmentInfo(game);
	const link = assignmentUrl(env.ORIGIN, url, info.code);
	const qr = await QRCode.toDataURL(link, { margin: 1, width: 320, errorCorrectionLevel: 'M' });
	const pair = game.pairedGameId ? { role: game.checkRole, otherId: game.pairedGameId } : null;
	return { info, link, qr, results, pair };
};

/** Runs a management step; a refusal becomes a form failure (404s stay error pages). */
function manage<T>(step: 'deadline' | 'student', run: () => T) {
	try {
		return { done: run() };
	} catch (e) {
		if (e instanceof AccountError) error(e.status, e.message);
		if (e instanceof AssignmentError) {
			if (e.status === 404 && step === 'deadline') error(404, e.message);
			return fail(e.status, { [step]: e.message });
		}
		throw e;
	}
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
	reset: async ({ params, locals, request }) => {
		const form = await request.formData();
		return manage('student', () => {
			const { nickname } = resetAttempt(
				getDb(),
				params.gameId,
				locals.teacher?.id,
				String(form.get('playerId') ?? '')
			);
			return `${nickname ?? 'The student'} can start again from the first question.`;
		});
	},
	/** Removes a student from the assignment and its results. */
	remove: async ({ params, locals, request }) => {
		const form = await request.formData();
		return manage('student', () => {
			const { nickname } = removeStudent(
				getDb(),
				params.gameId,
				locals.teacher?.id,
				String(form.get('playerId') ?? '')
			);
			return `${nickname ?? 'The student'} is removed from this assignment.`;
		});
	}
};
