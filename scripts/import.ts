/**
 * npm run import -- <path> [<path> ...]
 *
 * Imports content packs (*.pack.json), PTC folders (article<ID>.txt + *.labels) or single files
 * into the database at DATABASE_URL (default data/slant.db), after migrating it. All or nothing:
 * a problem in any file stops the import, names the file and line, and writes nothing.
 */
import { syncTechniques } from '../src/lib/server/content/techniques';
import {
	formatSummary,
	importContent,
	ImportError,
	type ImportProgress
} from '../src/lib/server/content';
import { databasePath, migrateDatabase, openDatabase } from '../src/lib/server/db/open';

const USAGE = 'Usage: npm run import -- <pack.json | PTC folder | labels file | folder> [...]';

/** Prints progress to stderr every 50 articles and at the end of each phase. */
function reportProgress({ phase, done, total }: ImportProgress): void {
	if (done % 50 === 0 || done === total) {
		process.stderr.write(`${phase === 'reading' ? 'Read' : 'Wrote'} ${done}/${total} articles\n`);
	}
}

function main(args: string[]): number {
	if (args.length === 0 || args.some((a) => a.startsWith('-'))) {
		console.error(USAGE);
		return 2;
	}
	const path = databasePath(process.env.DATABASE_URL);
	const db = openDatabase(path);
	try {
		migrateDatabase(db);
		syncTechniques(db);
		const summary = importContent(db, args, { onProgress: reportProgress });
		console.log(`Imported into ${path}`);
		console.log(formatSummary(summary));
		return 0;
	} catch (e) {
		if (!(e instanceof ImportError)) throw e;
		console.error(`Import failed, nothing was written.\n${e.message}`);
		return 1;
	} finally {
		db.$client.close();
	}
}

process.exitCode = main(process.argv.slice(2));
