import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';

export default defineConfig({
	plugins: [sveltekit()],
	server: { fs: { allow: ['lessons'] } },
	test: {
		include: ['src/**/*.test.ts', 'scripts/**/*.test.ts'],
		environment: 'node',
		expect: { requireAssertions: true },
		// two files at a time on the 2-core machine (Vitest would pick one): each suite makes its own
		// databases, and 86–90 s serial became 62–64 s
		fileParallelism: true,
		maxWorkers: 2,
		testTimeout: 60_000,
		hookTimeout: 60_000
	}
});
