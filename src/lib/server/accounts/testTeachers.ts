/**
 * Teacher rows for service-level tests that need an owner for a game but do not go through HTTP
 * (the HTTP tests sign up as a browser would, see tests/teacherClient.ts), and for the start-up
 * rehearsal's game on its own in-memory database (../live/warmUp.ts). The stored hash is not a
 * valid scrypt hash, so nobody can sign in as these teachers.
 */
import type { Db } from '../db/open';
import { teachers } from '../db/schema';
import { newId } from '../tokens';
import type { Teacher } from './accounts';

/** Inserts a teacher and returns it. */
export function addTestTeacher(db: Db, email = `teacher-${newId()}@example.test`): Teacher {
	const id = newId();
	db.insert(teachers).values({ id, email, passwordHash: 'test:no-password' }).run();
	return { id, email };
}
