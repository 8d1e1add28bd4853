/**
 * Reading content files: exact bytes decoded as strict UTF-8, and paths shown the way a person
 * can find them.
 */
import { readFileSync } from 'node:fs';
import { isAbsolute, relative, sep } from 'node:path';
import { ImportError } from './importError';

// ignoreBOM keeps a leading U+FEFF in the text: the PTC counts it as a character, and the body
// must stay byte for byte what the file holds.
const strictUtf8 = () => new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/**
 * `path` relative to the working directory when that is short (inside it, or at most two levels
 * up), otherwise as given.
 */
export function displayPath(path: string): string {
	const rel = relative(process.cwd(), path);
	const climbs = rel.split(sep).filter((part) => part === '..').length;
	return rel !== '' && !isAbsolute(rel) && climbs <= 2 ? rel : path;
}

/** 1-based line of the first byte that is not valid UTF-8 (lines split on LF). */
function firstInvalidLine(bytes: Uint8Array): number {
	let lineStart = 0;
	let line = 1;
	for (let i = 0; i <= bytes.length; i++) {
		if (i === bytes.length || bytes[i] === 0x0a) {
			try {
				strictUtf8().decode(bytes.subarray(lineStart, i));
			} catch {
				return line;
			}
			line++;
			lineStart = i + 1;
		}
	}
	return line - 1;
}

/** Decodes `bytes` as strict UTF-8, naming `file` and the bad line when they are not. */
export function decodeUtf8(bytes: Uint8Array, file: string): string {
	try {
		return strictUtf8().decode(bytes);
	} catch {
		throw new ImportError(
			displayPath(file),
			firstInvalidLine(bytes),
			'the text is not valid UTF-8; save the file as UTF-8 and import again'
		);
	}
}

/** Reads a text file as exact bytes and decodes it as strict UTF-8. */
export function readUtf8File(file: string): string {
	return decodeUtf8(readFileSync(file), file);
}

/** 1-based line number of UTF-16 offset `offset` in `text`. */
export function lineAt(text: string, offset: number): number {
	let line = 1;
	for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
	return line;
}
