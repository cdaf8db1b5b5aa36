import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';

export default defineConfig({
	plugins: [sveltekit()],
	server: { fs: { allow: ['lessons'] } },
	test: {
		include: ['src/**/*.test.ts', 'scripts/**/*.test.ts'],
		environment: 'node',
		expect: { requireAssertions: true },
		// integration suites open real databases; one file at a time keeps the 2-core machine calm
		fileParallelism: false,
		testTimeout: 60_000,
		hookTimeout: 60_000
	}
});
