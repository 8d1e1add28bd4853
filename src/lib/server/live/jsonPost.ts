/**
 * What the node:http JSON endpoints (./answerEndpoint.ts, ./commandEndpoint.ts, ./joinEndpoint.ts)
 * share: which requests they may take from SvelteKit, and how they read the body and reply when
 * it fails. Each endpoint adds only its own checks and its service call.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { decodeParam, readJsonRequest, type JsonUse } from '../http/nodeRequest';
import { replyFailure } from './http';

/** A JSON content type, which SvelteKit's CSRF check does not look at (forms and text it does). */
export const JSON_TYPE = /^\s*application\/json\s*(?:;|$)/i;

/** A request handler served ahead of SvelteKit: true when it took the request (and will reply). */
export type NodeHandler = (req: IncomingMessage, res: ServerResponse) => boolean;

/**
 * A handler for JSON posts to `path`. It takes only a POST with a JSON content type to that exact
 * path whose group 1 (when the path has one) decodes as SvelteKit decodes a route parameter; then
 * `accept` sees the request and that parameter ('' without one) and returns what to do with the
 * body, or null to leave the request to SvelteKit. The body is read under `bodyLimit` by
 * `readJsonRequest` (413 `too_large`, 400/415 `bad_body`); a refusal from `use` is answered with
 * its status, anything else logged under `what` and answered with 500 (see `replyFailure`).
 */
export function jsonPostEndpoint(
	path: RegExp,
	bodyLimit: number,
	what: string,
	accept: (req: IncomingMessage, param: string) => JsonUse | null
): NodeHandler {
	return (req, res) => {
		if (req.method !== 'POST') return false;
		const match = path.exec(req.url ?? '');
		if (!match || !JSON_TYPE.test(req.headers['content-type'] ?? '')) return false;
		const param = match[1] === undefined ? '' : decodeParam(match[1]);
		if (param === null) return false;
		const use = accept(req, param);
		if (!use) return false;
		const fail = (e: unknown) => replyFailure(res, e, what);
		readJsonRequest(req, res, bodyLimit, use, fail);
		return true;
	};
}
