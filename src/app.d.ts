// See https://svelte.dev/docs/kit/types#app.d.ts
import type { Teacher } from '$lib/server/accounts/accounts';

declare global {
	namespace App {
		interface Error {
			message: string;
		}
		interface Locals {
			/** The signed-in teacher, or null (students and visitors never sign in). */
			teacher: Teacher | null;
			/**
			 * An API request's body as the request guard read it (once): its JSON value, or null for
			 * no body; undefined for requests whose body the guard did not read.
			 */
			apiBody?: { value: unknown } | null;
		}
	}
}

export {};
