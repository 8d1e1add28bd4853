/**
 * Regression tests for the defects issue 10 found by probing the real server: each one failed on
 * the code before the fix (500s, silent question 1, U+FFFD stored, a code oracle, no headers).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { classroom, form, FORM, raw, rowCounts, type Classroom } from './httpFixtures';
import { BASE, Client, CONFIG, serveForTests } from './liveServer';

const server = serveForTests();
let room: Classroom;

beforeAll(async () => {
	room = await classroom('h');
});

/** Every form action that reads a body, as the issue listed them (and the newer ones). */
function formActions(r: Classroom): string[] {
	return [
		'/play',
		`/play/${r.soloId}?/answer`,
		`/play/${r.soloId}?/timeout`,
		`/play/${r.soloId}?/next`,
		`/a/${r.assignmentCode}`,
		`/a/${r.assignmentCode}/play?/answer`,
		'/join',
		`/join/${r.code}`,
		`/game/${r.code}?/answer`,
		'/host',
		'/teacher/sign-in',
		'/teacher/sign-up'
	];
}

function jsonEndpoints(r: Classroom): string[] {
	return [
		'/api/live/join',
		`/api/live/play/${r.code}/answer`,
		'/api/live/host',
		`/api/live/host/${r.gameId}/command`,
		'/api/auth/sign-in',
		'/api/auth/sign-up'
	];
}

const BROKEN_MULTIPART =
	'--XyZ\r\nContent-Disposition: form-data; name="nickname"\r\n\r\nAda\r\n--XyZ\r\nContent-Disp';

describe('a body the server cannot read', () => {
	it('gets 400 or 415 with a message on every form action, and writes nothing', async () => {
		const before = rowCounts(server.databasePath, ['sign_in_failures']);
		const bodies = [
			{ contentType: 'text/plain', body: 'nickname=Ada', expect: 415 },
			{ contentType: 'multipart/form-data; boundary=XyZ', body: BROKEN_MULTIPART, expect: 400 },
			{ contentType: 'multipart/form-data', body: BROKEN_MULTIPART, expect: 400 },
			{ contentType: null, body: 'x', expect: 415 },
			{ contentType: 'application/json', body: '{"nickname":"Ada"}', expect: 415 }
		];
		for (const path of formActions(room)) {
			for (const b of bodies) {
				const clients = [room.soloPlayer, room.student, room.player, room.teacher];
				for (const client of clients) {
					const reply = await raw(client, path, { contentType: b.contentType, body: b.body });
					expect(reply.status, `${path} ${b.contentType}`).toBe(b.expect);
					expect(reply.text.length, `${path} says why`).toBeGreaterThan(20);
				}
			}
		}
		expect(rowCounts(server.databasePath, ['sign_in_failures'])).toEqual(before);
	});

	it('gets 400 or 415 on every JSON endpoint, and writes nothing', async () => {
		const before = rowCounts(server.databasePath, ['sign_in_failures']);
		for (const path of jsonEndpoints(room)) {
			for (const [contentType, body, status] of [
				['text/plain', '{}', 415],
				[FORM, 'code=123456', 415],
				['application/json', '{"code":', 400],
				['application/json', '', 400]
			] as const) {
				const reply = await raw(room.teacher, path, { contentType, body });
				expect(reply.status, `${path} ${contentType} ${body}`).toBe(status);
				expect(JSON.parse(reply.text).message).toMatch(/\w{4}/);
			}
		}
		expect(rowCounts(server.databasePath, ['sign_in_failures'])).toEqual(before);
	});
});

describe('text that is not valid Unicode', () => {
	const invalidUtf8 = (before: string, after: string) =>
		new Uint8Array([
			...new TextEncoder().encode(before),
			0xff,
			0xfe,
			...new TextEncoder().encode(after)
		]);

	it('is refused in a JSON body (invalid UTF-8 or an escaped lone surrogate), not stored as U+FFFD', async () => {
		const before = rowCounts(server.databasePath);
		const join = await raw(new Client(), '/api/live/join', {
			contentType: 'application/json',
			body: invalidUtf8(`{"code":"${room.code}","nickname":"Ad`, 'a"}')
		});
		expect(join.status).toBe(400);
		expect(join.text).toMatch(/UTF-8/);
		// A lone surrogate in requestId was stored as broken UTF-8, and a retry then got 409.
		const answer = await raw(room.player, `/api/live/play/${room.code}/answer`, {
			contentType: 'application/json',
			body: `{"questionIndex":0,"requestId":"r\\ud800","response":{"kind":"judge","loaded":true}}`
		});
		expect(answer.status).toBe(400);
		expect(rowCounts(server.databasePath)).toEqual(before);
	});

	it('is refused in a form, urlencoded or multipart', async () => {
		const before = rowCounts(server.databasePath);
		const urlencoded = await raw(new Client(), '/join', {
			contentType: FORM,
			body: `code=${room.code}&nickname=Ad%FF%FEa`
		});
		expect(urlencoded.status).toBe(400);
		const surrogate = await raw(new Client(), '/join', {
			contentType: FORM,
			body: `code=${room.code}&nickname=Ad%ED%A0%80a`
		});
		expect(surrogate.status).toBe(400);
		const multipart = await raw(new Client(), '/join', {
			contentType: 'multipart/form-data; boundary=B',
			body: invalidUtf8(
				`--B\r\nContent-Disposition: form-data; name="code"\r\n\r\n${room.code}\r\n--B\r\nContent-Disposition: form-data; name="nickname"\r\n\r\nAd`,
				'a\r\n--B--\r\n'
			)
		});
		expect(multipart.status).toBe(400);
		expect(rowCounts(server.databasePath)).toEqual(before);
	});
});

describe('a question number', () => {
	it('that is missing or empty is 400 on the no-JavaScript live and assignment forms', async () => {
		const before = rowCounts(server.databasePath);
		for (const questionIndex of [null, '', 'one', '0.5']) {
			const fields: Record<string, string> = { kind: 'judge', verdict: 'loaded', requestId: 'q' };
			if (questionIndex !== null) fields.questionIndex = questionIndex;
			const live = await raw(room.player, `/game/${room.code}?/answer`, {
				contentType: FORM,
				body: form(fields),
				headers: { accept: 'application/json', 'x-sveltekit-action': 'true' }
			});
			expect(JSON.parse(live.text)).toMatchObject({ type: 'failure', status: 400 });

			const assignmentFields: Record<string, string> = { kind: 'judge', verdict: 'loaded' };
			if (questionIndex !== null) assignmentFields.index = questionIndex;
			const assignment = await raw(room.student, `/a/${room.assignmentCode}/play?/answer`, {
				contentType: FORM,
				body: form(assignmentFields),
				headers: { accept: 'application/json', 'x-sveltekit-action': 'true' }
			});
			expect(JSON.parse(assignment.text)).toMatchObject({ type: 'failure', status: 400 });
		}
		expect(rowCounts(server.databasePath)).toEqual(before);
	});
});

describe('the host settings form', () => {
	const settings = { mode: 'live', content: 'all', seconds: '20', scoring: 'speed' };
	const post = (fields: Record<string, string>) =>
		raw(room.teacher, '/host', {
			contentType: FORM,
			body: form({ ...settings, ...fields }),
			headers: { accept: 'application/json', 'x-sveltekit-action': 'true' }
		});

	it('refuses a count that is not a number with 400 and a message, and writes nothing', async () => {
		const before = rowCounts(server.databasePath);
		for (const count of ['ten', '', '4.5', '1e1']) {
			const reply = JSON.parse((await post({ count })).text);
			expect(reply, count).toMatchObject({ type: 'failure', status: 400 });
			expect(reply.data, count).toContain('The number of questions must be a whole number.');
		}
		expect(rowCounts(server.databasePath)).toEqual(before);
		// The JSON API refuses the same count.
		const api = await raw(room.teacher, '/api/live/host', {
			contentType: 'application/json',
			body: JSON.stringify({ ...CONFIG, count: 'ten' })
		});
		expect(api.status).toBe(400);
		expect(rowCounts(server.databasePath)).toEqual(before);
		// The same form with a number creates the game.
		expect(JSON.parse((await post({ count: '4' })).text)).toMatchObject({ type: 'redirect' });
	});
});

describe('nicknames', () => {
	it('of one character and 20 KB, or of invisible characters only, are refused', async () => {
		const before = rowCounts(server.databasePath);
		for (const nickname of ['a' + '\u0301'.repeat(10_000), '\u200B\u2060\u3164']) {
			const reply = await new Client().request('/api/live/join', {
				body: { code: room.code, nickname }
			});
			expect(reply.status).toBe(400);
			expect(reply.json.code).toBe('bad_nickname');
		}
		expect(rowCounts(server.databasePath)).toEqual(before);
	});
});

describe('a stranger', () => {
	it('cannot tell from the player endpoints whether a code belongs to a game', async () => {
		const missing = room.code === '000000' ? '000001' : '000000';
		for (const path of ['state', 'answer'] as const) {
			const method = path === 'state' ? 'GET' : 'POST';
			const init = {
				method,
				contentType: method === 'POST' ? 'application/json' : null,
				body:
					method === 'POST'
						? '{"questionIndex":0,"requestId":"x","response":{"kind":"judge","loaded":true}}'
						: undefined
			};
			const existing = await raw(new Client(), `/api/live/play/${room.code}/${path}`, init);
			const absent = await raw(new Client(), `/api/live/play/${missing}/${path}`, init);
			expect(existing.status).toBe(401);
			expect(absent.status).toBe(existing.status);
			expect(absent.text).toBe(existing.text);
		}
		const stream = await raw(new Client(), `/api/live/play/${missing}/events`, { method: 'GET' });
		expect(stream.status).toBe(401);
	});
});

describe('security headers', () => {
	it('forbid framing and inline scripts without a nonce, and pages still carry their nonce', async () => {
		for (const path of ['/', '/play', '/join', `/join/${room.code}`, '/teacher/sign-in']) {
			const page = await raw(null, path, { method: 'GET' });
			expect(page.status, path).toBe(200);
			const csp = page.headers.get('content-security-policy') ?? '';
			expect(csp).toMatch(/frame-ancestors 'none'/);
			expect(csp).toMatch(/default-src 'self'/);
			const scriptSrc = /script-src ([^;]*)/.exec(csp)?.[1] ?? '';
			expect(scriptSrc).not.toMatch(/unsafe-inline|unsafe-eval/);
			const nonce = /'nonce-([^']+)'/.exec(scriptSrc)?.[1];
			expect(nonce, path).toBeTruthy();
			// Every inline script on the page carries the nonce.
			for (const tag of page.text.match(/<script(?![^>]*\bsrc=)[^>]*>/g) ?? []) {
				expect(tag).toContain(`nonce="${nonce}"`);
			}
			expect(page.headers.get('x-content-type-options')).toBe('nosniff');
			expect(page.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
		}
		const api = await raw(null, `/api/live/play/${room.code}/state`, { method: 'GET' });
		expect(api.headers.get('x-content-type-options')).toBe('nosniff');
	});

	it('still refuse a cross-site form post (the CSRF origin check is on)', async () => {
		const reply = await raw(new Client(), '/join', {
			contentType: FORM,
			body: form({ code: room.code, nickname: 'Mallory' }),
			headers: { origin: 'https://evil.example' }
		});
		expect(reply.status).toBe(403);
		expect(BASE).not.toContain('evil');
	});
});
