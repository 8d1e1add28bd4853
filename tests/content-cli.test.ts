/**
 * The content command-line tools end to end: `scripts/export.ts` on a fresh database file writes
 * the bundled seed article byte for byte with its labels, `scripts/import.ts` brings the export
 * back into another fresh database with every span, and bad input or arguments fail clearly.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { techniqueById } from '../src/lib/game/techniques';
import { loadContentPacks } from '../src/lib/server/content';
import { openDatabase } from '../src/lib/server/db/open';
import { articles, spans } from '../src/lib/server/db/schema';

const SEED_ID = 'seed-russia-china-divided-west';

/** Runs `npx tsx <script> ...args` from the repo root with DATABASE_URL set. */
function run(script: string, args: string[], databaseUrl: string) {
	const result = spawnSync('npx', ['tsx', script, ...args], {
		cwd: process.cwd(),
		env: { ...process.env, DATABASE_URL: databaseUrl },
		encoding: 'utf8'
	});
	return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Spans of a database file as sorted `article technique start end` lines. */
function spanLines(file: string): string[] {
	const db = openDatabase(file);
	try {
		return db
			.select()
			.from(spans)
			.all()
			.map((s) => `${s.articleId} ${s.techniqueId} ${s.start} ${s.end}`)
			.sort();
	} finally {
		db.$client.close();
	}
}

function articleCount(file: string): number {
	const db = openDatabase(file);
	try {
		return db.select().from(articles).all().length;
	} finally {
		db.$client.close();
	}
}

describe('the import and export commands', () => {
	const dir = mkdtempSync(join(tmpdir(), 'slant-cli-'));
	const exported = join(dir, 'export');
	const firstDb = join(dir, 'first.db');
	const secondDb = join(dir, 'second.db');
	let exportRun: ReturnType<typeof run>;

	beforeAll(() => {
		exportRun = run('scripts/export.ts', ['--format', 'ptc', exported], firstDb);
	});
	afterAll(() => rmSync(dir, { recursive: true, force: true }));

	it('exports the bundled content of a fresh database', () => {
		expect(exportRun.stderr).toBe('');
		expect(exportRun.status).toBe(0);
		expect(exportRun.stdout).toMatch(/Exported \d+ articles and \d+ spans/);
	});

	it('writes the seed article byte for byte', () => {
		const written = readFileSync(join(exported, `article${SEED_ID}.txt`));
		expect(written.equals(readFileSync('content/seed/article.txt'))).toBe(true);
	});

	it('writes the seed labels as the seed pack has them, sorted by start', () => {
		const seed = loadContentPacks()
			.flatMap((p) => p.articles)
			.find((a) => a.id === SEED_ID);
		const expected = [...(seed?.spans ?? [])]
			.sort(
				(a, b) => a.start - b.start || a.end - b.end || a.techniqueId.localeCompare(b.techniqueId)
			)
			.map((s) => `${SEED_ID}\t${techniqueById(s.techniqueId)?.ptcLabel}\t${s.start}\t${s.end}`);
		expect(expected.length).toBeGreaterThan(0);
		const lines = readFileSync(join(exported, `article${SEED_ID}.labels`), 'utf8')
			.trimEnd()
			.split('\n');
		expect(lines).toEqual(expected);
	});

	it('re-imports the export into another fresh database with every span', () => {
		const imported = run('scripts/import.ts', [exported], secondDb);
		expect(imported.status).toBe(0);
		expect(imported.stdout).toMatch(/Articles: \d+ added, 0 unchanged/);
		expect(imported.stderr).toMatch(/Read \d+\/\d+ articles/);
		expect(spanLines(secondDb)).toEqual(spanLines(firstDb));
		expect(articleCount(secondDb)).toBe(articleCount(firstDb));
	});

	it('stops on bad input, names the file and line, exits 1 and writes nothing', () => {
		const bad = mkdtempSync(join(dir, 'bad-'));
		writeFileSync(join(bad, 'article1.txt'), 'Title\n\nText.\n');
		writeFileSync(
			join(bad, 'article1.labels'),
			'1\tLoaded_Language\t0\t4\n1\tNo_Such_Thing\t0\t4\n'
		);
		const database = join(dir, 'bad.db');
		const result = run('scripts/import.ts', [bad], database);
		expect(result.status).toBe(1);
		expect(result.stderr).toMatch(/article1\.labels:2: unknown technique "No_Such_Thing"/);
		expect(articleCount(database)).toBe(0);
	});

	it('exits 2 with usage for an unknown format or a missing folder', () => {
		const unknown = run(
			'scripts/export.ts',
			['--format', 'csv', join(dir, 'x')],
			join(dir, 'u.db')
		);
		expect(unknown.status).toBe(2);
		expect(unknown.stderr).toMatch(/Unknown format "csv"/);
		const missing = run('scripts/export.ts', ['--format', 'ptc'], join(dir, 'u.db'));
		expect(missing.status).toBe(2);
		expect(missing.stderr).toMatch(/Usage: npm run export -- --format ptc <folder>/);
		const noArgs = run('scripts/import.ts', [], join(dir, 'u.db'));
		expect(noArgs.status).toBe(2);
	});

	it('migrates a database and says what it applied', () => {
		const database = join(dir, 'migrate.db');
		expect(run('scripts/migrate.ts', [], database).stdout).toMatch(/applied 0000_init/);
		expect(run('scripts/migrate.ts', [], database).stdout).toMatch(/already up to date/);
	});
});
