import type { Cookies } from '@sveltejs/kit';
import { SOLO_COOKIE } from '$lib/server/solo/soloGame';

/** Stores this browser's solo token: httpOnly, SameSite=Lax, for the whole site. */
export function setSoloCookie(cookies: Cookies, url: URL, token: string) {
	cookies.set(SOLO_COOKIE, token, {
		path: '/',
		httpOnly: true,
		sameSite: 'lax',
		// Classrooms reach the server over plain HTTP on the local network.
		secure: url.protocol === 'https:',
		maxAge: 60 * 60 * 24 * 30
	});
}

/** This browser's solo token, if it has one. */
export function soloToken(cookies: Cookies): string | undefined {
	return cookies.get(SOLO_COOKIE);
}
