import { eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { openTestDatabase, type Db } from '../db/open';
import { invites, sessions, signInFailures, teachers } from '../db/schema';
import {
	AccountError,
	CLIENT_FAILURE_LIMIT,
	EMAIL_FAILURE_LIMIT,
	LOCK_MS,
	SESSION_MS,
	changePassword,
	createInvite,
	createSession,
	endSession,
	sessionCookieSecure,
	sessionTeacher,
	settledSessionTeacher,
	signIn,
	signUp,
	signupMode
} from './accounts';
import { hashPassword, verifyPassword } from './password';
import { asyncRefusalOf } from '../testRefusals';

const T0 = new Date('2026-03-02T08:00:00Z').getTime();
const PASSWORD = 'correct horse battery';
/** Each hash takes a deliberate fraction of a second, and the machine may be busy. */
const SLOW = { timeout: 60_000 };

let db: Db;

beforeEach(() => {
	db = openTestDatabase();
});

const refusal = (fn: () => Promise<unknown>) => asyncRefusalOf(AccountError, fn);
/** Ada signs up with PASSWORD while sign-up is open to anyone. */
const signUpAda = () =>
	signUp(db, { email: 'ada@school.example', password: PASSWORD }, { mode: 'open' });

describe('passwords', SLOW, () => {
	it('are hashed with scrypt and a salt of their own, and checked in constant time', async () => {
		const a = await hashPassword(PASSWORD);
		const b = await hashPassword(PASSWORD);
		expect(a).toMatch(/^scrypt\$32768\$8\$3\$[\w-]{22}\$[\w-]{43}$/);
		expect(a).not.toBe(b);
		expect(await verifyPassword(PASSWORD, a)).toBe(true);
		expect(await verifyPassword('correct horse battery!', a)).toBe(false);
		expect(await verifyPassword(PASSWORD, 'not-a-hash')).toBe(false);
	});
});

describe('signing up', SLOW, () => {
	it('stores a lower-cased address and a hash, never the password', async () => {
		const teacher = await signUp(
			db,
			{ email: '  Ada@School.Example ', password: PASSWORD },
			{ mode: 'open' }
		);
		expect(teacher.email).toBe('ada@school.example');
		const row = db.select().from(teachers).where(eq(teachers.id, teacher.id)).get()!;
		expect(row.passwordHash).not.toContain(PASSWORD);
		expect(await verifyPassword(PASSWORD, row.passwordHash)).toBe(true);
	});

	it('refuses a taken address, a bad address and a short password with a 4xx that says why', async () => {
		await signUpAda();
		const taken = await refusal(() =>
			signUp(db, { email: 'ADA@school.example', password: PASSWORD }, { mode: 'open' })
		);
		expect([taken.status, taken.code]).toEqual([409, 'email_taken']);
		const bad = await refusal(() =>
			signUp(db, { email: 'ada-at-school', password: PASSWORD }, { mode: 'open' })
		);
		expect([bad.status, bad.code]).toEqual([400, 'bad_email']);
		const short = await refusal(() =>
			signUp(db, { email: 'bo@school.example', password: 'short' }, { mode: 'open' })
		);
		expect([short.status, short.code]).toEqual([400, 'weak_password']);
		expect(db.select().from(teachers).all()).toHaveLength(1);
	});

	it('needs an invitation when sign-up is closed, and an invitation works once', async () => {
		expect(signupMode(undefined)).toBe('open');
		expect(signupMode('invite')).toBe('invite');
		expect(signupMode('closed')).toBe('invite');
		const closed = await refusal(() =>
			signUp(db, { email: 'ada@school.example', password: PASSWORD }, { mode: 'invite' })
		);
		expect([closed.status, closed.code]).toEqual([403, 'signup_closed']);
		const { code } = createInvite(db, { days: 7 }, T0);
		const ada = await signUp(
			db,
			{ email: 'ada@school.example', password: PASSWORD, invite: code },
			{ mode: 'invite', now: T0 + 1000 }
		);
		expect(db.select().from(invites).get()!.usedBy).toBe(ada.id);
		const again = await refusal(() =>
			signUp(
				db,
				{ email: 'bo@school.example', password: PASSWORD, invite: code },
				{ mode: 'invite', now: T0 + 2000 }
			)
		);
		expect([again.status, again.code]).toEqual([403, 'bad_invite']);
	});

	it('refuses an expired invitation and one made out to another address', async () => {
		const expired = createInvite(db, { days: 1 }, T0);
		const late = await refusal(() =>
			signUp(
				db,
				{ email: 'ada@school.example', password: PASSWORD, invite: expired.code },
				{ mode: 'invite', now: T0 + 2 * 24 * 3600_000 }
			)
		);
		expect(late.code).toBe('bad_invite');
		const forBo = createInvite(db, { email: 'bo@school.example' }, T0);
		const wrong = await refusal(() =>
			signUp(
				db,
				{ email: 'ada@school.example', password: PASSWORD, invite: forBo.code },
				{ mode: 'invite', now: T0 }
			)
		);
		expect(wrong.code).toBe('bad_invite');
		await signUp(
			db,
			{ email: 'Bo@School.example', password: PASSWORD, invite: forBo.code },
			{ mode: 'invite', now: T0 }
		);
	});
});

describe('signing in', SLOW, () => {
	beforeEach(async () => {
		await signUpAda();
	});

	it('accepts the right password whatever the case of the address', async () => {
		const teacher = await signIn(db, { email: 'Ada@School.example', password: PASSWORD });
		expect(teacher.email).toBe('ada@school.example');
	});

	it('gives the same answer for an unknown address and a wrong password', async () => {
		const unknown = await refusal(() =>
			signIn(db, { email: 'nobody@school.example', password: PASSWORD })
		);
		const wrong = await refusal(() =>
			signIn(db, { email: 'ada@school.example', password: 'not the password' })
		);
		expect([unknown.status, unknown.message]).toEqual([wrong.status, wrong.message]);
		expect(wrong.status).toBe(401);
	});

	it('locks an address after 5 failures, even for the right password, until the lock ends', async () => {
		for (let i = 0; i < EMAIL_FAILURE_LIMIT; i++) {
			const e = await refusal(() =>
				signIn(db, { email: 'ada@school.example', password: `guess ${i}` }, { now: T0 + i })
			);
			expect(e.status).toBe(401);
		}
		const locked = await refusal(() =>
			signIn(db, { email: 'ada@school.example', password: PASSWORD }, { now: T0 + 10 })
		);
		expect([locked.status, locked.code]).toEqual([429, 'too_many_attempts']);
		expect(locked.message).toMatch(/Try again in 15 minutes/);
		// The lock began at the fifth failure (T0 + 4): its seconds left, rounded up, for Retry-After.
		expect(locked.retryAfter).toBe(Math.ceil((LOCK_MS - 6) / 1000));
		const after = await signIn(
			db,
			{ email: 'ada@school.example', password: PASSWORD },
			{ now: T0 + LOCK_MS + 10 }
		);
		expect(after.email).toBe('ada@school.example');
	});

	it('locks a client address that tries many accounts', async () => {
		// As if 29 guesses at other addresses had failed from this client within the window.
		db.insert(signInFailures)
			.values({ key: 'ip:10.0.0.9', count: CLIENT_FAILURE_LIMIT - 1, windowStart: new Date(T0) })
			.run();
		const last = await refusal(() =>
			signIn(
				db,
				{ email: 'guess@school.example', password: 'nope nope' },
				{ client: '10.0.0.9', now: T0 + 50 }
			)
		);
		expect(last.status).toBe(401);
		const locked = await refusal(() =>
			signIn(
				db,
				{ email: 'ada@school.example', password: PASSWORD },
				{ client: '10.0.0.9', now: T0 + 100 }
			)
		);
		expect(locked.status).toBe(429);
		const elsewhere = await signIn(
			db,
			{ email: 'ada@school.example', password: PASSWORD },
			{ client: '10.0.0.10', now: T0 + 100 }
		);
		expect(elsewhere.email).toBe('ada@school.example');
	});
});

describe('sessions', SLOW, () => {
	it('have a Secure cookie when ORIGIN (or the request) is https', () => {
		const http = new URL('http://192.168.1.20:3000/teacher');
		expect(sessionCookieSecure('https://slant.school.example', http)).toBe(true);
		expect(sessionCookieSecure(undefined, new URL('https://slant.school.example/'))).toBe(true);
		expect(sessionCookieSecure('http://192.168.1.20:3000', http)).toBe(false);
		expect(sessionCookieSecure(undefined, http)).toBe(false);
	});

	it('are stored hashed, expire after 30 days, and are extended when used late', async () => {
		const ada = await signUpAda();
		const { token } = createSession(db, ada.id, T0);
		expect(db.select().from(sessions).get()!.id).not.toBe(token);
		expect(sessionTeacher(db, token, T0 + 1000)).toMatchObject({
			teacher: { id: ada.id },
			extended: false
		});
		const late = sessionTeacher(db, token, T0 + SESSION_MS - 1000)!;
		expect(late.extended).toBe(true);
		expect(late.expiresAt.getTime()).toBe(T0 + 2 * SESSION_MS - 1000);
		expect(sessionTeacher(db, token, T0 + 3 * SESSION_MS)).toBeNull();
		expect(sessionTeacher(db, 'forged', T0)).toBeNull();
	});

	it('are read without a write only while they need nothing done (not late, not expired)', async () => {
		const ada = await signUpAda();
		const { token } = createSession(db, ada.id, T0);
		const stored = () => db.select().from(sessions).all();
		const before = stored();
		expect(settledSessionTeacher(db, token, T0 + 1000)).toEqual({
			id: ada.id,
			email: 'ada@school.example'
		});
		// Due for extension or expired: left to sessionTeacher, which writes; nothing written here.
		expect(settledSessionTeacher(db, token, T0 + SESSION_MS - 1000)).toBeNull();
		expect(settledSessionTeacher(db, token, T0 + 3 * SESSION_MS)).toBeNull();
		expect(settledSessionTeacher(db, 'forged', T0)).toBeNull();
		expect(settledSessionTeacher(db, undefined, T0)).toBeNull();
		expect(stored()).toEqual(before);
	});

	it('end on sign-out, and a password change ends every other session', async () => {
		const ada = await signUpAda();
		const laptop = createSession(db, ada.id).token;
		const phone = createSession(db, ada.id).token;
		const tablet = createSession(db, ada.id).token;
		endSession(db, tablet);
		expect(sessionTeacher(db, tablet)).toBeNull();
		const wrong = await refusal(() =>
			changePassword(db, ada.id, { current: 'nope', next: 'a new long password' }, laptop)
		);
		expect(wrong.status).toBe(403);
		await changePassword(db, ada.id, { current: PASSWORD, next: 'a new long password' }, laptop);
		expect(sessionTeacher(db, laptop)).not.toBeNull();
		expect(sessionTeacher(db, phone)).toBeNull();
		await expect(
			signIn(db, { email: 'ada@school.example', password: 'a new long password' })
		).resolves.toMatchObject({ id: ada.id });
	});
});
