/** Helpers for the article specs: a fresh database with an article's owner and another teacher. */
import { addTestTeacher } from '../accounts/testTeachers';
import { openContentTestDatabase } from '../content/specFixtures';
import type { Db } from '../db/open';

/** A fresh test database with the techniques, a teacher to own articles and one who does not. */
export function ownerAndOtherTeacher(): { db: Db; owner: string; other: string } {
	const db = openContentTestDatabase();
	return { db, owner: addTestTeacher(db).id, other: addTestTeacher(db).id };
}
