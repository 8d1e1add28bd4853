/**
 * The app's database, opened once per server process from DATABASE_URL (read at run time).
 */
import { env } from '$env/dynamic/private';
import { databasePath, openDatabase, type Db } from './open';

let current: Db | undefined;

/** The shared database connection for the running server. */
export function getDb(): Db {
	current ??= openDatabase(databasePath(env.DATABASE_URL));
	return current;
}
