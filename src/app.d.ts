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
		}
	}
}

export {};
