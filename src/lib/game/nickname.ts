/**
 * Nickname rules for live games and assignments: what a player types becomes a display name and
 * a case-folded key that must be unique within a game.
 */

export const NICKNAME_MAX = 20;
/** UTF-8 bytes after normalisation: 20 clusters of stacked marks or long emoji sequences cannot grow a name to kilobytes on the projector and in the CSV. */
export const NICKNAME_MAX_BYTES = 64;

export type NicknameCheck =
	{ ok: true; nickname: string; key: string } | { ok: false; message: string };

const graphemes = new Intl.Segmenter('en', { granularity: 'grapheme' });

/** Control characters, line/paragraph separators and bidirectional overrides/isolates. */
const FORBIDDEN = /[\p{Cc}\p{Zl}\p{Zp}\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C\uFEFF]/u;

/**
 * Invisible characters that are removed, not refused: default-ignorable code points (zero-width
 * space, word joiner, soft hyphen, Hangul fillers, variation selectors, ...) and other format
 * characters. Kept: a zero-width joiner or variation selector inside an emoji sequence (👨‍👩‍👧), where it
 * is part of a visible picture.
 */
const INVISIBLE = /^[\p{Default_Ignorable_Code_Point}\p{Cf}]$/u;
const EMOJI_GLUE = /^(?:\u200D|\uFE0E|\uFE0F)$/u;
const PICTOGRAPH = /\p{Extended_Pictographic}/u;

/** Unassigned and private-use code points: they show as boxes or nothing at all. */
const UNDISPLAYABLE = /[\p{Cn}\p{Co}]/u;

/** What makes a name visible: at least one letter, digit or symbol. */
const VISIBLE = /[\p{L}\p{N}\p{S}]/u;

const utf8 = new TextEncoder();

/**
 * Printable ASCII: no invisible character to strip, one grapheme cluster and one UTF-8 byte per
 * UTF-16 unit. Most nicknames are this, and a class joins all at once, so they skip the scans.
 */
const PRINTABLE_ASCII = /^[\x20-\x7E]*$/;

/** Removes invisible characters, keeping the joiners and selectors of emoji sequences. */
function stripInvisible(text: string): string {
	if (PRINTABLE_ASCII.test(text)) return text;
	const chars = Array.from(text);
	return chars
		.filter((c, i) => {
			if (!INVISIBLE.test(c)) return true;
			if (!EMOJI_GLUE.test(c)) return false;
			const prev = chars[i - 1] ?? '';
			return PICTOGRAPH.test(prev) || (c === '\u200D' && EMOJI_GLUE.test(prev));
		})
		.join('');
}

/** Number of user-perceived characters (grapheme clusters), not UTF-16 units. */
export function nicknameLength(text: string): number {
	if (PRINTABLE_ASCII.test(text)) return text.length;
	return Array.from(graphemes.segment(text)).length;
}

/**
 * Checks and normalises a nickname: NFKC; bidirectional controls, control characters and line
 * breaks refused; other invisible (default-ignorable and format) characters stripped; trimmed,
 * inner runs of spaces collapsed; 1 to 20 characters (grapheme clusters) and at most 64 UTF-8
 * bytes; at least one letter, digit or symbol. Returns the display form and the key used for
 * uniqueness (case-insensitive).
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
	if (UNDISPLAYABLE.test(normalised)) {
		return { ok: false, message: 'That nickname contains a character that cannot be shown.' };
	}
	const nickname = stripInvisible(normalised).trim().replace(/\s+/gu, ' ');
	const length = nicknameLength(nickname);
	if (length === 0) return { ok: false, message: 'Please enter a nickname.' };
	if (!VISIBLE.test(nickname)) {
		return { ok: false, message: 'A nickname needs at least one letter, digit or symbol.' };
	}
	if (length > NICKNAME_MAX) {
		return {
			ok: false,
			message: `Nicknames can be at most ${NICKNAME_MAX} characters long (this one has ${length}).`
		};
	}
	const bytes = utf8.encode(nickname).length;
	if (bytes > NICKNAME_MAX_BYTES) {
		return {
			ok: false,
			message: `That nickname is too long: please use fewer or simpler characters (at most ${NICKNAME_MAX_BYTES} bytes; this one has ${bytes}).`
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
