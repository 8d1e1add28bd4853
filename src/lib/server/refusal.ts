/**
 * Refusals and how every route replies with one. A service throws a `Refusal` (each service has its
 * subclass, some with a stable `code` for scripts); routes never catch one by name: they run their
 * one service call through `orErrorPage` (loads), `orFailure` (form actions) or `orJson` (JSON
 * endpoints), and anything that is not a refusal goes on to SvelteKit (a redirect, a bug).
 */
import { error, fail, json, type ActionFailure } from '@sveltejs/kit';

/**
 * A request the server refuses, with the HTTP status the route answers with and a message a person
 * can act on. Each service has its own subclass.
 */
export class Refusal extends Error {
	constructor(
		readonly status: number,
		message: string
	) {
		super(message);
		this.name = new.target.name;
	}
}

/** The stable code a refusal carries for scripts (live games, accounts), if any. */
function codeOf(e: Refusal): string | undefined {
	const code = (e as { code?: unknown }).code;
	return typeof code === 'string' ? code : undefined;
}

/** What a reply may say of a refusal: its status, message and (for some services) code. */
export interface RefusalReply {
	status: number;
	message: string;
	code?: string;
	/** Seconds until waiting ends the refusal (a sign-in lockout), sent as Retry-After. */
	retryAfter?: number;
}

/** Seconds until the request may succeed, for refusals that waiting ends. */
function retryAfterOf(e: Refusal): number | undefined {
	const seconds = (e as { retryAfter?: unknown }).retryAfter;
	return typeof seconds === 'number' ? seconds : undefined;
}

/** The Retry-After header of a refusal that waiting ends, else none. */
export function refusalHeaders(e: Refusal): Record<string, string> {
	const seconds = retryAfterOf(e);
	return seconds === undefined ? {} : { 'retry-after': String(seconds) };
}

/** A refusal as the JSON API replies with it: `{ code, message }` (no code when it has none). */
export function refusalBody(e: Refusal): { code?: string; message: string } {
	const code = codeOf(e);
	return code === undefined ? { message: e.message } : { code, message: e.message };
}

/** A refusal as a JSON reply with its status. */
export function refusalJson(e: Refusal): Response {
	return json(refusalBody(e), { status: e.status, headers: refusalHeaders(e) });
}

/**
 * A refusal as a form action's failure: its status, and the data `data` makes of it (its message
 * under the form's own key, with what the form should keep). `data` may instead throw an error
 * page, for a refusal the form cannot show.
 */
export function refusalFailure<D extends Record<string, unknown>>(
	e: Refusal,
	data: (refusal: RefusalReply) => D
): ActionFailure<D> {
	return fail(e.status, data({ status: e.status, retryAfter: retryAfterOf(e), ...refusalBody(e) }));
}

/** Runs a load's service call; a refusal becomes the error page with its status and message. */
export async function orErrorPage<T>(fn: () => T | Promise<T>): Promise<T> {
	try {
		return await fn();
	} catch (e) {
		if (e instanceof Refusal) error(e.status, e.message);
		throw e;
	}
}

/** `orErrorPage` for a load that must stay synchronous. */
export function orErrorPageNow<T>(fn: () => T): T {
	try {
		return fn();
	} catch (e) {
		if (e instanceof Refusal) error(e.status, e.message);
		throw e;
	}
}

/** Runs a form action's service call; a refusal becomes a failure (see refusalFailure). */
export async function orFailure<T, D extends Record<string, unknown>>(
	fn: () => T | Promise<T>,
	data: (refusal: RefusalReply) => D
): Promise<T | ActionFailure<D>> {
	try {
		return await fn();
	} catch (e) {
		if (e instanceof Refusal) return refusalFailure(e, data);
		throw e;
	}
}

/** Runs a JSON endpoint's service call; a refusal becomes `{ code, message }` with its status. */
export async function orJson(fn: () => Response | Promise<Response>): Promise<Response> {
	try {
		return await fn();
	} catch (e) {
		if (e instanceof Refusal) return refusalJson(e);
		throw e;
	}
}
