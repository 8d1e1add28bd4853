/**
 * The server's log through the real server: requests a client makes cost the log nothing. Without
 * the `handleError` hook (src/lib/server/http/serverErrors.ts) SvelteKit printed a line for each
 * 404, a stack trace for each path that is not valid percent-encoding (400), and a 500 with a
 * stack for each body its sender cut off, so anyone could fill the log at will.
 */
import { describe, expect, it } from 'vitest';
import { rawExchange } from './httpFixtures';
import { BASE, PORT, serveForTests } from './liveServer';

const server = serveForTests({ WARM_UP_PLAYERS: '0' });

describe("the server's log", () => {
	it("stays quiet for a client's errors: a page not found, a path that is not percent-encoding, a body cut off", async () => {
		expect((await fetch(`${BASE}/no-such-page`)).status).toBe(404);
		const malformed = await rawExchange(
			'GET /play/%ZZ HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n'
		);
		expect(malformed.split('\r\n')[0]).toBe('HTTP/1.1 400 Bad Request');
		// A form post whose body never comes in full: its sender closes the connection.
		await rawExchange(
			`POST /join HTTP/1.1\r\nHost: localhost:${PORT}\r\nOrigin: ${BASE}\r\n` +
				'Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 100\r\n\r\ncode=12',
			300
		);
		// The server is still up, and has had the time to log.
		expect((await fetch(`${BASE}/`)).status).toBe(200);
		const log = server.output();
		expect(log).not.toMatch(/\[404\]|\[400\]|\[500\]|Failed to decode URI|aborted/);
	});
});
