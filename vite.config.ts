import { paraglideVitePlugin } from '@inlang/paraglide-js';
import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';

export default defineConfig({
	plugins: [
		// English at /…, Spanish at /es/…; a page without a prefix falls back to the cookie, then English
		paraglideVitePlugin({
			project: './project.inlang',
			outdir: './src/lib/paraglide',
			strategy: ['url', 'cookie', 'baseLocale']
		}),
		sveltekit()
	],
	server: { fs: { allow: ['lessons'] } },
	test: {
		expect: { requireAssertions: true },
		// two files at a time on the 2-core machine (Vitest would pick one): each suite makes its own
		// databases, and 86–90 s serial became 62–64 s
		fileParallelism: true,
		maxWorkers: 2,
		testTimeout: 60_000,
		hookTimeout: 60_000,
		projects: [
			{
				extends: true,
				test: {
					name: 'node',
					include: ['src/**/*.test.ts', 'scripts/**/*.test.ts'],
					exclude: ['src/**/*.dom.test.ts'],
					environment: 'node'
				}
			},
			{
				// components mounted in a DOM: Svelte's browser build, not the server one
				extends: true,
				resolve: { conditions: ['browser'] },
				test: {
					name: 'dom',
					include: ['src/**/*.dom.test.ts'],
					environment: 'happy-dom'
				}
			}
		]
	}
});
