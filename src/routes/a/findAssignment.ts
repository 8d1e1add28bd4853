import { error } from '@sveltejs/kit';
import { AssignmentError, assignmentByCode } from '$lib/server/assignments/assignments';
import { getDb } from '$lib/server/db';

/** The assignment behind a `/a/<code>` address; a refusal becomes an error page with its status. */
export function findAssignment(code: string) {
	try {
		return assignmentByCode(getDb(), code);
	} catch (e) {
		if (e instanceof AssignmentError) error(e.status, e.message);
		throw e;
	}
}
