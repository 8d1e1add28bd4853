/**
 * The one rule for redirect targets taken from input (the `next` of the sign-in and sign-up pages
 * and forms): only a path of this site, as a browser would read it, may be followed.
 */

/** Where a refused target goes instead. */
export const DEFAULT_REDIRECT = '/teacher';

/**
 * `raw` when it is a path of this site, else `fallback`. The target is read as the browser reads
 * a Location header, with the WHATWG URL parser against `origin`, and kept only when it stays on
 * that origin, its path does not start with `//` or `/\`, and parsing changed nothing: browsers
 * silently drop tabs and newlines and read `\` as `/`, so `/\t/evil.example` would lead to
 * evil.example, and a raw newline would break the header. Such input is refused rather than
 * cleaned up; percent-encoded characters (`/%0A/x`) stay encoded and are plain path text.
 */
export function safeRedirect(
	raw: string | null | undefined,
	origin: string,
	fallback = DEFAULT_REDIRECT
): string {
	if (!raw || !raw.startsWith('/')) return fallback;
	let url: URL;
	try {
		url = new URL(raw, origin);
	} catch {
		return fallback;
	}
	const target = url.pathname + url.search + url.hash;
	if (url.origin !== new URL(origin).origin || target !== raw) return fallback;
	if (url.pathname.startsWith('//') || url.pathname.startsWith('/\\')) return fallback;
	return target;
}
