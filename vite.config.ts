import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';

export default defineConfig({
	plugins: [sveltekit()],
	test: {
		include: ['src/**/*.spec.ts'],
		environment: 'node',
		// Some specs build many whole rounds (about 1 s each on a quiet machine); the default 5 s
		// would turn a busy shared machine into failures. Speed is measured by benchmarks, not here.
		testTimeout: 60_000
	}
});
