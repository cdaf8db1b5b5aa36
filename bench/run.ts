// `npm run bench`: builds, then runs every benchmark against the production build on a seeded database, each
// figure measured in the same run as its reference, printed as one Markdown table (`tsx bench/run.ts` skips
// the build).
// BENCH_SECONDS (default 10) sets each load's length; BENCH_LIVE_PLAYERS (default 5000; 0 skips) the players of
// the one-process SQLite live run, BENCH_LIVE_PG_PLAYERS (default twice that) those of the two-process PostgreSQL
// run; BENCH_ONLY=pages,submissions,downloads,live,live-pg picks parts; BENCH_PROFILE=<dir> writes a V8 CPU
// profile of each app server there (read it with `tsx bench/profile-summary.ts <file>`).
// A part that fails gets a row saying why and the others still run: the table is always printed, and the exit
// code is 1 when any part did not run to the end.
import { spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from '@playwright/test';
import autocannon from 'autocannon';
import { eq, inArray } from 'drizzle-orm';
import postgres from 'postgres';
import BetterSqlite3 from 'better-sqlite3';
import type { Question } from '../src/lib/quiz/registry';
import { buildContent } from '../src/lib/server/content/build';
import { readContentFiles } from '../src/lib/server/content/content-files';
import type { Database } from '../src/lib/server/db/database';
import { rightForm } from '../src/lib/server/live/test-live';
import {
	postgresUnavailable,
	startPostgresServers,
	startSqliteServer,
	type LiveServers
} from '../tests/fixtures/live-servers';
import { eventSizes, hostedLiveSession, signedInAccount, type LiveResult } from './lib';

const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const livePlayers = Number(process.env.BENCH_LIVE_PLAYERS ?? 5000);
const livePgPlayers = Number(process.env.BENCH_LIVE_PG_PLAYERS ?? 2 * livePlayers);
const connections = 64;
const only = new Set(
	(process.env.BENCH_ONLY ?? 'pages,submissions,downloads,live,live-pg').split(',')
);
// the live runs take two ports each (a second app process on PostgreSQL)
const ports = { sqlite: 4210, postgres: 4211, nginx: 4212, live: 4214, livePg: 4216 };

const { content } = buildContent(readContentFiles());
// the first lesson with a single-choice check: the commonest submission of a lesson page, answered from its fields
const lesson = [...content.lessons.values()].find((l) =>
	l.questions.some((q) => l.checkIds.includes(q.id) && q.type === 'single-choice')
)!;
const check = lesson.questions.find(
	(q) => lesson.checkIds.includes(q.id) && q.type === 'single-choice'
) as Question;
const formBody = (question: Question) =>
	new URLSearchParams([
		['questionId', question.id],
		...[...rightForm(question).entries()].map(([k, v]) => [k, String(v)] as [string, string])
	]).toString();

interface Load {
	rps: number;
	p50: number;
	p99: number;
	/** responses that were not 2xx, and socket errors */
	failed: number;
}

async function load(options: autocannon.Options): Promise<Load> {
	// a short warm-up first, so the JIT and connection pools are ready before it counts
	await autocannon({ ...options, duration: Math.min(2, seconds) });
	const result = await autocannon({ connections, duration: seconds, ...options });
	return {
		rps: result.requests.average,
		p50: result.latency.p50,
		p99: result.latency.p99,
		failed: result.non2xx + result.errors + result.timeouts
	};
}

/** A student of the seeded demo's kind, with something read and answered so the lesson page shows progress. */
async function studentWithProgress(servers: LiveServers, origin: string, name: string) {
	const student = await servers.withDatabase((db) =>
		signedInAccount(db, { username: name, email: null, displayName: name, role: 'student' })
	);
	const post = (action: string, body: string) =>
		fetch(`${origin}/lessons/${lesson.slug}?/${action}`, {
			method: 'POST',
			headers: {
				origin,
				cookie: student.cookie,
				accept: 'application/json',
				'content-type': 'application/x-www-form-urlencoded'
			},
			body
		});
	const read = await post('markRead', `sectionId=${encodeURIComponent(lesson.sections[0]!.id)}`);
	const answered = await post('answer', formBody(check));
	if (!read.ok || !answered.ok) throw new Error(`setting up progress failed: ${read.status}`);
	return student;
}

/** nginx serving `html` from a file with one worker (the app is one process), if nginx is installed. */
async function nginxServing(html: string): Promise<{ url: string; stop: () => void } | null> {
	const binary = ['/usr/sbin/nginx', '/usr/bin/nginx'].find((path) => existsSync(path));
	if (!binary) return null;
	const dir = mkdtempSync(join(tmpdir(), 'evidencia-bench-nginx-'));
	chmodSync(dir, 0o755);
	writeFileSync(join(dir, 'lesson.html'), html);
	chmodSync(join(dir, 'lesson.html'), 0o644);
	const temp = (name: string) => `${name}_temp_path ${join(dir, name)};`;
	writeFileSync(
		join(dir, 'nginx.conf'),
		`worker_processes 1; daemon off; pid ${dir}/nginx.pid; error_log ${dir}/error.log;
events { worker_connections 1024; }
http { access_log off; ${['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map(temp).join(' ')}
  server { listen 127.0.0.1:${ports.nginx}; root ${dir};
    location / { default_type text/html; try_files /lesson.html =404; } } }`
	);
	const child = spawn(binary, ['-c', join(dir, 'nginx.conf')], { stdio: 'ignore' });
	const url = `http://127.0.0.1:${ports.nginx}/`;
	for (let tries = 0; ; tries++) {
		const ok = await fetch(url).then(
			(r) => r.ok,
			() => false
		);
		if (ok) break;
		if (tries > 50) throw new Error(`nginx did not start (see ${dir}/error.log)`);
		await new Promise((r) => setTimeout(r, 100));
	}
	return {
		url,
		stop: () => {
			child.kill('SIGTERM');
			rmSync(dir, { recursive: true, force: true });
		}
	};
}

/** The same rows the app stored (a response, and its review card if any), inserted again by the bare driver. */
async function rawInsertRate(servers: LiveServers, userIds: string[]): Promise<number> {
	const rows = await servers.withDatabase(async (db: Database) => {
		const { responses, reviewCards } = db.tables;
		const [response] = await db.read
			.select()
			.from(responses)
			.where(inArray(responses.userId, userIds))
			.limit(1);
		// a right first answer schedules no review card, so there may be none to write
		const [card] = await db.read
			.select()
			.from(reviewCards)
			.where(eq(reviewCards.userId, response!.userId));
		return { response: response!, card: card ?? null };
	});
	const count = 20_000;
	const ms = (d: Date | null) => (d ? d.getTime() : null);
	const { response: r, card: c } = rows;
	const responseValues = (i: number) => [
		`raw-${i}`,
		r.attemptId,
		r.userId,
		r.lessonSlug,
		r.questionId,
		JSON.stringify(r.answer),
		r.status,
		r.earned,
		r.possible,
		r.correct === null ? null : Number(r.correct),
		Date.now()
	];
	const cardValues = c && [
		`raw-card-${c.userId}`,
		c.userId,
		`raw-${c.questionId}`,
		c.lessonSlug,
		ms(c.due),
		c.stability,
		c.difficulty,
		c.elapsedDays,
		c.scheduledDays,
		c.learningSteps,
		c.reps,
		c.lapses,
		c.state,
		ms(c.lastReview)
	];
	const insertResponse = `insert into responses (id, attempt_id, user_id, lesson_slug, question_id, answer,
		status, earned, possible, correct, answered_at)`;
	const upsertCard = `insert into review_cards (id, user_id, question_id, lesson_slug, due, stability,
		difficulty, elapsed_days, scheduled_days, learning_steps, reps, lapses, state, last_review)`;
	const onConflict = `on conflict (user_id, question_id) do update set due = excluded.due,
		stability = excluded.stability, reps = excluded.reps, last_review = excluded.last_review`;

	if (servers.engine === 'sqlite') {
		const path = servers.databaseUrl.replace(/^file:/, '');
		const sqlite = new BetterSqlite3(path);
		sqlite.pragma('journal_mode = WAL');
		sqlite.pragma('synchronous = NORMAL');
		const response = sqlite.prepare(`${insertResponse} values (${'?,'.repeat(10)}?)`);
		const card = sqlite.prepare(`${upsertCard} values (${'?,'.repeat(13)}?) ${onConflict}`);
		const both = sqlite.transaction((i: number) => {
			response.run(responseValues(i));
			if (cardValues) card.run(cardValues);
		});
		const started = performance.now();
		for (let i = 0; i < count; i++) both(i);
		const rate = count / ((performance.now() - started) / 1000);
		sqlite.close();
		return rate;
	}
	const sql = postgres(servers.databaseUrl, { max: 10, onnotice: () => {} });
	const pgValues = (values: unknown[]) =>
		values.map((v, i) => (typeof v === 'number' && i === 10 ? new Date(v) : v));
	const placeholders = (n: number) => Array.from({ length: n }, (_, i) => `$${i + 1}`).join(',');
	const pgCard = cardValues?.map((v, i) =>
		(i === 4 || i === 13) && v !== null ? new Date(v as number) : v
	);
	let next = 0;
	const pgCount = 5_000;
	const started = performance.now();
	await Promise.all(
		Array.from({ length: connections }, async () => {
			while (next < pgCount) {
				const i = next++;
				await sql.begin(async (tx) => {
					const values = pgValues(responseValues(i));
					values[9] = r.correct;
					await tx.unsafe(`${insertResponse} values (${placeholders(11)})`, values as never[], {
						prepare: true
					});
					if (pgCard) {
						const upsert = `${upsertCard} values (${placeholders(14)}) ${onConflict}`;
						await tx.unsafe(upsert, pgCard as never[], { prepare: true });
					}
				});
			}
		})
	);
	const rate = pgCount / ((performance.now() - started) / 1000);
	await sql.end({ timeout: 5 });
	return rate;
}

const serverOptions = {
	env: { EVIDENCIA_SEED_DEMO: '1' },
	execArgv: process.env.BENCH_PROFILE
		? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE}`]
		: []
};

async function startServer(engine: 'sqlite' | 'postgres', dir: string, name: string) {
	return engine === 'sqlite'
		? startSqliteServer(ports.sqlite, { path: join(dir, `${name}.sqlite`), ...serverOptions })
		: startPostgresServers([ports.postgres], serverOptions);
}

/** The lesson page against the bare page and the same HTML from nginx (SQLite). */
async function pageRows(dir: string): Promise<string[]> {
	const servers = await startServer('sqlite', dir, 'pages');
	const origin = servers.servers[0]!.origin;
	try {
		const reader = await studentWithProgress(servers, origin, 'reader');
		const headers = { cookie: reader.cookie };
		const lessonLoad = await load({ url: `${origin}/lessons/${lesson.slug}`, headers });
		const bare = await load({ url: `${origin}/`, headers });
		const html = await (await fetch(`${origin}/lessons/${lesson.slug}`, { headers })).text();
		const nginx = await nginxServing(html);
		const fromNginx = nginx ? await load({ url: nginx.url }) : null;
		nginx?.stop();
		const ratio = lessonLoad.rps / bare.rps;
		return [
			`| Lesson page, signed-in student, ${connections} connections | ${loadCell(lessonLoad)} | bare page \`/\`: ${loadCell(bare)} | ${percent(lessonLoad.rps, bare.rps)} | ≥ 60% of bare; p99 < 100 ms | ${verdict(ratio >= 0.6 && lessonLoad.p99 < 100)} |`,
			fromNginx
				? `| Same lesson HTML from nginx (1 worker, from a file) | ${loadCell(fromNginx)} | — | lesson = ${percent(lessonLoad.rps, fromNginx.rps)} of nginx | — | — |`
				: '| Same lesson HTML from nginx | nginx is not installed (`apt-get install nginx`) | — | — | — | — |'
		];
	} finally {
		await servers.close();
	}
}

/** Answer submissions from many students at once, against the HTTP floor and the raw driver. */
async function submissionRows(engine: 'sqlite' | 'postgres', dir: string): Promise<string[]> {
	const servers = await startServer(engine, dir, 'submissions');
	const origin = servers.servers[0]!.origin;
	try {
		// many students answering at once, as a class does: each request signs in as the next one
		const students = await Promise.all(
			Array.from({ length: connections }, (_, i) =>
				servers.withDatabase((db) =>
					signedInAccount(db, {
						username: `answerer-${engine}-${i}`,
						email: null,
						displayName: `Answerer ${i}`,
						role: 'student'
					})
				)
			)
		);
		let turn = 0;
		const body = formBody(check);
		const submissions = await load({
			url: `${origin}/lessons/${lesson.slug}?/answer`,
			method: 'POST',
			headers: {
				origin,
				accept: 'application/json',
				// what a browser's enhanced form sends
				'x-sveltekit-action': 'true',
				'content-type': 'application/x-www-form-urlencoded'
			},
			requests: [
				{
					setupRequest: (request) => ({
						...request,
						body,
						headers: { ...request.headers, cookie: students[turn++ % students.length]!.cookie }
					})
				}
			]
		});
		const floor = await load({ url: `${origin}/healthz` });
		const raw = await rawInsertRate(
			servers,
			students.map((s) => s.id)
		);
		const name = engine === 'sqlite' ? 'SQLite' : 'PostgreSQL';
		// SQLite's raw driver outruns any HTTP handler on this machine, so its reference is the HTTP floor
		const [reference, referenceRps, budget] =
			engine === 'sqlite'
				? [`HTTP floor \`/healthz\`: ${loadCell(floor)}`, floor.rps, 0.6]
				: [`raw driver, same rows: ${raw.toFixed(0)} tx/s`, raw, 0.5];
		return [
			`| Answer submissions (form action, scored and stored), ${name} | ${loadCell(submissions)} | ${reference} | ${percent(submissions.rps, referenceRps)} | ≥ ${budget * 100}% of ${engine === 'sqlite' ? 'the floor' : 'raw'} | ${verdict(submissions.rps / referenceRps >= budget)} |`,
			`| ${engine === 'sqlite' ? 'Raw driver' : 'HTTP floor `GET /healthz`'}, ${name} | ${engine === 'sqlite' ? `${raw.toFixed(0)} tx/s` : loadCell(floor)} | — | submissions = ${percent(submissions.rps, engine === 'sqlite' ? raw : floor.rps)} of it; floor = ${percent(floor.rps, raw)} of raw | — | — |`
		];
	} finally {
		await servers.close();
	}
}

/**
 * The framework's own JavaScript: what the two entries SvelteKit writes (its client and the app's node list)
 * import statically, which every hydrated page loads whatever it shows. From Vite's manifest of the build.
 */
function frameworkFiles(): Set<string> {
	type Chunk = { file: string; imports?: string[] };
	const manifestPath = '.svelte-kit/output/client/.vite/manifest.json';
	const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as Record<string, Chunk>;
	const files = new Set<string>();
	const visit = (key: string) => {
		const chunk = manifest[key];
		if (!chunk || files.has(chunk.file)) return;
		files.add(chunk.file);
		for (const imported of chunk.imports ?? []) visit(imported);
	};
	for (const [key, chunk] of Object.entries(manifest)) {
		if (chunk.file.startsWith('_app/immutable/entry/')) visit(key);
	}
	return files;
}

/** Gzipped bytes of the JavaScript and CSS a browser fetches for each page (adapter-node serves them gzipped). */
async function downloadRows(dir: string): Promise<string[]> {
	const servers = await startSqliteServer(ports.sqlite, {
		path: join(dir, 'downloads.sqlite'),
		env: { EVIDENCIA_SEED_DEMO: '1' }
	});
	const origin = servers.servers[0]!.origin;
	const browser = await chromium.launch({
		executablePath: process.env.CHROMIUM_PATH ?? '/usr/lib/chromium/chromium-headless-shell',
		args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking']
	});
	const framework = frameworkFiles();
	try {
		const student = await studentWithProgress(servers, origin, 'downloader');
		const { session } = await servers.withDatabase((db) =>
			hostedLiveSession(db, content, 'bench-host@example.org')
		);
		const pages = {
			lesson: `/lessons/${lesson.slug}`,
			quiz: `/lessons/${lesson.slug}/quiz`,
			'live student': `/live/${session.code}`
		};
		const rows: string[] = [];
		for (const [name, path] of Object.entries(pages)) {
			const context = await browser.newContext();
			const [cookieName, cookieValue] = student.cookie.split('=') as [string, string];
			await context.addCookies([{ name: cookieName, value: cookieValue, url: origin }]);
			const page = await context.newPage();
			const assets = new Set<string>();
			page.on('response', (response) => {
				const type = response.request().resourceType();
				if (type === 'script' || type === 'stylesheet') assets.add(response.url());
			});
			await page.goto(`${origin}${path}`, { waitUntil: 'networkidle' });
			let js = 0;
			let css = 0;
			let frameworkJs = 0;
			for (const url of assets) {
				const bytes = gzipSync(Buffer.from(await (await fetch(url)).arrayBuffer()), { level: 9 });
				if (url.endsWith('.css')) css += bytes.length;
				else js += bytes.length;
				if (framework.has(new URL(url).pathname.slice(1))) frameworkJs += bytes.length;
			}
			await context.close();
			const own = js - frameworkJs;
			const isLesson = name === 'lesson';
			rows.push(
				`| Downloads, ${name} page (gzipped) | JS ${kb(js)} (framework ${kb(frameworkJs)}, the page's own ${kb(own)}), CSS ${kb(css)} | — | — | ${isLesson ? '≤ framework + 6 KB of JS' : '—'} | ${isLesson ? verdict(own <= 6 * 1024) : '—'} |`
			);
		}
		return rows;
	} finally {
		await browser.close();
		await servers.close();
	}
}

/** A live run in its own process (it holds thousands of sockets); its last stdout line is the JSON result. */
function liveRows(engine: 'sqlite' | 'postgres', players: number): Promise<string[]> {
	const processes = engine === 'postgres' ? 2 : 1;
	return new Promise((resolve, reject) => {
		const child = spawn(process.execPath, ['--import', 'tsx', 'bench/live.ts', String(players)], {
			env: {
				...process.env,
				BENCH_ENGINE: engine,
				BENCH_PROCESSES: String(processes),
				BENCH_PORT: String(engine === 'sqlite' ? ports.live : ports.livePg),
				BENCH_JSON: '1'
			},
			stdio: ['ignore', 'pipe', 'pipe']
		});
		let out = '';
		let err = '';
		child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
		child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
		child.on('exit', (code) => {
			const line = out.split('\n').find((l) => l.startsWith('{'));
			if (code !== 0 || !line) {
				const reason = (
					err
						.trim()
						.split('\n')
						.find((l) => /error/i.test(l)) ?? `exit ${code}`
				).trim();
				reject(new Error(reason));
				return;
			}
			const live = JSON.parse(line) as LiveResult;
			const where =
				engine === 'sqlite' ? 'SQLite, one process' : `PostgreSQL, ${processes} processes`;
			const clientTrouble = `${live.resets} connection resets resent, ${live.failedPosts} posts failed, ${live.droppedStreams} streams dropped; event KB per player: ${eventSizes(live)}; projector open (${live.projectorEvents} events)`;
			resolve([
				`| Live review, ${live.players} players × ${live.questions} questions (${where}) | event delay p50/p95/p99 ${live.eventDelay} ms; answer ack ${live.ack} ms | — | — | event p99 < 250 ms, ack p99 < 100 ms | ${verdict(live.eventDelayP99 < 250 && live.ackP99 < 100)} |`,
				`| Live review, continued | ${live.lost} of ${live.acknowledged} answers lost, ${live.missing} events missing; ${clientTrouble} | — | — | 0 lost | ${verdict(live.lost === 0 && live.missing === 0)} |`,
				...live.perProcess.map(
					(p) =>
						`| — process on port ${p.port} | ${p.players} players: event delay ${p.eventDelay} ms, ack ${p.ack} ms; ${p.peakMb} MB peak, ${p.kbPerPlayer} KB per connected player; CPU ${p.cpu} | — | — | — | — |`
				)
			]);
		});
	});
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
const percent = (part: number, whole: number) => `${((100 * part) / whole).toFixed(0)}%`;
const verdict = (ok: boolean) => (ok ? 'met' : '**not met**');
const loadCell = (l: Load) =>
	`${l.rps.toFixed(0)} req/s, p50 ${l.p50} ms, p99 ${l.p99} ms${l.failed ? ` (${l.failed} failed)` : ''}`;

/** One part's rows, or one row saying why it failed: a part that breaks never takes the table with it. */
async function part(name: string, rows: () => Promise<string[]>): Promise<string[]> {
	try {
		return await rows();
	} catch (error) {
		failedParts.push(name);
		const reason = String(error instanceof Error ? error.message : error)
			.split('\n')[0]!
			.replaceAll('|', '\\|');
		console.error(`bench part "${name}" failed:`, error);
		return [`| ${name} | failed: ${reason} | — | — | — | **failed** |`];
	}
}
const failedParts: string[] = [];

async function main() {
	const dir = mkdtempSync(join(tmpdir(), 'evidencia-bench-'));
	const rows: string[] = [];
	try {
		if (!existsSync('build/handler.js')) {
			throw new Error('build/handler.js is missing: run `npm run build` first');
		}
		const postgresProblem = await postgresUnavailable();
		const withPostgres = (name: string, rowsOf: () => Promise<string[]>) =>
			part(name, async () => {
				if (postgresProblem !== null) throw new Error(`PostgreSQL unavailable: ${postgresProblem}`);
				return rowsOf();
			});
		if (only.has('pages')) rows.push(...(await part('Lesson page', () => pageRows(dir))));
		if (only.has('submissions')) {
			rows.push(...(await part('Submissions, SQLite', () => submissionRows('sqlite', dir))));
			rows.push(
				...(await withPostgres('Submissions, PostgreSQL', () => submissionRows('postgres', dir)))
			);
		}
		if (only.has('downloads')) rows.push(...(await part('Downloads', () => downloadRows(dir))));
		if (only.has('live') && livePlayers > 0) {
			rows.push(...(await part('Live, SQLite', () => liveRows('sqlite', livePlayers))));
		}
		if (only.has('live-pg') && livePgPlayers > 0) {
			rows.push(
				...(await withPostgres('Live, PostgreSQL', () => liveRows('postgres', livePgPlayers)))
			);
		}
	} catch (error) {
		rows.push(...(await part('Setting up', () => Promise.reject(error))));
	} finally {
		rmSync(dir, { recursive: true, force: true });
		const machine = `${cpus().length} × ${cpus()[0]?.model.trim()}, ${(totalmem() / 1024 ** 3).toFixed(0)} GiB, Node ${process.version}`;
		console.log(
			[
				`Evidencia benchmarks, ${new Date().toISOString().slice(0, 10)}, ${machine}, ${seconds} s per load`,
				'',
				'| measure | result | reference (same run) | ratio | budget | |',
				'|---|---|---|---|---|---|',
				...rows
			].join('\n')
		);
		if (failedParts.length > 0) {
			console.error(`bench: ${failedParts.length} part(s) did not run: ${failedParts.join(', ')}`);
			process.exitCode = 1;
		}
	}
}

await main();
