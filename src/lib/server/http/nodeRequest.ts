/**
 * What the node:http endpoints (served by scripts/serve.js ahead of SvelteKit) read from a request
 * and how they reply, done as SvelteKit and adapter-node do it, so that a request gets the same
 * treatment on either path.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { readJsonBody, tooLarge } from './bodyCheck';
import { SECURITY_HEADERS } from './securityHeaders';

const JSON_HEADERS = { ...SECURITY_HEADERS, 'content-type': 'application/json' };

/** One cookie's value from a Cookie header (the first of that name), decoded as SvelteKit does. */
export function cookieValue(header: string | undefined, name: string): string | undefined {
	if (!header) return undefined;
	for (const part of header.split(';')) {
		const eq = part.indexOf('=');
		if (eq < 0 || part.slice(0, eq).trim() !== name) continue;
		let value = part.slice(eq + 1).trim();
		if (value.startsWith('"') && value.endsWith('"')) value = value.slice(1, -1);
		try {
			return decodeURIComponent(value);
		} catch {
			return value;
		}
	}
	return undefined;
}

/**
 * The client's address as adapter-node's `getClientAddress` reads it: ADDRESS_HEADER (with
 * XFF_DEPTH for x-forwarded-for) when set, else the socket's peer. Undefined where adapter-node
 * would throw (the header missing or too short), as `clientOf` turns that throw into undefined.
 */
export function clientAddress(
	req: IncomingMessage,
	env: Record<string, string | undefined> = process.env
): string | undefined {
	const header = (env.ADDRESS_HEADER ?? '').toLowerCase();
	if (!header) return req.socket?.remoteAddress;
	if (!(header in req.headers)) return undefined;
	const raw = req.headers[header];
	const value = (Array.isArray(raw) ? raw.join(', ') : raw) || '';
	if (header !== 'x-forwarded-for') return value;
	const depth = parseInt(env.XFF_DEPTH ?? '1');
	const addresses = value.split(',');
	if (!(depth >= 1) || depth > addresses.length) return undefined;
	return addresses[addresses.length - depth].trim();
}

/** A path parameter decoded as SvelteKit decodes route parameters; null when it cannot be. */
export function decodeParam(raw: string): string | null {
	try {
		return decodeURIComponent(raw);
	} catch {
		return null;
	}
}

/** A JSON reply with the security headers (nothing when the response has already begun). */
export function replyJson(
	res: ServerResponse,
	status: number,
	value: unknown,
	headers: Record<string, string> = {}
): void {
	if (res.headersSent || res.destroyed) return;
	const body = JSON.stringify(value);
	res.writeHead(status, {
		...JSON_HEADERS,
		...headers,
		'content-length': Buffer.byteLength(body)
	});
	res.end(body);
}

/**
 * What an endpoint does with a request's JSON body once it has all arrived: it must reply on
 * `res`, and hand whatever fails (thrown, or rejected later) to `fail`, which replies.
 */
export type JsonUse = (body: unknown, res: ServerResponse, fail: (e: unknown) => void) => void;

/**
 * Reads a request's JSON body as adapter-node and the request guard read it: a body over `limit`
 * bytes (declared or sent) is 413 `too_large`, one `readJsonBody` refuses (UTF-8, JSON, nesting,
 * lone surrogates) is its 400 or 415 `bad_body`; `use` gets the value (with `res` and `fail`) once
 * it has all arrived. This runs in event listeners, where an error escaping would end the process
 * (and every live game in it): whatever `use` throws goes to `fail`, which must reply.
 */
export function readJsonRequest(
	req: IncomingMessage,
	res: ServerResponse,
	limit: number,
	use: JsonUse,
	fail: (e: unknown) => void
): void {
	const declared = Number(req.headers['content-length']);
	if (Number.isFinite(declared) && declared > limit) {
		const refusal = tooLarge(limit);
		replyJson(res, 413, { code: refusal.code, message: refusal.message });
		req.resume();
		return;
	}
	const chunks: Buffer[] = [];
	let size = 0;
	let refused = false;
	req.on('data', (chunk: Buffer) => {
		if (refused) return;
		size += chunk.length;
		if (size > limit) {
			refused = true;
			const refusal = tooLarge(limit);
			replyJson(res, 413, { code: refusal.code, message: refusal.message });
			return;
		}
		chunks.push(chunk);
	});
	req.on('error', () => {
		refused = true;
	});
	req.on('end', () => {
		if (refused) return;
		try {
			const body = readJsonBody(req.headers['content-type'], Buffer.concat(chunks, size));
			if ('problem' in body) {
				const { status, message } = body.problem;
				replyJson(res, status, { code: 'bad_body', message });
				return;
			}
			use(body.value, res, fail);
		} catch (e) {
			fail(e);
		}
	});
}
