// `npm start`: build when the sources are newer than the build, then serve (migrations and the demo seed run on start).
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
process.chdir(root);

const inputs = [
	'src',
	'lessons',
	'static',
	'svelte.config.js',
	'vite.config.ts',
	'package-lock.json'
];

function newestChange(path) {
	if (!existsSync(path)) return 0;
	const stat = statSync(path);
	if (!stat.isDirectory()) return stat.mtimeMs;
	return readdirSync(path).reduce(
		(newest, name) => Math.max(newest, newestChange(join(path, name))),
		stat.mtimeMs
	);
}

const builtAt = existsSync('build/handler.js') ? statSync('build/handler.js').mtimeMs : 0;
if (Math.max(...inputs.map(newestChange)) > builtAt) {
	console.log('Building Evidencia (first run or changed sources)…');
	const build = spawnSync(process.execPath, ['node_modules/vite/bin/vite.js', 'build'], {
		stdio: 'inherit'
	});
	if (build.status !== 0) process.exit(build.status ?? 1);
}

process.env.HOST ??= '127.0.0.1';
process.env.PORT ??= '3000';
const loopback = ['127.0.0.1', 'localhost', '::1'].includes(process.env.HOST);
// Form actions check the Origin header; on loopback we know it, elsewhere set ORIGIN yourself.
if (loopback) process.env.ORIGIN ??= `http://${process.env.HOST}:${process.env.PORT}`;
process.env.BODY_SIZE_LIMIT ??= '2M';
process.env.EVIDENCIA_SEED_DEMO ??= '1';
process.env.EVIDENCIA_FIRST_ADMIN ??= '1';

await import('./server.js');
console.log(
	`Evidencia is ready: ${process.env.ORIGIN ?? `http://${process.env.HOST}:${process.env.PORT}`}`
);
