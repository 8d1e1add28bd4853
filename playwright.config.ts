import { defineConfig } from '@playwright/test';

const port = Number(process.env.E2E_PORT ?? 4173);
const database = `data/e2e-${port}.db`;

export default defineConfig({
	testDir: 'tests',
	testMatch: /.*\.e2e\.ts$/,
	fullyParallel: false,
	workers: 1,
	timeout: 120_000,
	expect: { timeout: 10_000 },
	reporter: process.env.CI ? 'line' : 'list',
	use: {
		baseURL: `http://localhost:${port}`,
		trace: 'retain-on-failure',
		launchOptions: {
			executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
			args: [
				'--headless',
				'--no-sandbox',
				'--disable-gpu',
				'--disable-quic',
				'--no-first-run',
				'--disable-background-networking',
				'--disable-component-update',
				'--disable-sync'
			]
		}
	},
	webServer: {
		command: `rm -f ${database} ${database}-wal ${database}-shm && node scripts/serve.js`,
		url: `http://localhost:${port}`,
		timeout: 180_000,
		reuseExistingServer: false,
		env: {
			PORT: String(port),
			DATABASE_URL: database,
			HOST: '127.0.0.1',
			// The corpus tests/imported-corpus.e2e.ts imports is open to solo play.
			SLANT_PUBLIC_SOURCES: 'slant-e2e-corpus'
		},
		stdout: 'pipe',
		stderr: 'pipe'
	}
});
