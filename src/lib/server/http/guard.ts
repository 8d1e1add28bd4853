/**
 * The checks every request passes before its route runs: a body the route can read (see
 * `bodyCheck`), joins per address, and wrong join codes per address. Refusals are JSON on the API
 * and plain text elsewhere, with a message a person can act on.
 */
import type { RequestEvent } from '@sveltejs/kit';
import { clientOf } from '../accounts/http';
import { getDb } from '../db';
import { normaliseJoinCode } from '../../game/answering';
import { codeInUse } from '../joinCodes';
import { limits } from '../limits/limits';
import { formBodyProblem, parseBodyLimit, readApiBody, tooLarge } from './bodyCheck';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Routes whose POST seats a player (live games and assignments). */
const JOIN_ROUTES = new Set(['/join', '/join/[code]', '/api/live/join', '/a/[code]']);

/** Form routes that take an uploaded file (an article as .txt, a content pack or a PTC zip). */
const UPLOAD_ROUTES = new Set(['/teacher/articles/new']);

/** Routes a stranger could use to learn whether a code exists; the answer endpoint needs a seat. */
const SKIP_CODE_CHECK = new Set(['/api/live/play/[code]/answer']);

function refuse(
	event: RequestEvent,
	status: number,
	code: string,
	message: string,
	headers: Record<string, string> = {}
): Response {
	if (event.url.pathname.startsWith('/api/')) {
		return new Response(JSON.stringify({ code, message }), {
			status,
			headers: { 'content-type': 'application/json', ...headers }
		});
	}
	return new Response(message, {
		status,
		headers: { 'content-type': 'text/plain; charset=utf-8', ...headers }
	});
}

/** A refusal's message with the wait in it. */
export function tryAgainIn(message: string, retryAfter: number): string {
	return `${message} Try again in ${retryAfter} s.`;
}

/** A 429 refusal as status, JSON body and headers: the message with its wait, and Retry-After. */
function tooManyRefusal(code: string, message: string, retryAfter: number) {
	return {
		status: 429,
		body: { code, message: tryAgainIn(message, retryAfter) },
		headers: { 'retry-after': String(retryAfter) }
	};
}

function tooMany(event: RequestEvent, code: string, message: string, retryAfter: number) {
	const { status, body, headers } = tooManyRefusal(code, message, retryAfter);
	return refuse(event, status, body.code, body.message, headers);
}

/** The join code a request is about: its `[code]` parameter or, for a join, the posted code. */
async function requestedCode(event: RequestEvent): Promise<string | null> {
	if (event.params.code !== undefined) return event.params.code;
	if (event.request.method !== 'POST') return null;
	try {
		if (event.route.id === '/api/live/join') {
			const code = (event.locals.apiBody?.value as { code?: unknown } | null)?.code;
			return normaliseJoinCode(code);
		}
		if (event.route.id === '/join') {
			return normaliseJoinCode((await event.request.clone().formData()).get('code'));
		}
	} catch {
		return null;
	}
	return null;
}

/** A refusal for this request, or null to let its route answer. */
export async function guardRequest(event: RequestEvent): Promise<Response | null> {
	const { request, route } = event;
	const post = !SAFE_METHODS.has(request.method);
	if (post) {
		let problem;
		try {
			if (event.url.pathname.startsWith('/api/')) {
				// Read once: the route takes the value from locals.apiBody.
				const read = await readApiBody(request);
				if ('problem' in read) problem = read.problem;
				else event.locals.apiBody = read.body;
			} else {
				problem = await formBodyProblem(request, {
					files: route.id !== null && UPLOAD_ROUTES.has(route.id)
				});
			}
		} catch (e) {
			// adapter-node stops reading a body at BODY_SIZE_LIMIT with a 413 error.
			if ((e as { status?: unknown } | null)?.status !== 413) throw e;
			const { status, code, message } = tooLarge(parseBodyLimit(process.env.BODY_SIZE_LIMIT));
			return refuse(event, status, code, message);
		}
		if (problem) return refuse(event, problem.status, 'bad_body', problem.message);
	}
	if (route.id === null) return null;
	// Without a readable address (a proxy header missing) all such requests share one budget.
	const address = clientOf(event) ?? 'unknown';
	if (post && JOIN_ROUTES.has(route.id)) {
		const refused = joinsRefusal(address);
		if (refused)
			return refuse(
				event,
				refused.status,
				refused.body.code,
				refused.body.message,
				refused.headers
			);
	}
	if (SKIP_CODE_CHECK.has(route.id)) return null;
	const blocked = wrongCodeWait(await requestedCode(event), address);
	if (blocked === null) return null;
	return tooMany(event, 'too_many_wrong_codes', WRONG_CODES_MESSAGE, blocked);
}

/**
 * The join limit of a request that seats a player from `address`: it takes one join from the
 * address's budget, and gives the 429 refusal once the budget is spent (else null). Also applied
 * by the node:http join endpoint.
 */
export function joinsRefusal(address: string) {
	const wait = limits().joins.take(address);
	return wait === null
		? null
		: tooManyRefusal('too_many_joins', 'Too many joins from this network.', wait);
}

const WRONG_CODES_MESSAGE = 'Too many join codes that match no game were tried from this network.';

/**
 * The refusal of an address that tried too many wrong join codes, with its wait in seconds, for
 * the node:http event stream (the guard's own goes through `tooMany`).
 */
export function wrongCodesRefusal(wait: number) {
	return tooManyRefusal('too_many_wrong_codes', WRONG_CODES_MESSAGE, wait);
}

/**
 * The join-code check of a request about `code` from `address`: the seconds to wait when the
 * address tried too many codes that match no game, else null; a code that matches no game counts
 * against the address. (Also applied by the node:http event stream.)
 */
export function wrongCodeWait(code: string | null, address: string): number | null {
	if (code === null || !/^\d{6}$/.test(code)) return null;
	const { wrongCodes } = limits();
	const blocked = wrongCodes.blocked(address);
	if (blocked !== null) return blocked;
	if (!codeInUse(getDb(), code)) wrongCodes.take(address);
	return null;
}
