import type { Cookies } from '@sveltejs/kit';
import { assignmentCookieName } from '$lib/server/assignments/assignments';

const DAY = 24 * 60 * 60;

/**
 * Stores a student's seat in one assignment: httpOnly, SameSite=Lax, kept until a month after
 * the deadline so the student can come back to finish it and later see their results.
 */
export function setAssignmentCookie(
	cookies: Cookies,
	url: URL,
	gameId: string,
	token: string,
	deadline: number
) {
	const untilDeadline = Math.max(0, Math.ceil((deadline - Date.now()) / 1000));
	cookies.set(assignmentCookieName(gameId), token, {
		path: '/',
		httpOnly: true,
		sameSite: 'lax',
		// Classrooms reach the server over plain HTTP on the local network.
		secure: url.protocol === 'https:',
		maxAge: untilDeadline + 30 * DAY
	});
}

/** This browser's token for the assignment, if it joined it. */
export function assignmentToken(cookies: Cookies, gameId: string): string | undefined {
	return cookies.get(assignmentCookieName(gameId));
}

function resumeCookieName(gameId: string): string {
	return `slant_resume_${gameId}`;
}

/** Keeps the student's resume code in this browser (to show it), as long as the seat cookie. */
export function setResumeCookie(
	cookies: Cookies,
	url: URL,
	gameId: string,
	code: string,
	deadline: number
) {
	const untilDeadline = Math.max(0, Math.ceil((deadline - Date.now()) / 1000));
	cookies.set(resumeCookieName(gameId), code, {
		path: '/',
		httpOnly: true,
		sameSite: 'lax',
		secure: url.protocol === 'https:',
		maxAge: untilDeadline + 30 * DAY
	});
}

/** The resume code this browser remembers for the assignment, if any. */
export function rememberedResumeCode(cookies: Cookies, gameId: string): string | undefined {
	return cookies.get(resumeCookieName(gameId));
}
