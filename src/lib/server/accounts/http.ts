/**
 * The session cookie and the route helpers around the signed-in teacher (`locals.teacher`, set
 * in hooks.server.ts).
 */
import { redirect, type Cookies, type RequestEvent } from '@sveltejs/kit';
import { env } from '$env/dynamic/private';
import type { Db } from '../db/open';
import { apiBody } from '../http/bodyCheck';
import { safeRedirect } from '../http/safeRedirect';
import { orErrorPageNow, orFailure, orJson } from '../refusal';
import { AccountError, createSession, sessionCookieSecure, type Teacher } from './accounts';
import { HOST_COOKIE_PREFIX, claimHostedGames } from './ownership';

export const SESSION_COOKIE = 'slant_session';

/** Secure when the public origin (or this request) is https; SameSite=Lax; httpOnly. */
export function setSessionCookie(cookies: Cookies, url: URL, token: string, expiresAt: Date) {
	cookies.set(SESSION_COOKIE, token, {
		path: '/',
		httpOnly: true,
		sameSite: 'lax',
		secure: sessionCookieSecure(env.ORIGIN, url),
		expires: expiresAt
	});
}

export function clearSessionCookie(cookies: Cookies) {
	cookies.delete(SESSION_COOKIE, { path: '/' });
}

/** The signed-in teacher for a page, or a redirect to the sign-in page that comes back here. */
export function requireTeacherPage(event: Pick<RequestEvent, 'locals' | 'url'>): Teacher {
	const teacher = event.locals.teacher;
	if (!teacher) {
		const next = event.url.pathname + event.url.search;
		redirect(303, `/teacher/sign-in?next=${encodeURIComponent(next)}`);
	}
	return teacher;
}

/** The signed-in teacher for a JSON endpoint, or a 401 AccountError. */
export function requireTeacherApi(locals: App.Locals): Teacher {
	if (!locals.teacher) {
		throw new AccountError(401, 'not_signed_in', 'Sign in as a teacher first.');
	}
	return locals.teacher;
}

/** Runs `fn`, turning a refusal into `{ code, message }` JSON with its status (see orJson). */
export const withAccountErrors = orJson;

/** Runs `fn` for a page load, turning a refusal into an error page with its status. */
export const pageErrors = orErrorPageNow;

/**
 * Signs this browser in as `teacher`: a new session and its cookie, and any games this browser
 * hosted before accounts existed claimed into the account. Returns how many were claimed.
 */
export function startSession(
	db: Db,
	event: Pick<RequestEvent, 'cookies' | 'url' | 'locals'>,
	teacher: Teacher
): number {
	const { token, expiresAt } = createSession(db, teacher.id);
	setSessionCookie(event.cookies, event.url, token, expiresAt);
	event.locals.teacher = teacher;
	const claimed = claimHostedGames(db, teacher.id, event.cookies.getAll());
	for (const id of claimed) event.cookies.delete(`${HOST_COOKIE_PREFIX}${id}`, { path: '/' });
	return claimed.length;
}

/**
 * Load of the sign-in and sign-up pages: a teacher already signed in goes straight on to `?next`;
 * otherwise the (safe) `next` for the form. Either way `next` passes `safeRedirect`.
 */
export function nextUnlessSignedIn({ locals, url }: Pick<RequestEvent, 'locals' | 'url'>): string {
	const next = safeRedirect(url.searchParams.get('next'), url.origin);
	if (locals.teacher) redirect(303, next);
	return next;
}

/**
 * The sign-in and sign-up form actions: `authenticate` finds or creates the teacher from the
 * posted form (and its e-mail field); their session starts and they go on to the form's `next`.
 * A refusal (AccountError) comes back to the form with its message and the e-mail address kept.
 */
export async function accountFormAction(
	db: Db,
	event: Pick<RequestEvent, 'request' | 'cookies' | 'url' | 'locals' | 'setHeaders'>,
	authenticate: (form: FormData, email: string) => Promise<Teacher>
) {
	const form = await event.request.formData();
	const email = String(form.get('email') ?? '');
	const failed = await orFailure(
		async () => void startSession(db, event, await authenticate(form, email)),
		({ message, retryAfter }) => {
			if (retryAfter !== undefined) event.setHeaders({ 'retry-after': String(retryAfter) });
			return { message, email };
		}
	);
	if (failed) return failed;
	redirect(303, safeRedirect(String(form.get('next') ?? ''), event.url.origin));
}

/** The client address for the sign-in rate limit (adapter-node honours ADDRESS_HEADER). */
export function clientOf(event: Pick<RequestEvent, 'getClientAddress'>): string | undefined {
	try {
		return event.getClientAddress();
	} catch {
		return undefined;
	}
}

/** A JSON object body (as the request guard read it, see `apiBody`); anything else is a 400. */
export function readBody(event: Pick<RequestEvent, 'locals'>): Record<string, unknown> {
	const body = apiBody(event)?.value;
	if (!body || typeof body !== 'object' || Array.isArray(body)) {
		throw new AccountError(400, 'bad_request', 'The request body must be a JSON object.');
	}
	return body as Record<string, unknown>;
}
