import Database from 'better-sqlite3';
import { createHash, randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { FORM, form, raw } from './httpFixtures';
import {
	BASE,
	Client,
	CONFIG,
	TEACHER_PASSWORD,
	serveForTests,
	signInTeacher,
	signUpTeacher,
	teacherEmail
} from './liveServer';

const server = serveForTests();

describe('teacher accounts over HTTP', () => {
	it('sign up, out and in with an httpOnly SameSite session cookie', async () => {
		const client = new Client();
		const email = teacherEmail();
		const up = await client.request('/api/auth/sign-up', {
			body: { email, password: TEACHER_PASSWORD }
		});
		expect(up.status).toBe(201);
		expect(up.json.teacher.email).toBe(email);
		expect((await client.request('/api/auth/me')).json.teacher.email).toBe(email);

		const raw = await fetch(`${BASE}/api/auth/sign-in`, {
			method: 'POST',
			headers: { 'content-type': 'application/json', origin: BASE },
			body: JSON.stringify({ email, password: TEACHER_PASSWORD })
		});
		const cookie = raw.headers.getSetCookie().find((c) => c.startsWith('slant_session='))!;
		expect(cookie).toMatch(/HttpOnly/i);
		expect(cookie).toMatch(/SameSite=Lax/i);
		expect(cookie).not.toMatch(/Secure/i);

		expect((await client.request('/api/auth/sign-out', { body: {} })).status).toBe(204);
		expect((await client.request('/api/auth/me')).status).toBe(401);
		await signInTeacher(client, email);
		expect((await client.request('/api/auth/me')).status).toBe(200);
	});

	it('refuses bad input with a 4xx that says why, and writes nothing', async () => {
		const client = new Client();
		const notJson = await client.request('/api/auth/sign-up', { body: 'nope' });
		expect(notJson.status).toBe(400);
		const short = await client.request('/api/auth/sign-up', {
			body: { email: teacherEmail(), password: 'short' }
		});
		expect([short.status, short.json.code]).toEqual([400, 'weak_password']);
		const wrong = await client.request('/api/auth/sign-in', {
			body: { email: teacherEmail(), password: 'wrong password' }
		});
		expect([wrong.status, wrong.json.code]).toEqual([401, 'wrong_credentials']);
		expect(client.cookies.has('slant_session')).toBe(false);
	});

	it('needs a signed-in teacher to host, and shows a game only to its owner', async () => {
		const stranger = new Client();
		const refused = await stranger.request('/api/live/host', { body: CONFIG });
		expect([refused.status, refused.json.code]).toEqual([401, 'not_signed_in']);
		const hostForm = await stranger.request('/host');
		expect(hostForm.status).toBe(303);

		const { client: owner } = await signUpTeacher();
		const created = await owner.request('/api/live/host', { body: CONFIG });
		expect(created.status).toBe(201);
		const { gameId, code } = created.json;
		expect([...owner.cookies.keys()].some((k) => k.startsWith('slant_host_'))).toBe(false);
		const phone = new Client();
		expect(
			(await phone.request('/api/live/join', { body: { code, nickname: 'Ada' } })).status
		).toBe(200);

		const { client: other } = await signUpTeacher();
		const paths = [
			`/api/live/host/${gameId}/state`,
			`/host/${gameId}`,
			`/host/${gameId}/results`,
			`/host/${gameId}/results/players.csv`,
			`/host/${gameId}/results/questions.csv`
		];
		for (const path of paths) {
			expect((await owner.request(path)).status, path).toBe(200);
			for (const someone of [other, phone, stranger]) {
				expect((await someone.request(path)).status, path).toBe(404);
			}
		}
		for (const someone of [other, phone, stranger]) {
			const cmd = await someone.request(`/api/live/host/${gameId}/command`, {
				body: { command: 'start' }
			});
			expect([cmd.status, cmd.json.code]).toEqual([404, 'game_not_found']);
		}
		const events = await other.request(`/api/live/host/${gameId}/events`);
		expect(events.status).toBe(404);
	});

	it('claims a game hosted from this browser before accounts existed', async () => {
		// A game as the first version stored it: a host token hash and no owner.
		const gameId = randomUUID();
		const token = 'pre-account-host-token';
		const sqlite = new Database(server.databasePath);
		try {
			sqlite
				.prepare(
					`insert into games (id, mode, join_code, host_token_hash, title, config, seed, questions, status)
					 values (?, 'live', '000001', ?, 'Old game', '{}', 's', '[]', 'ended')`
				)
				.run(gameId, createHash('sha256').update(token).digest('hex'));
		} finally {
			sqlite.close();
		}
		const browser = new Client();
		browser.cookies.set(`slant_host_${gameId}`, token);
		const elsewhere = new Client();
		elsewhere.cookies.set(`slant_host_${gameId}`, 'a guessed token');
		await signUpTeacher(elsewhere);
		const { teacher, client } = await signUpTeacher(browser);
		expect(teacher.email).toMatch(/@school\.example$/);
		expect((await client.request(`/host/${gameId}/results`)).status).toBe(200);
		expect((await elsewhere.request(`/host/${gameId}/results`)).status).toBe(404);
		expect(client.cookies.get(`slant_host_${gameId}`)).toBe('');
	});

	it('rate-limits failed sign-ins for an address', async () => {
		const { teacher } = await signUpTeacher();
		const client = new Client();
		for (let i = 0; i < 5; i++) {
			const res = await client.request('/api/auth/sign-in', {
				body: { email: teacher.email, password: `guess number ${i}` }
			});
			expect(res.status).toBe(401);
		}
		const locked = await client.request('/api/auth/sign-in', {
			body: { email: teacher.email, password: TEACHER_PASSWORD }
		});
		expect([locked.status, locked.json.code]).toEqual([429, 'too_many_attempts']);
	});
	it('says how long to wait in Retry-After when sign-in is locked, on the API and the form', async () => {
		const { teacher } = await signUpTeacher();
		const client = new Client();
		for (let i = 0; i < 5; i++) {
			await client.request('/api/auth/sign-in', {
				body: { email: teacher.email, password: `guess number ${i}` }
			});
		}
		const locked = await client.request('/api/auth/sign-in', {
			body: { email: teacher.email, password: TEACHER_PASSWORD }
		});
		expect(locked.status).toBe(429);
		const seconds = Number(locked.headers.get('retry-after'));
		expect(seconds).toBeGreaterThan(14 * 60);
		expect(seconds).toBeLessThanOrEqual(15 * 60);
		// The message's minutes are the header's seconds, rounded up.
		expect(locked.json.message).toContain(`Try again in ${Math.ceil(seconds / 60)} minutes`);

		const page = await raw(client, '/teacher/sign-in', {
			contentType: FORM,
			body: form({ email: teacher.email, password: TEACHER_PASSWORD, next: '/teacher' })
		});
		expect(page.status).toBe(429);
		expect(Number(page.headers.get('retry-after'))).toBeGreaterThan(14 * 60);
	});
});

describe('the page a teacher goes to after signing in', () => {
	const evil = ['/\t/evil.example/phish', '/\n/evil.example', '//evil.example', '/\\evil.example'];

	it('is ?next only when it is a path of this site, for a teacher already signed in', async () => {
		const { client } = await signUpTeacher();
		for (const page of ['/teacher/sign-in', '/teacher/sign-up']) {
			for (const next of [...evil, 'https://evil.example/', 'javascript:alert(1)']) {
				const reply = await raw(client, `${page}?next=${encodeURIComponent(next)}`, {
					method: 'GET'
				});
				expect(reply.status, `${page} ${JSON.stringify(next)}`).toBe(303);
				expect(reply.headers.get('location'), JSON.stringify(next)).toBe('/teacher');
			}
			const kept = await raw(
				client,
				`${page}?next=${encodeURIComponent('/teacher/items?sort=share')}`,
				{
					method: 'GET'
				}
			);
			expect(kept.headers.get('location')).toBe('/teacher/items?sort=share');
			// Encoded, a newline is path text on this site, not a character the browser drops.
			const encoded = await raw(client, `${page}?next=${encodeURIComponent('/%0A/evil.example')}`, {
				method: 'GET'
			});
			expect([encoded.status, encoded.headers.get('location')]).toEqual([303, '/%0A/evil.example']);
		}
	});

	it('is the next field of the forms only when it is a path of this site', async () => {
		const { teacher } = await signUpTeacher();
		for (const next of evil) {
			const signIn = await raw(new Client(), '/teacher/sign-in', {
				contentType: FORM,
				body: form({ email: teacher.email, password: TEACHER_PASSWORD, next })
			});
			expect(signIn.status, JSON.stringify(next)).toBe(303);
			expect(signIn.headers.get('location'), JSON.stringify(next)).toBe('/teacher');
			const signUp = await raw(new Client(), '/teacher/sign-up', {
				contentType: FORM,
				body: form({ email: teacherEmail(), password: TEACHER_PASSWORD, next })
			});
			expect(signUp.status, JSON.stringify(next)).toBe(303);
			expect(signUp.headers.get('location'), JSON.stringify(next)).toBe('/teacher');
		}
		const kept = await raw(new Client(), '/teacher/sign-in', {
			contentType: FORM,
			body: form({ email: teacher.email, password: TEACHER_PASSWORD, next: '/teacher/progress' })
		});
		expect(kept.headers.get('location')).toBe('/teacher/progress');
	});
});
