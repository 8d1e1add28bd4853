/**
 * Checks a request body before any route reads it, so that a body the server cannot read is
 * refused with 400 or 415 and a clear message instead of failing inside a route (500), and text
 * that is not valid Unicode (invalid UTF-8, lone surrogates) is refused rather than stored as
 * U+FFFD or as broken UTF-8.
 */

export interface BodyProblem {
	status: 400 | 415;
	message: string;
}

/** BODY_SIZE_LIMIT read as adapter-node reads it: bytes, or a number with a K, M or G suffix. */
export function parseBodyLimit(value: string | undefined): number {
	if (value === undefined || value === '') return 512 * 1024;
	const unit = { K: 1024, M: 1024 ** 2, G: 1024 ** 3 }[value.slice(-1).toUpperCase()];
	return unit ? Number(value.slice(0, -1)) * unit : Number(value);
}

/** The refusal of a body over the size limit (adapter-node stops reading it at the limit). */
export function tooLarge(limit: number): { status: 413; code: 'too_large'; message: string } {
	const size = limit >= 1024 ? `${Math.floor(limit / 1024)} KB` : `${limit} bytes`;
	return {
		status: 413,
		code: 'too_large',
		message: `The request body is too large: this server takes at most ${size}.`
	};
}

/**
 * How deep a JSON body may nest arrays and objects. Slant's deepest request, an answer, nests 3
 * levels; the rest is headroom.
 */
export const MAX_JSON_DEPTH = 32;

const FORM_TYPES = ['application/x-www-form-urlencoded', 'multipart/form-data'];

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

function mediaType(header: string | null): { type: string; params: string } {
	const [type, ...params] = (header ?? '').split(';');
	return { type: type.trim().toLowerCase(), params: params.join(';') };
}

/**
 * True when every string in a parsed JSON value, keys included, is well-formed Unicode. Walks the
 * value with a loop and its own stack: a request's value is attacker-controlled, and a recursive
 * walk of it would overflow the call stack.
 */
export function wellFormedJson(value: unknown): boolean {
	const pending: unknown[] = [value];
	while (pending.length > 0) {
		const next = pending.pop();
		if (typeof next === 'string') {
			if (!next.isWellFormed()) return false;
		} else if (Array.isArray(next)) {
			for (const item of next) pending.push(item);
		} else if (next !== null && typeof next === 'object') {
			for (const [key, item] of Object.entries(next)) {
				if (!key.isWellFormed()) return false;
				pending.push(item);
			}
		}
	}
	return true;
}

/**
 * True when a JSON text opens more than `max` arrays and objects inside one another. A loop over
 * the characters that skips the insides of strings (and the character after each backslash in
 * them), so it costs one pass, needs no stack, and works on text that is not valid JSON.
 */
export function jsonNestingExceeds(text: string, max: number): boolean {
	let depth = 0;
	let inString = false;
	for (let i = 0; i < text.length; i++) {
		const c = text.charCodeAt(i);
		if (inString) {
			if (c === 0x5c)
				i++; // backslash: the next character is escaped
			else if (c === 0x22) inString = false;
		} else if (c === 0x22) inString = true;
		else if (c === 0x5b || c === 0x7b) {
			if (++depth > max) return true;
		} else if (c === 0x5d || c === 0x7d) depth--;
	}
	return false;
}

/** Percent-decodes one urlencoded name or value; throws on a sequence that is not UTF-8. */
function decodeFormPart(part: string): string {
	return decodeURIComponent(part.replace(/\+/g, ' '));
}

const BAD_TEXT: BodyProblem = {
	status: 400,
	message: 'The request contains text that is not valid UTF-8 (or a lone surrogate).'
};

const TOO_DEEP: BodyProblem = {
	status: 400,
	message: `The request body nests arrays and objects too deep: this server takes at most ${MAX_JSON_DEPTH} levels.`
};

const NOT_JSON: BodyProblem = {
	status: 415,
	message: 'Send the request body as JSON (Content-Type: application/json).'
};

/**
 * The checks an API request's body passes, on a body already read: JSON by its Content-Type,
 * valid UTF-8, nested at most MAX_JSON_DEPTH deep (checked before parsing, so nothing deeper is
 * ever built or walked), parseable, no lone surrogates. Returns the parsed value, or the problem. (The
 * node:http answer endpoint reads its body itself and calls this, so both paths refuse alike.)
 */
export function readJsonBody(
	contentType: string | null | undefined,
	bytes: Uint8Array
): { value: unknown } | { problem: BodyProblem } {
	if (mediaType(contentType ?? null).type !== 'application/json') return { problem: NOT_JSON };
	let text: string;
	try {
		text = utf8.decode(bytes);
	} catch {
		return { problem: BAD_TEXT };
	}
	if (jsonNestingExceeds(text, MAX_JSON_DEPTH)) return { problem: TOO_DEEP };
	let value: unknown;
	try {
		value = JSON.parse(text);
	} catch {
		return { problem: { status: 400, message: 'The request body is not valid JSON.' } };
	}
	return wellFormedJson(value) ? { value } : { problem: BAD_TEXT };
}

/**
 * An API request's body, read once (it is consumed: routes take it from `locals.apiBody`) and
 * checked as `readJsonBody` does: its JSON value, null for no body at all (sign-out: the route
 * reads none, or refuses with 400), or the problem.
 */
export async function readApiBody(
	request: Request
): Promise<{ body: { value: unknown } | null } | { problem: BodyProblem }> {
	const contentType = request.headers.get('content-type');
	const bytes = new Uint8Array(await request.arrayBuffer());
	if (mediaType(contentType).type === '' && bytes.byteLength === 0) return { body: null };
	const checked = readJsonBody(contentType, bytes);
	return 'problem' in checked ? checked : { body: checked };
}

/**
 * The body of an API request for its route: the value the request guard read (`locals.apiBody`),
 * null when there was none. The guard reads the body of every API request that may carry one;
 * a route that finds it unread was reached without the guard, which is a bug, not a bad request.
 */
export function apiBody(event: {
	locals: { apiBody?: { value: unknown } | null };
}): { value: unknown } | null {
	if (event.locals.apiBody === undefined) {
		throw new Error('The request guard did not read this API body (hooks.server.ts).');
	}
	return event.locals.apiBody;
}

/** Index of `needle` in `bytes` from `from`, or -1. */
function indexOfBytes(bytes: Uint8Array, needle: Uint8Array, from: number): number {
	outer: for (let i = from; i <= bytes.length - needle.length; i++) {
		for (let j = 0; j < needle.length; j++) if (bytes[i + j] !== needle[j]) continue outer;
		return i;
	}
	return -1;
}

/**
 * True when every part of a multipart body that is not a file is valid UTF-8. File parts are
 * skipped: an uploaded zip is binary, and the route decodes a text file itself.
 */
function textPartsAreUtf8(bytes: Uint8Array, boundary: string): boolean {
	const ascii = new TextEncoder();
	const delimiter = ascii.encode(`--${boundary}`);
	const headerEnd = ascii.encode('\r\n\r\n');
	let at = indexOfBytes(bytes, delimiter, 0);
	while (at !== -1) {
		const headersStart = at + delimiter.length;
		const next = indexOfBytes(bytes, delimiter, headersStart);
		if (next === -1) return true;
		const split = indexOfBytes(bytes, headerEnd, headersStart);
		if (split !== -1 && split < next) {
			const headers = new TextDecoder('latin1').decode(bytes.subarray(headersStart, split));
			// The part's bytes end before the CRLF that precedes the next delimiter.
			const content = bytes.subarray(split + headerEnd.length, Math.max(split + 4, next - 2));
			if (!/filename\*?=/i.test(headers)) {
				try {
					utf8.decode(content);
				} catch {
					return false;
				}
			}
		}
		at = next;
	}
	return true;
}

/**
 * The problem with a form's body, or null when its route can read it. Reads a clone, so the
 * form action still gets the body. Only a route that takes uploads (`files`) accepts file parts;
 * their bytes are not text, so there only the other fields must be UTF-8.
 */
export async function formBodyProblem(
	request: Request,
	{ files = false }: { files?: boolean } = {}
): Promise<BodyProblem | null> {
	const contentType = request.headers.get('content-type');
	const { type, params } = mediaType(contentType);
	if (!FORM_TYPES.includes(type)) {
		return {
			status: 415,
			message:
				'Send the form as application/x-www-form-urlencoded or multipart/form-data, as a browser does.'
		};
	}
	const boundary = /(?:^|;)\s*boundary="?([^";]+)"?/i.exec(params)?.[1];
	if (type === 'multipart/form-data' && boundary === undefined) {
		return { status: 400, message: 'A multipart/form-data body needs a boundary.' };
	}
	const bytes = new Uint8Array(await request.clone().arrayBuffer());
	if (files && type === 'multipart/form-data' && boundary !== undefined) {
		if (!textPartsAreUtf8(bytes, boundary)) return BAD_TEXT;
	} else {
		let text: string;
		try {
			text = utf8.decode(bytes);
		} catch {
			return BAD_TEXT;
		}
		if (type === 'application/x-www-form-urlencoded') {
			try {
				for (const pair of text.split('&'))
					for (const part of pair.split('=')) decodeFormPart(part);
			} catch {
				return BAD_TEXT;
			}
			return null;
		}
	}
	let form: FormData;
	try {
		form = await new Request('http://localhost/', {
			method: 'POST',
			headers: { 'content-type': contentType ?? '' },
			body: bytes
		}).formData();
	} catch {
		return { status: 400, message: 'The multipart/form-data body is broken and cannot be read.' };
	}
	for (const [name, value] of form) {
		if (typeof value !== 'string') {
			if (files) continue;
			return { status: 400, message: 'This form takes no files.' };
		}
		if (!name.isWellFormed() || !value.isWellFormed()) return BAD_TEXT;
	}
	return null;
}
