import { paraglideVitePlugin } from '@inlang/paraglide-js';
import { sveltekit } from '@sveltejs/kit/vite';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { defineConfig } from 'vitest/config';

const nodeTests = ['src/**/*.test.ts', 'scripts/**/*.test.ts', 'tests/fixtures/**/*.test.ts'];
const domTests = ['src/**/*.dom.test.ts'];
// a file that replaces a module (vi.mock) gets a fresh module graph, so the mock reaches no other file
const mockingTests = ['src', 'scripts']
	.flatMap((dir) => readdirSync(dir, { recursive: true }).map((file) => join(dir, String(file))))
	.filter((file) => file.endsWith('.test.ts') && !file.endsWith('.dom.test.ts'))
	.filter((file) => /\bvi\.(do)?[mM]ock\(/.test(readFileSync(file, 'utf8')));

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
				// the other files of a worker share its loaded modules: each file re-importing them cost
				// 105 s of a 200 s run
				extends: true,
				test: {
					name: 'node',
					include: nodeTests,
					exclude: [...domTests, ...mockingTests],
					environment: 'node',
					isolate: false
				}
			},
			{
				// Vitest starts projects in the order of their names: this one before 'node', so its longest
				// file (forms-corpus, 40 s) starts early rather than last
				extends: true,
				test: {
					name: 'mocking',
					include: mockingTests,
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
