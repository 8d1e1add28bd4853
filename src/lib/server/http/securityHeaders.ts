/**
 * Headers on every response (the Content-Security-Policy of pages comes from `kit.csp`). Set by
 * the `handle` hook and by the node:http answer endpoint, which answers ahead of SvelteKit.
 */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
	'x-content-type-options': 'nosniff',
	'referrer-policy': 'strict-origin-when-cross-origin',
	'x-frame-options': 'DENY',
	'cross-origin-opener-policy': 'same-origin'
};
