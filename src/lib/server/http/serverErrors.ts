/**
 * SvelteKit's `handleError` hook (src/hooks.server.ts): which unexpected errors reach the log.
 *
 * Without the hook SvelteKit logs every such error, a client's as well as the server's: a line
 * for each 404 and a stack trace for each request it refuses with 400 (a path that is not valid
 * percent-encoding, say), and a 500 with a stack for each request whose sender closed the
 * connection before its body was in. Anyone could fill the log with requests that cost them
 * nothing. Errors of the client (status under 500, or a body cut off by the client) are not logged;
 * the server's own (500 and up) are logged with the request's method and path and the stack. The
 * browser gets only SvelteKit's message either way.
 */

/** What `handleError` receives, the fields read here. */
export interface ServerErrorInput {
	error: unknown;
	status: number;
	event: { request: { method: string }; url: { pathname: string } };
}

/** True for node's error when the client closed the connection while its request was read. */
function cutOffByClient(error: unknown): boolean {
	return (error as { code?: unknown } | null)?.code === 'ECONNRESET';
}

/** Logs a server error (status 500 and up) through `log`; a client's error is not logged. */
export function logServerError(
	{ error, status, event }: ServerErrorInput,
	log: (...data: unknown[]) => void = console.error
): void {
	if (status < 500 || cutOffByClient(error)) return;
	log(
		`[${status}] ${event.request.method} ${event.url.pathname}`,
		error instanceof Error ? (error.stack ?? error.message) : error
	);
}
