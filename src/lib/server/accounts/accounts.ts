/**
 * Teacher accounts: sign-up (open, or by invitation when the operator closes it), sign-in with a
 * rate limit on failures, sessions stored in the database, password change, and invitations.
 * Students never have an account; nothing here is needed to play.
 */
import { randomBytes } from 'node:crypto';
import { and, eq, isNull, lt, ne } from 'drizzle-orm';
import type { Db } from '../db/open';
import { invites, sessions, signInFailures, teachers } from '../db/schema';
import { Refusal } from '../refusal';
import { hashToken, newId, newToken } from '../tokens';
import { decoyHash, hashPassword, verifyPassword } from './password';

/** A refusal with its HTTP status and a stable code for scripts (as the live API has). */
export class AccountError extends Refusal {
	/**
	 * @param retryAfter seconds until the request may succeed, for refusals that waiting ends (sent
	 *   as Retry-After)
	 */
	constructor(
		status: number,
		readonly code: string,
		message: string,
		readonly retryAfter?: number
	) {
		super(status, message);
	}
}

/** The signed-in teacher as routes see it. */
export interface Teacher {
	id: string;
	email: string;
}

/**
 * Whether the session cookie must be Secure: when the public ORIGIN is https, or this request
 * came over https. (Plain http on a classroom LAN keeps working without it.)
 */
export function sessionCookieSecure(origin: string | undefined, requestUrl: URL): boolean {
	return (
		(origin ?? '').trim().toLowerCase().startsWith('https:') || requestUrl.protocol === 'https:'
	);
}

/** 'open': anyone may sign up; 'invite': only with an invitation from the operator. */
export type SignupMode = 'open' | 'invite';

/** Reads the SIGNUP environment variable: `invite` (or `closed`) closes sign-up. */
export function signupMode(value: string | undefined): SignupMode {
	const v = (value ?? '').trim().toLowerCase();
	return v === 'invite' || v === 'closed' || v === 'invite-only' ? 'invite' : 'open';
}

export const PASSWORD_MIN = 8;
export const PASSWORD_MAX = 200;
const EMAIL_MAX = 254;
const DAY = 24 * 3600_000;
/** A session lasts 30 days, and is extended when used in its second half. */
export const SESSION_MS = 30 * DAY;
/** Failed sign-ins: this many for one address within the window lock that address... */
export const EMAIL_FAILURE_LIMIT = 5;
/** ...and this many from one client address lock that client. */
export const CLIENT_FAILURE_LIMIT = 30;
export const FAILURE_WINDOW_MS = 15 * 60_000;
export const LOCK_MS = 15 * 60_000;

/** Trims and lower-cases an e-mail address; 400 when it does not look like one. */
export function checkEmail(raw: unknown): string {
	const email = typeof raw === 'string' ? raw.normalize('NFC').trim().toLowerCase() : '';
	if (email === '') throw new AccountError(400, 'bad_email', 'Enter your e-mail address.');
	if (email.length > EMAIL_MAX || !/^[^\s@]+@[^\s@]+\.[^\s@]+$/u.test(email)) {
		throw new AccountError(400, 'bad_email', `“${email.slice(0, 60)}” is not an e-mail address.`);
	}
	return email;
}

/** A new password: 8 to 200 characters. */
export function checkNewPassword(raw: unknown): string {
	const password = typeof raw === 'string' ? raw : '';
	const length = Array.from(password).length;
	if (length < PASSWORD_MIN) {
		throw new AccountError(
			400,
			'weak_password',
			`Choose a password of at least ${PASSWORD_MIN} characters.`
		);
	}
	if (length > PASSWORD_MAX) {
		throw new AccountError(
			400,
			'bad_password',
			`A password can be at most ${PASSWORD_MAX} characters long.`
		);
	}
	return password;
}

/** The invitation with this code, if it is unused and unexpired. */
function usableInvite(db: Db, code: string, now: number) {
	const row = db
		.select()
		.from(invites)
		.where(eq(invites.codeHash, hashToken(code)))
		.get();
	if (!row || row.usedAt || row.expiresAt.getTime() <= now) return null;
	return row;
}

/**
 * Creates an account. With sign-up closed it needs an unused invitation (bound to the address if
 * the invitation names one); an invitation is accepted in open mode too, and is then used up.
 */
export async function signUp(
	db: Db,
	input: { email?: unknown; password?: unknown; invite?: unknown },
	options: { mode: SignupMode; now?: number }
): Promise<Teacher> {
	const now = options.now ?? Date.now();
	const email = checkEmail(input.email);
	const password = checkNewPassword(input.password);
	const code = typeof input.invite === 'string' ? input.invite.trim() : '';
	const invite = code === '' ? null : usableInvite(db, code, now);
	if (code !== '' && !invite) {
		throw new AccountError(
			403,
			'bad_invite',
			'This invitation is not valid: it was used already, has expired, or was mistyped.'
		);
	}
	if (invite?.email && invite.email !== email) {
		throw new AccountError(
			403,
			'bad_invite',
			`This invitation is for another e-mail address; sign up with the address it was sent to.`
		);
	}
	if (options.mode === 'invite' && !invite) {
		throw new AccountError(
			403,
			'signup_closed',
			'Sign-up is by invitation on this server: ask its operator for an invitation link.'
		);
	}
	if (db.select({ id: teachers.id }).from(teachers).where(eq(teachers.email, email)).get()) {
		throw new AccountError(
			409,
			'email_taken',
			'An account with this e-mail address exists already: sign in instead.'
		);
	}
	const passwordHash = await hashPassword(password);
	const id = newId();
	db.transaction((tx) => {
		// Checked again inside the transaction: the hash above let other requests run.
		if (tx.select({ id: teachers.id }).from(teachers).where(eq(teachers.email, email)).get()) {
			throw new AccountError(
				409,
				'email_taken',
				'An account with this e-mail address exists already: sign in instead.'
			);
		}
		tx.insert(teachers)
			.values({ id, email, passwordHash, createdAt: new Date(now) })
			.run();
		if (invite) {
			const used = tx
				.update(invites)
				.set({ usedAt: new Date(now), usedBy: id })
				.where(and(eq(invites.codeHash, invite.codeHash), isNull(invites.usedAt)))
				.run();
			if (used.changes !== 1) {
				throw new AccountError(403, 'bad_invite', 'This invitation was used already.');
			}
		}
	});
	return { id, email };
}

/** A failure count for one key, or null when none is current. */
function failures(db: Db, key: string) {
	return db.select().from(signInFailures).where(eq(signInFailures.key, key)).get() ?? null;
}

function lockedFor(db: Db, key: string, now: number): number {
	const until = failures(db, key)?.lockedUntil?.getTime() ?? 0;
	return until > now ? until - now : 0;
}

function recordFailure(db: Db, key: string, limit: number, now: number) {
	const row = failures(db, key);
	const fresh = !row || row.windowStart.getTime() <= now - FAILURE_WINDOW_MS;
	const count = fresh ? 1 : row.count + 1;
	const values = {
		count,
		windowStart: fresh ? new Date(now) : row.windowStart,
		lockedUntil: count >= limit ? new Date(now + LOCK_MS) : null
	};
	db.insert(signInFailures)
		.values({ key, ...values })
		.onConflictDoUpdate({ target: signInFailures.key, set: values })
		.run();
}

/**
 * Checks an e-mail address and password. After 5 failures for one address within 15 minutes
 * (or 30 from one client address), sign-ins there are refused for 15 minutes with a 429, even
 * with the right password, so guessing is slow. A success clears the address's count.
 */
export async function signIn(
	db: Db,
	input: { email?: unknown; password?: unknown },
	options: { client?: string; now?: number } = {}
): Promise<Teacher> {
	const now = options.now ?? Date.now();
	const email = checkEmail(input.email);
	const password = typeof input.password === 'string' ? input.password : '';
	if (password === '') throw new AccountError(400, 'bad_password', 'Enter your password.');
	const emailKey = `email:${email}`;
	const clientKey = options.client ? `ip:${options.client}` : null;
	const wait = Math.max(
		lockedFor(db, emailKey, now),
		clientKey ? lockedFor(db, clientKey, now) : 0
	);
	if (wait > 0) {
		const seconds = Math.ceil(wait / 1000);
		const minutes = Math.ceil(seconds / 60);
		throw new AccountError(
			429,
			'too_many_attempts',
			`Too many failed sign-ins. Try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`,
			seconds
		);
	}
	const teacher = db.select().from(teachers).where(eq(teachers.email, email)).get();
	const ok = await verifyPassword(password, teacher?.passwordHash ?? (await decoyHash()));
	if (!teacher || !ok) {
		recordFailure(db, emailKey, EMAIL_FAILURE_LIMIT, now);
		if (clientKey) recordFailure(db, clientKey, CLIENT_FAILURE_LIMIT, now);
		throw new AccountError(
			401,
			'wrong_credentials',
			'The e-mail address or the password is not right.'
		);
	}
	db.delete(signInFailures).where(eq(signInFailures.key, emailKey)).run();
	return { id: teacher.id, email: teacher.email };
}

/** Starts a session for a teacher: the token goes into the cookie, its hash into the database. */
export function createSession(
	db: Db,
	teacherId: string,
	now = Date.now()
): { token: string; expiresAt: Date } {
	const token = newToken();
	const expiresAt = new Date(now + SESSION_MS);
	db.insert(sessions)
		.values({ id: hashToken(token), teacherId, createdAt: new Date(now), expiresAt })
		.run();
	// Sweep this teacher's expired sessions while we are here.
	db.delete(sessions)
		.where(and(eq(sessions.teacherId, teacherId), lt(sessions.expiresAt, new Date(now))))
		.run();
	return { token, expiresAt };
}

/**
 * The teacher a session token belongs to, or null (unknown or expired). A session used in the
 * second half of its life is extended: `expiresAt` is then new and the cookie should be set again.
 */
export function sessionTeacher(
	db: Db,
	token: string | undefined,
	now = Date.now()
): { teacher: Teacher; expiresAt: Date; extended: boolean } | null {
	if (!token) return null;
	const id = hashToken(token);
	const row = sessionRow(db, id);
	if (!row) return null;
	if (row.expiresAt.getTime() <= now) {
		db.delete(sessions).where(eq(sessions.id, id)).run();
		return null;
	}
	const teacher = { id: row.teacherId, email: row.email };
	if (row.expiresAt.getTime() - now < SESSION_MS / 2) {
		const expiresAt = new Date(now + SESSION_MS);
		db.update(sessions).set({ expiresAt }).where(eq(sessions.id, id)).run();
		return { teacher, expiresAt, extended: true };
	}
	return { teacher, expiresAt: row.expiresAt, extended: false };
}

function sessionRow(db: Db, id: string) {
	return db
		.select({ teacherId: sessions.teacherId, expiresAt: sessions.expiresAt, email: teachers.email })
		.from(sessions)
		.innerJoin(teachers, eq(teachers.id, sessions.teacherId))
		.where(eq(sessions.id, id))
		.get();
}

/**
 * The teacher of a session that needs nothing done to it (known, not expired, not in the second
 * half of its life), read without writing; null for any other token. The node:http endpoints take
 * a teacher's request only then: any other goes through hooks.server.ts, which deletes, extends or
 * clears the session and its cookie as `sessionTeacher` says.
 */
export function settledSessionTeacher(
	db: Db,
	token: string | undefined,
	now = Date.now()
): Teacher | null {
	if (!token) return null;
	const row = sessionRow(db, hashToken(token));
	if (!row || row.expiresAt.getTime() - now < SESSION_MS / 2) return null;
	return { id: row.teacherId, email: row.email };
}

/** Ends one session (sign-out). */
export function endSession(db: Db, token: string | undefined): void {
	if (token)
		db.delete(sessions)
			.where(eq(sessions.id, hashToken(token)))
			.run();
}

/**
 * Changes a password after checking the current one, and signs out every other browser (the
 * session holding `keepToken` stays).
 */
export async function changePassword(
	db: Db,
	teacherId: string,
	input: { current: unknown; next: unknown },
	keepToken: string | undefined,
	now = Date.now()
): Promise<void> {
	const teacher = db.select().from(teachers).where(eq(teachers.id, teacherId)).get();
	if (!teacher) throw new AccountError(404, 'no_account', 'This account does not exist any more.');
	const current = typeof input.current === 'string' ? input.current : '';
	if (!(await verifyPassword(current, teacher.passwordHash))) {
		throw new AccountError(403, 'wrong_password', 'Your current password is not right.');
	}
	const next = checkNewPassword(input.next);
	const passwordHash = await hashPassword(next);
	db.transaction((tx) => {
		tx.update(teachers)
			.set({ passwordHash, passwordChangedAt: new Date(now) })
			.where(eq(teachers.id, teacherId))
			.run();
		const keep = keepToken ? hashToken(keepToken) : '';
		tx.delete(sessions)
			.where(and(eq(sessions.teacherId, teacherId), ne(sessions.id, keep)))
			.run();
	});
}

/** Checks a teacher's password (before deleting the account, for instance). */
export async function confirmPassword(db: Db, teacherId: string, raw: unknown): Promise<void> {
	const teacher = db.select().from(teachers).where(eq(teachers.id, teacherId)).get();
	const password = typeof raw === 'string' ? raw : '';
	if (!teacher || !(await verifyPassword(password, teacher.passwordHash))) {
		throw new AccountError(403, 'wrong_password', 'Your password is not right.');
	}
}

/** Creates an invitation; the code is shown once and stored hashed. */
export function createInvite(
	db: Db,
	input: { email?: string; days?: number; note?: string } = {},
	now = Date.now()
): { code: string; expiresAt: Date } {
	const email = input.email ? checkEmail(input.email) : null;
	const days = input.days ?? 14;
	if (!Number.isFinite(days) || days <= 0 || days > 366) {
		throw new AccountError(400, 'bad_days', 'An invitation lasts between 1 and 366 days.');
	}
	const code = randomBytes(16).toString('base64url');
	const expiresAt = new Date(now + days * DAY);
	db.insert(invites)
		.values({ codeHash: hashToken(code), email, note: input.note ?? null, expiresAt })
		.run();
	return { code, expiresAt };
}
