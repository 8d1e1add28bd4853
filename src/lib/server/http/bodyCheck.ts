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

/** What a route takes: JSON (the API) or an HTML form (form actions). */
export type BodyKind = 'json' | 'form';

const FORM_TYPES = ['application/x-www-form-urlencoded', 'multipart/form-data'];

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

function mediaType(header: string | null): { type: string; params: string } {
	const [type, ...params] = (header ?? '').split(';');
	return { type: type.trim().toLowerCase(), params: params.join(';') };
}

/** True when every string in a parsed JSON value, keys included, is well-formed Unicode. */
export function wellFormedJson(value: unknown): boolean {
	if (typeof value === 'string') return value.isWellFormed();
	if (Array.isArray(value)) return value.every(wellFormedJson);
	if (value !== null && typeof value === 'object') {
		return Object.entries(value).every(([k, v]) => k.isWellFormed() && wellFormedJson(v));
	}
	return true;
}

/** Percent-decodes one urlencoded name or value; throws on a sequence that is not UTF-8. */
function decodeFormPart(part: string): string {
	return decodeURIComponent(part.replace(/\+/g, ' '));
}

const BAD_TEXT: BodyProblem = {
	status: 400,
	message: 'The request contains text that is not valid UTF-8 (or a lone surrogate).'
};

/**
 * The problem with this request's body, or null when a route can read it. Reads a clone, so the
 * route still gets the body.
 */
export async function bodyProblem(request: Request, kind: BodyKind): Promise<BodyProblem | null> {
	const { type, params } = mediaType(request.headers.get('content-type'));
	// An API request with no body at all (sign-out): the route reads none, or refuses with 400.
	if (kind === 'json' && type === '' && (await request.clone().arrayBuffer()).byteLength === 0) {
		return null;
	}
	if (kind === 'json') {
		if (type !== 'application/json') {
			return {
				status: 415,
				message: 'Send the request body as JSON (Content-Type: application/json).'
			};
		}
	} else if (!FORM_TYPES.includes(type)) {
		return {
			status: 415,
			message:
				'Send the form as application/x-www-form-urlencoded or multipart/form-data, as a browser does.'
		};
	} else if (type === 'multipart/form-data' && !/(^|;)\s*boundary=/i.test(params)) {
		return { status: 400, message: 'A multipart/form-data body needs a boundary.' };
	}
	const bytes = new Uint8Array(await request.clone().arrayBuffer());
	let text: string;
	try {
		text = utf8.decode(bytes);
	} catch {
		return BAD_TEXT;
	}
	if (kind === 'json') {
		let value: unknown;
		try {
			value = JSON.parse(text);
		} catch {
			return { status: 400, message: 'The request body is not valid JSON.' };
		}
		return wellFormedJson(value) ? null : BAD_TEXT;
	}
	if (type === 'application/x-www-form-urlencoded') {
		try {
			for (const pair of text.split('&')) for (const part of pair.split('=')) decodeFormPart(part);
		} catch {
			return BAD_TEXT;
		}
		return null;
	}
	let form: FormData;
	try {
		form = await new Request('http://localhost/', {
			method: 'POST',
			headers: { 'content-type': request.headers.get('content-type') ?? '' },
			body: bytes
		}).formData();
	} catch {
		return { status: 400, message: 'The multipart/form-data body is broken and cannot be read.' };
	}
	for (const [name, value] of form) {
		if (typeof value !== 'string') {
			return { status: 400, message: 'This form takes no files.' };
		}
		if (!name.isWellFormed() || !value.isWellFormed()) return BAD_TEXT;
	}
	return null;
}
