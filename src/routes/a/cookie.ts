import type { Cookies } from '@sveltejs/kit';
import { assignmentCookieName } from '$lib/server/assignments/assignments';
import { setSeatCookie } from '$lib/server/http/seatCookie';

const DAY = 24 * 60 * 60;

/** Seconds until a month after the deadline. */
function keptFor(deadline: number): number {
	return Math.max(0, Math.ceil((deadline - Date.now()) / 1000)) + 30 * DAY;
}

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
	setSeatCookie(cookies, url, assignmentCookieName(gameId), token, keptFor(deadline));
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
	setSeatCookie(cookies, url, resumeCookieName(gameId), code, keptFor(deadline));
}

/** The resume code this browser remembers for the assignment, if any. */
export function rememberedResumeCode(cookies: Cookies, gameId: string): string | undefined {
	return cookies.get(resumeCookieName(gameId));
}
