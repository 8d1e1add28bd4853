/**
 * Nickname rules for live games and assignments: what a player types becomes a display name and
 * a case-folded key that must be unique within a game.
 */

export const NICKNAME_MAX = 20;

export type NicknameCheck =
	{ ok: true; nickname: string; key: string } | { ok: false; message: string };

const graphemes = new Intl.Segmenter('en', { granularity: 'grapheme' });

/** Control characters, line/paragraph separators and bidirectional overrides/isolates. */
const FORBIDDEN = /[\p{Cc}\p{Zl}\p{Zp}\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C\uFEFF]/u;

/** Number of user-perceived characters (grapheme clusters), not UTF-16 units. */
export function nicknameLength(text: string): number {
	return Array.from(graphemes.segment(text)).length;
}

/**
 * Checks and normalises a nickname: NFKC, trimmed, inner runs of spaces collapsed, 1 to 20
 * characters, no control characters. Returns the display form and the key used for uniqueness
 * (case-insensitive).
 */
export function checkNickname(raw: unknown): NicknameCheck {
	if (typeof raw !== 'string') return { ok: false, message: 'Please enter a nickname.' };
	if (!raw.isWellFormed()) {
		return { ok: false, message: 'That nickname contains a broken character.' };
	}
	const normalised = raw.normalize('NFKC').trim();
	if (FORBIDDEN.test(normalised)) {
		return {
			ok: false,
			message: 'Nicknames cannot contain control characters or line breaks.'
		};
	}
	const nickname = normalised.replace(/\s+/gu, ' ');
	const length = nicknameLength(nickname);
	if (length === 0) return { ok: false, message: 'Please enter a nickname.' };
	if (length > NICKNAME_MAX) {
		return {
			ok: false,
			message: `Nicknames can be at most ${NICKNAME_MAX} characters long (this one has ${length}).`
		};
	}
	return { ok: true, nickname, key: nicknameKey(nickname) };
}

/**
 * The case-insensitive key of an already normalised nickname. Upper-casing in between folds
 * letters whose lower case differs by form ("Straße" and "STRASSE" share a key).
 */
export function nicknameKey(nickname: string): string {
	return nickname.normalize('NFKC').toLowerCase().toUpperCase().toLowerCase().normalize('NFKC');
}
