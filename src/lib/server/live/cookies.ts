/**
 * The cookie that holds a player's seat in one game. (Hosts are signed-in teachers: see
 * ../accounts. The old per-game host cookies are only read to claim games, in ownership.ts.)
 */
import type { Cookies } from '@sveltejs/kit';

/** Seats last a school day. */
const COOKIE_MAX_AGE = 60 * 60 * 12;

/** Cookie holding a player's token for one game. */
export function playerCookieName(gameId: string): string {
	return `slant_player_${gameId}`;
}

function cookieOptions(url: URL) {
	return {
		path: '/',
		httpOnly: true,
		sameSite: 'lax' as const,
		// Phones join over the teacher's LAN address on plain HTTP: a Secure cookie would be lost.
		secure: url.protocol === 'https:',
		maxAge: COOKIE_MAX_AGE
	};
}

/**
 * The Set-Cookie header `setPlayerCookie` makes SvelteKit send, for the node:http join endpoint:
 * the same attributes in the same order (as the `cookie` package writes them).
 */
export function playerCookieHeader(gameId: string, token: string, secure: boolean): string {
	const attributes = [`Max-Age=${COOKIE_MAX_AGE}`, 'Path=/', 'HttpOnly'];
	if (secure) attributes.push('Secure');
	attributes.push('SameSite=Lax');
	return [`${playerCookieName(gameId)}=${encodeURIComponent(token)}`, ...attributes].join('; ');
}

export function setPlayerCookie(cookies: Cookies, url: URL, gameId: string, token: string) {
	cookies.set(playerCookieName(gameId), token, cookieOptions(url));
}

export function playerToken(cookies: Cookies, gameId: string): string | undefined {
	return cookies.get(playerCookieName(gameId));
}
