/**
 * The rules of the project's layout that a reader cannot see in one file: which way imports go
 * and what a route may do (see ARCHITECTURE.md). Each test reads the source files as text.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = join(import.meta.dirname, '..');

/** Every file under `dir` (relative to src/) whose name passes `keep`, as src-relative paths. */
function filesUnder(dir: string, keep: (name: string) => boolean): string[] {
	const out: string[] = [];
	const walk = (path: string) => {
		for (const entry of readdirSync(path, { withFileTypes: true })) {
			const full = join(path, entry.name);
			if (entry.isDirectory()) walk(full);
			else if (keep(entry.name)) out.push(relative(SRC, full));
		}
	};
	walk(join(SRC, dir));
	return out.sort();
}

/** The files among `files` whose text matches `pattern`, with the first matching line. */
function offenders(files: string[], pattern: RegExp): string[] {
	return files.flatMap((file) => {
		const line = readFileSync(join(SRC, file), 'utf8')
			.split('\n')
			.find((l) => pattern.test(l));
		return line === undefined ? [] : [`${file}: ${line.trim()}`];
	});
}

const routeCode = filesUnder('routes', (name) => /\.(ts|js)$/.test(name));

describe('routes', () => {
	it('never catch a refusal class by name (refusal.ts maps every refusal)', () => {
		expect(offenders(routeCode, /instanceof\s+(\w+Error|Refusal)\b/)).toEqual([]);
	});

	it('never build or settle a round (content/rounds.ts does, for every mode)', () => {
		const building = /\b(buildRound\w*|makeRound\w*|settleSources|settleRound)\b|roundBuilder/;
		expect(offenders(routeCode, building)).toEqual([]);
	});
});

describe('browser code', () => {
	const browserCode = [
		...filesUnder('lib/client', () => true),
		...filesUnder('lib/components', () => true),
		...filesUnder('routes', (name) => name === '+page.svelte')
	];

	it('never imports a server module, not even for a type (views are typed in $lib/game)', () => {
		const serverImport = /\bfrom\s+['"](\$lib\/server\b|(\.\.\/)+(lib\/)?server\/)/;
		expect(browserCode.length).toBeGreaterThan(20);
		expect(offenders(browserCode, serverImport)).toEqual([]);
	});
});
