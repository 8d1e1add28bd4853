import { defineConfig } from 'vitest/config';

// Integration tests: real SQLite files, real server processes. Run one file at a time so that
// servers and databases do not compete for the two cores.
export default defineConfig({
	test: {
		include: ['tests/**/*.test.ts'],
		environment: 'node',
		fileParallelism: false,
		testTimeout: 120_000,
		hookTimeout: 240_000
	}
});
