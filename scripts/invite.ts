/**
 * npm run invite -- [--email=teacher@school.example] [--days=14] [--note="Year 9 English"]
 *
 * Creates an invitation to sign up as a teacher (needed when the server runs with SIGNUP=invite)
 * in the database at DATABASE_URL (default data/slant.db), and prints its link. The code is shown
 * once: the database keeps only its hash. With --email, only that address may use it.
 */
import { parseArgs } from 'node:util';
import { AccountError, createInvite } from '../src/lib/server/accounts/accounts';
import { databasePath, migrateDatabase, openDatabase } from '../src/lib/server/db/open';

function main(): number {
	const { values } = parseArgs({
		options: {
			email: { type: 'string' },
			days: { type: 'string', default: '14' },
			note: { type: 'string' }
		}
	});
	const path = databasePath(process.env.DATABASE_URL);
	const db = openDatabase(path);
	try {
		migrateDatabase(db);
		const { code, expiresAt } = createInvite(db, {
			email: values.email,
			days: Number(values.days),
			note: values.note
		});
		const origin = (process.env.ORIGIN ?? 'http://localhost:3000').replace(/\/+$/, '');
		console.log(`Invitation${values.email ? ` for ${values.email.trim().toLowerCase()}` : ''}`);
		console.log(`  link:    ${origin}/teacher/sign-up?invite=${code}`);
		console.log(`  code:    ${code}`);
		console.log(`  expires: ${expiresAt.toISOString()}`);
		return 0;
	} catch (e) {
		if (e instanceof AccountError) {
			console.error(e.message);
			return 1;
		}
		throw e;
	} finally {
		db.$client.close();
	}
}

process.exitCode = main();
