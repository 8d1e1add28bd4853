/**
 * Finding what to import under the paths a user gives: content packs, PTC article texts and PTC
 * labels files, decided by file name.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import type { SkipLog } from './drafts';
import { ImportError } from './importError';
import { ptcFileKind } from './ptc';
import { displayPath } from './sourceFiles';

/** An article text file and the collection (folder name) it belongs to. */
export interface ArticleSource {
	path: string;
	collection: string;
}

/** The files one import will read, as absolute paths. */
export interface ImportSources {
	packs: string[];
	/** Files that are neither packs nor labels; PTC articles among them are picked out later. */
	others: { path: string; collection: string }[];
	labels: string[];
}

/** True for a content pack file name. */
export function isPackFile(name: string): boolean {
	return name.endsWith('.pack.json');
}

/** Every file under `dir`, depth first, sorted by name; hidden files and folders are left out. */
export function listFiles(dir: string): string[] {
	const entries = readdirSync(dir, { withFileTypes: true })
		.filter((e) => !e.name.startsWith('.'))
		.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
	return entries.flatMap((e) => {
		const path = join(dir, e.name);
		if (e.isDirectory()) return listFiles(path);
		return e.isFile() ? [path] : [];
	});
}

function addFile(sources: ImportSources, path: string, collection: string): void {
	const name = basename(path);
	if (isPackFile(name)) sources.packs.push(path);
	else if (ptcFileKind(name) === 'labels') sources.labels.push(path);
	else sources.others.push({ path, collection });
}

function addPath(sources: ImportSources, given: string): void {
	const path = resolve(given);
	if (!existsSync(path)) throw new ImportError(given, undefined, 'no such file or folder');
	if (statSync(path).isDirectory()) {
		const files = listFiles(path);
		if (files.length === 0) throw new ImportError(given, undefined, 'the folder is empty');
		for (const file of files) addFile(sources, file, basename(path));
		return;
	}
	const name = basename(path);
	if (!isPackFile(name) && ptcFileKind(name) === null) {
		throw new ImportError(
			displayPath(path),
			undefined,
			'not a content pack (*.pack.json), a PTC article (article<ID>.txt) or a labels file (*.labels)'
		);
	}
	addFile(sources, path, basename(dirname(path)));
}

/** Collects the files to import from files and folders (folders are searched recursively). */
export function collectSources(paths: readonly string[]): ImportSources {
	const sources: ImportSources = { packs: [], others: [], labels: [] };
	for (const given of paths) addPath(sources, given);
	return sources;
}

/**
 * Splits the non-pack files into PTC articles and the rest, leaving out text files that packs
 * point to (their `textFile`). The rest are logged as skipped.
 */
export function pickPtcArticles(
	others: ImportSources['others'],
	packTextFiles: ReadonlySet<string>,
	skips: SkipLog
): ArticleSource[] {
	const articles: ArticleSource[] = [];
	for (const other of others) {
		if (packTextFiles.has(other.path)) continue;
		if (ptcFileKind(basename(other.path)) === 'article') articles.push(other);
		else skips.add('not a pack, PTC article or labels file', { file: displayPath(other.path) });
	}
	return articles;
}
