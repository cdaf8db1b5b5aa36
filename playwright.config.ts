import { defineConfig } from '@playwright/test';
import { e2eBasePort, e2eOrigin, e2eOriginOf, e2eWorkers } from './tests/fixtures/paths.js';

export default defineConfig({
	testDir: 'tests',
	// tests/fixtures/*.test.ts are Vitest files (the fixtures' own tests), not browser tests
	testIgnore: '**/*.test.ts',
	// a file runs in one worker, in order; the files are spread over the workers
	fullyParallel: false,
	workers: e2eWorkers,
	forbidOnly: true,
	retries: 0,
	reporter: [['list']],
	timeout: 60_000,
	expect: { timeout: 10_000 },
	use: {
		// Playwright loads this file again in each worker, where TEST_PARALLEL_INDEX is set: every worker
		// gets its own server's origin (platform.spec.ts checks it)
		baseURL: e2eOrigin,
		launchOptions: {
			executablePath: process.env.CHROMIUM_PATH ?? '/usr/lib/chromium/chromium-headless-shell',
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
	// one node process per worker, serving the production build on its own fresh SQLite file
	webServer: Array.from({ length: e2eWorkers }, (_, slot) => ({
		command: 'node tests/fixtures/server.js',
		url: `${e2eOriginOf(slot)}/healthz`,
		reuseExistingServer: false,
		timeout: 60_000,
		stdout: 'ignore' as const,
		stderr: 'pipe' as const,
		name: `e2e-${slot}`,
		// the server runs on UTC, as most do, so a date formatted in its zone rather than the class's shows
		env: { E2E_PORT: String(e2eBasePort), TEST_PARALLEL_INDEX: String(slot), TZ: 'UTC' }
	}))
});
