/**
 * The cookie that holds a browser's seat (a solo player's token, an assignment's seat and resume
 * code): httpOnly, SameSite=Lax, for the whole site.
 */
import type { Cookies } from '@sveltejs/kit';

/** Sets the seat cookie `name` for `maxAgeSeconds`; Secure only when the page came over HTTPS. */
export function setSeatCookie(
	cookies: Cookies,
	url: URL,
	name: string,
	value: string,
	maxAgeSeconds: number
): void {
	cookies.set(name, value, {
		path: '/',
		httpOnly: true,
		sameSite: 'lax',
		// Classrooms reach the server over plain HTTP on the local network.
		secure: url.protocol === 'https:',
		maxAge: maxAgeSeconds
	});
}
