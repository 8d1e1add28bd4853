/**
 * For specs: the refusal a call throws. Anything else thrown, or nothing thrown, fails the test;
 * each service's specs name their own class (a live spec expects a LiveError, not any Refusal).
 * The same works for the other errors a service raises for bad input (an import's ImportError).
 */
type RefusalClass<E extends Error> = abstract new (...args: never[]) => E;

function expected(kind: RefusalClass<Error>): Error {
	return new Error(`expected a ${kind.name}, but nothing was thrown`);
}

/** The refusal of class `kind` that `fn` throws. */
export function refusalOf<E extends Error>(kind: RefusalClass<E>, fn: () => unknown): E {
	try {
		fn();
	} catch (e) {
		if (e instanceof kind) return e;
		throw e;
	}
	throw expected(kind);
}

/** The refusal of class `kind` that the promise of `fn` rejects with. */
export async function asyncRefusalOf<E extends Error>(
	kind: RefusalClass<E>,
	fn: () => Promise<unknown>
): Promise<E> {
	try {
		await fn();
	} catch (e) {
		if (e instanceof kind) return e;
		throw e;
	}
	throw expected(kind);
}
