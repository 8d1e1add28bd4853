/**
 * The cookies that hold a device's tokens: a player's seat in one game, and the host's rights
 * over one game.
 */
import type { Cookies } from '@sveltejs/kit';

/** Seats and host rights last a school day. */
const COOKIE_MAX_AGE = 60 * 60 * 12;

/** Cookie holding a player's token for one game. */
export function playerCookieName(gameId: string): string {
	return `slant_player_${gameId}`;
}

/** Cookie holding the host's token for one game. */
export function hostCookieName(gameId: string): string {
	return `slant_host_${gameId}`;
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

export function setPlayerCookie(cookies: Cookies, url: URL, gameId: string, token: string) {
	cookies.set(playerCookieName(gameId), token, cookieOptions(url));
}

export function setHostCookie(cookies: Cookies, url: URL, gameId: string, token: string) {
	cookies.set(hostCookieName(gameId), token, cookieOptions(url));
}

export function playerToken(cookies: Cookies, gameId: string): string | undefined {
	return cookies.get(playerCookieName(gameId));
}

export function hostToken(cookies: Cookies, gameId: string): string | undefined {
	return cookies.get(hostCookieName(gameId));
}
