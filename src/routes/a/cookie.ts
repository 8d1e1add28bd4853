import type { Cookies } from '@sveltejs/kit';
import { assignmentCookieName } from '$lib/server/assignments/assignments';
import { setSeatCookie } from '$lib/server/http/seatCookie';

const DAY = 24 * 60 * 60;

/** Seconds until a month after the deadline. */
function keptFor(deadline: number): number {
	return Math.max(0, Math.ceil((deadline - Date.now()) / 1000)) + 30 * DAY;
}

/**
 * A cookie this browser keeps for one assignment (named by `nameOf` its game id): httpOnly,
 * SameSite=Lax, kept until a month after the deadline so the student can come back to finish it
 * and later see their results.
 */
function assignmentCookie(nameOf: (gameId: string) => string) {
	return {
		set(cookies: Cookies, url: URL, gameId: string, value: string, deadline: number): void {
			setSeatCookie(cookies, url, nameOf(gameId), value, keptFor(deadline));
		},
		get(cookies: Cookies, gameId: string): string | undefined {
			return cookies.get(nameOf(gameId));
		}
	};
}

/** A student's seat token in one assignment. */
const seat = assignmentCookie(assignmentCookieName);
/** The student's resume code, to show it, as long as the seat cookie. */
const resume = assignmentCookie((gameId) => `slant_resume_${gameId}`);

/** Stores a student's seat in one assignment (`value` its token). */
export const setAssignmentCookie = seat.set;

/** This browser's token for the assignment, if it joined it. */
export const assignmentToken = seat.get;

/** Keeps the student's resume code in this browser (`value` the code). */
export const setResumeCookie = resume.set;

/** The resume code this browser remembers for the assignment, if any. */
export const rememberedResumeCode = resume.get;
