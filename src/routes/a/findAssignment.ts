import { assignmentByCode } from '$lib/server/assignments/assignments';
import { getDb } from '$lib/server/db';
import { orErrorPageNow } from '$lib/server/refusal';

/** The assignment behind a `/a/<code>` address; a refusal becomes an error page with its status. */
export function findAssignment(code: string) {
	return orErrorPageNow(() => assignmentByCode(getDb(), code));
}
