/**
 * The checks every request passes before its route runs: a body the route can read (see
 * `bodyCheck`), joins per address, and wrong join codes per address. Refusals are JSON on the API
 * and plain text elsewhere, with a message a person can act on.
 */
import type { RequestEvent } from '@sveltejs/kit';
import { clientOf } from '../accounts/http';
import { getDb } from '../db';
import { codeInUse } from '../joinCodes';
import { limits } from '../limits/limits';
import { bodyProblem, parseBodyLimit, tooLarge } from './bodyCheck';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Routes whose POST seats a player (live games and assignments). */
const JOIN_ROUTES = new Set(['/join', '/join/[code]', '/api/live/join', '/a/[code]']);

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

function tooMany(event: RequestEvent, code: string, message: string, retryAfter: number) {
	return refuse(event, 429, code, `${message} Try again in ${retryAfter} s.`, {
		'retry-after': String(retryAfter)
	});
}

/** The join code a request is about: its `[code]` parameter or, for a join, the posted code. */
async function requestedCode(event: RequestEvent): Promise<string | null> {
	if (event.params.code !== undefined) return event.params.code;
	if (event.request.method !== 'POST') return null;
	try {
		if (event.route.id === '/api/live/join') {
			const body: unknown = await event.request.clone().json();
			const code = (body as { code?: unknown } | null)?.code;
			return typeof code === 'string' ? code.trim() : null;
		}
		if (event.route.id === '/join') {
			const code = (await event.request.clone().formData()).get('code');
			return typeof code === 'string' ? code.replace(/\s+/g, '') : null;
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
			problem = await bodyProblem(
				request,
				event.url.pathname.startsWith('/api/') ? 'json' : 'form'
			);
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
	const limit = limits();
	if (post && JOIN_ROUTES.has(route.id)) {
		const wait = limit.joins.take(address);
		if (wait !== null) {
			return tooMany(event, 'too_many_joins', 'Too many joins from this network.', wait);
		}
	}
	if (SKIP_CODE_CHECK.has(route.id)) return null;
	const code = await requestedCode(event);
	if (code === null || !/^\d{6}$/.test(code)) return null;
	const blocked = limit.wrongCodes.blocked(address);
	if (blocked !== null) {
		return tooMany(
			event,
			'too_many_wrong_codes',
			'Too many join codes that match no game were tried from this network.',
			blocked
		);
	}
	if (!codeInUse(getDb(), code)) limit.wrongCodes.take(address);
	return null;
}
