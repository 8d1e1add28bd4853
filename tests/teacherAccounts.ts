/**
 * Test teachers, shared by the integration tests (tests/liveServer.ts) and the browser tests
 * (tests/e2ePages.ts): every test signs its teachers up as a client would, with these.
 */

/** The password the tests' teachers sign up with. */
export const TEACHER_PASSWORD = 'a long test password';

let count = 0;

/** A fresh e-mail address for a test teacher. */
export function teacherEmail(): string {
	count += 1;
	return `teacher${count}-${process.pid}-${Date.now()}@school.example`;
}
