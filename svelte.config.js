import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';
import { mdsvex } from 'mdsvex';
import { rehypeSectionIds } from './src/lib/content/section-ids.js';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	extensions: ['.svelte', '.md'],
	preprocess: [
		vitePreprocess(),
		mdsvex({ extensions: ['.md'], rehypePlugins: [rehypeSectionIds] })
	],
	compilerOptions: {
		// mdsvex 0.12 still emits <script context="module">; the warning is about its output, not ours
		warningFilter: (warning) =>
			!(warning.filename?.endsWith('.md') && warning.code === 'script_context_deprecated')
	},
	kit: {
		adapter: adapter(),
		// hooks.server.ts applies the same cross-site form rule itself, except to the LTI launch an LMS posts
		csrf: { trustedOrigins: ['*'] },
		csp: {
			mode: 'auto',
			directives: {
				'default-src': ['self'],
				'script-src': ['self'],
				'style-src': ['self', 'unsafe-inline'],
				'img-src': ['self', 'data:'],
				'font-src': ['self'],
				'connect-src': ['self'],
				'form-action': ['self'],
				'base-uri': ['self'],
				'object-src': ['none'],
				'frame-ancestors': ['none']
			}
		},
		alias: {
			$lessons: 'lessons'
		},
		typescript: {
			// the benchmarks and scripts import the app's server code: type-check them with it
			config: (tsconfig) => {
				tsconfig.include.push('../bench/**/*.ts', '../scripts/**/*.ts');
			}
		}
	}
};

export default config;
