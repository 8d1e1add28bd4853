import type { Cookies } from '@sveltejs/kit';
import { setSeatCookie } from '$lib/server/http/seatCookie';
import { SOLO_COOKIE } from '$lib/server/solo/soloGame';

/** Stores this browser's solo token: httpOnly, SameSite=Lax, for the whole site. */
export function setSoloCookie(cookies: Cookies, url: URL, token: string) {
	setSeatCookie(cookies, url, SOLO_COOKIE, token, 60 * 60 * 24 * 30);
}

/** This browser's solo token, if it has one. */
export function soloToken(cookies: Cookies): string | undefined {
	return cookies.get(SOLO_COOKIE);
}
