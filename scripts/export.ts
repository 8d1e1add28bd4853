/**
 * npm run export -- --format ptc <folder>
 *
 * Writes every article of the database at DATABASE_URL (default data/slant.db) as
 * article<ID>.txt and article<ID>.labels in the PTC layout. Like start-up, it first migrates the
 * database and loads the bundled content into an empty one.
 */
import { ensureBundledContent, exportPtc } from '../src/lib/server/content';
import { syncTechniques } from '../src/lib/server/content/techniques';
import { databasePath, migrateDatabase, openDatabase } from '../src/lib/server/db/open';

const USAGE = 'Usage: npm run export -- --format ptc <folder>';
const FORMATS = ['ptc'];

/** Reads `--format x` / `--format=x` and one folder; null when the arguments are wrong. */
function parseArgs(args: string[]): { format: string; folder: string } | { error: string } {
	let format: string | undefined;
	const rest: string[] = [];
	for (let i = 0; i < args.length; i++) {
		const arg = args[i];
		if (arg === '--format') format = args[++i];
		else if (arg.startsWith('--format=')) format = arg.slice('--format='.length);
		else if (arg.startsWith('-')) return { error: `Unknown option ${arg}` };
		else rest.push(arg);
	}
	if (format === undefined) return { error: 'Missing --format' };
	if (!FORMATS.includes(format)) {
		return { error: `Unknown format "${format}"; known formats: ${FORMATS.join(', ')}` };
	}
	if (rest.length !== 1) return { error: 'Give exactly one output folder' };
	return { format, folder: rest[0] };
}

function main(args: string[]): number {
	const parsed = parseArgs(args);
	if ('error' in parsed) {
		console.error(`${parsed.error}\n${USAGE}`);
		return 2;
	}
	const path = databasePath(process.env.DATABASE_URL);
	const db = openDatabase(path);
	try {
		migrateDatabase(db);
		syncTechniques(db);
		ensureBundledContent(db);
		const summary = exportPtc(db, parsed.folder);
		console.log(
			`Exported ${summary.articles} articles and ${summary.spans} spans from ${path} to ${summary.folder}`
		);
		return 0;
	} catch (e) {
		// File-system problems (folder is a file, no permission) are the user's to fix: no stack.
		if (!(e instanceof Error && 'code' in e)) throw e;
		console.error(`Export failed: ${e.message}`);
		return 1;
	} finally {
		db.$client.close();
	}
}

process.exitCode = main(process.argv.slice(2));
