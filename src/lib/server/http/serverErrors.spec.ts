import { describe, expect, it, vi } from 'vitest';
import { logServerError } from './serverErrors';

const event = (method: string, pathname: string) => ({ request: { method }, url: { pathname } });

describe("the log of SvelteKit's unexpected errors", () => {
	it("does not log a client's error (a path that is not percent-encoding, a page not found)", () => {
		const log = vi.fn();
		logServerError(
			{ error: new Error('Failed to decode URI'), status: 400, event: event('GET', '/a/%ZZ') },
			log
		);
		logServerError({ error: new Error('Not found'), status: 404, event: event('GET', '/x') }, log);
		expect(log).not.toHaveBeenCalled();
	});

	it('does not log a body cut off by its sender (node: "aborted", ECONNRESET), which SvelteKit calls 500', () => {
		const log = vi.fn();
		const error = Object.assign(new Error('aborted'), { code: 'ECONNRESET' });
		logServerError({ error, status: 500, event: event('POST', '/join') }, log);
		expect(log).not.toHaveBeenCalled();
	});

	it("logs the server's own error with the method, the path and the stack", () => {
		const log = vi.fn();
		const error = new Error('disk I/O error');
		logServerError({ error, status: 500, event: event('POST', '/host') }, log);
		expect(log).toHaveBeenCalledTimes(1);
		expect(log.mock.calls[0][0]).toBe('[500] POST /host');
		expect(String(log.mock.calls[0][1])).toContain('disk I/O error');
		expect(String(log.mock.calls[0][1])).toContain('serverErrors.spec');
	});

	it('logs a thrown value that is not an Error as it is', () => {
		const log = vi.fn();
		logServerError({ error: 'boom', status: 503, event: event('GET', '/') }, log);
		expect(log).toHaveBeenCalledWith('[503] GET /', 'boom');
	});
});
