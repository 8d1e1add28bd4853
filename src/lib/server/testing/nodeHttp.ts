/**
 * Stand-ins for node:http's request and response, for the specs of the endpoints served ahead of
 * SvelteKit (src/lib/server/live/*Endpoint.spec.ts).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Readable } from 'node:stream';

/** What a request is, beyond its body; a JSON POST with no cookie unless told otherwise. */
export type RequestShape = {
	url: string;
	method?: string;
	type?: string;
	cookie?: string;
	remoteAddress?: string;
};

/** A request carrying `body` as node:http hands it over. */
export function nodeRequest(
	body: string,
	{ url, method = 'POST', type = 'application/json', cookie = '', remoteAddress }: RequestShape
): IncomingMessage {
	const req = Readable.from([Buffer.from(body)]) as unknown as IncomingMessage;
	req.method = method;
	req.url = url;
	req.headers = { 'content-type': type, cookie };
	if (remoteAddress !== undefined) (req as { socket: unknown }).socket = { remoteAddress };
	return req;
}

/** The one reply a recording response got. */
export type Reply = { status: number; body: Record<string, unknown> };

/**
 * A response that records the one reply it gets: `replied` settles when it ends, and `headers()`
 * gives the headers it was written with.
 */
export function recordingResponse(): {
	res: ServerResponse;
	replied: Promise<Reply>;
	headers: () => Record<string, unknown>;
} {
	let resolve: (reply: Reply) => void;
	const replied = new Promise<Reply>((r) => (resolve = r));
	let status = 0;
	let written: Record<string, unknown> = {};
	const res = {
		headersSent: false,
		destroyed: false,
		writeHead(code: number, headers: Record<string, unknown> = {}) {
			status = code;
			written = headers;
			this.headersSent = true;
		},
		end(text: string) {
			resolve({ status, body: JSON.parse(text) });
		}
	};
	return { res: res as unknown as ServerResponse, replied, headers: () => written };
}
