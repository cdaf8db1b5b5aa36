// `npm run bench`: builds, then runs every benchmark against the production build on a seeded database, each
// figure measured in the same run as its reference, printed as one Markdown table (`tsx bench/run.ts` skips
// the build).
// BENCH_SECONDS (default 10) sets each load's length; BENCH_LIVE_PLAYERS (default 2000; 0 skips) the live run's;
// BENCH_ONLY=pages,submissions,downloads,live picks parts; BENCH_PROFILE=<dir> writes a V8 CPU profile of each
// app server there (read it with `tsx bench/profile-summary.ts <file>`).
import { spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
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
import { hostedLiveSession, signedInAccount } from './lib';

const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const livePlayers = Number(process.env.BENCH_LIVE_PLAYERS ?? 2000);
const connections = 64;
const only = new Set((process.env.BENCH_ONLY ?? 'pages,submissions,downloads,live').split(','));
const ports = { sqlite: 4210, postgres: 4211, nginx: 4212, live: 4213 };

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

interface EngineResult {
	engine: 'sqlite' | 'postgres';
	lesson?: Load;
	bare?: Load;
	nginx?: Load | null;
	submissions?: Load;
	raw?: { rps: number };
	/** the same server answering /healthz (one tiny query, no form, no session): the HTTP floor */
	floor?: Load;
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

async function benchEngine(engine: 'sqlite' | 'postgres', dir: string): Promise<EngineResult> {
	const servers =
		engine === 'sqlite'
			? await startSqliteServer(ports.sqlite, { path: join(dir, 'bench.sqlite'), ...serverOptions })
			: await startPostgresServers([ports.postgres], serverOptions);
	const origin = servers.servers[0]!.origin;
	try {
		const result: Partial<EngineResult> = { engine };
		const reader = await studentWithProgress(servers, origin, `reader-${engine}`);
		if (engine === 'sqlite' && only.has('pages')) {
			const headers = { cookie: reader.cookie };
			result.lesson = await load({ url: `${origin}/lessons/${lesson.slug}`, headers });
			result.bare = await load({ url: `${origin}/`, headers });
			const html = await (await fetch(`${origin}/lessons/${lesson.slug}`, { headers })).text();
			const nginx = await nginxServing(html);
			result.nginx = nginx ? await load({ url: nginx.url }) : null;
			nginx?.stop();
		}
		if (!only.has('submissions')) return result as EngineResult;

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
		result.submissions = await load({
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
		result.floor = await load({ url: `${origin}/healthz` });
		result.raw = {
			rps: await rawInsertRate(
				servers,
				students.map((s) => s.id)
			)
		};
		return result as EngineResult;
	} finally {
		await servers.close();
	}
}

/** Gzipped bytes of the JavaScript and CSS a browser fetches for each page (adapter-node serves them gzipped). */
async function downloads(dir: string) {
	const servers = await startSqliteServer(ports.sqlite, {
		path: join(dir, 'downloads.sqlite'),
		env: { EVIDENCIA_SEED_DEMO: '1' }
	});
	const origin = servers.servers[0]!.origin;
	const browser = await chromium.launch({
		executablePath: process.env.CHROMIUM_PATH ?? '/usr/lib/chromium/chromium-headless-shell',
		args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking']
	});
	try {
		const student = await studentWithProgress(servers, origin, 'downloader');
		const { session } = await servers.withDatabase((db) =>
			hostedLiveSession(db, content, 'bench-host@example.org')
		);
		const code = session.code;
		const pages = {
			lesson: `/lessons/${lesson.slug}`,
			quiz: `/lessons/${lesson.slug}/quiz`,
			'live student': `/live/${code}`
		};
		const sizes: Record<string, { js: number; css: number }> = {};
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
			for (const url of assets) {
				const bytes = gzipSync(Buffer.from(await (await fetch(url)).arrayBuffer()), { level: 9 });
				if (url.endsWith('.css')) css += bytes.length;
				else js += bytes.length;
			}
			sizes[name] = { js, css };
			await context.close();
		}
		return sizes;
	} finally {
		await browser.close();
		await servers.close();
	}
}

/** The live benchmark in its own process (it holds thousands of sockets); its JSON line has the headline. */
function liveHeadline(): Promise<Record<string, string> | null> {
	if (livePlayers <= 0 || !only.has('live')) return Promise.resolve(null);
	return new Promise((resolve, reject) => {
		const child = spawn(
			process.execPath,
			['--import', 'tsx', 'bench/live.ts', String(livePlayers)],
			{
				env: { ...process.env, BENCH_PORT: String(ports.live), BENCH_JSON: '1' },
				stdio: ['ignore', 'pipe', 'inherit']
			}
		);
		let out = '';
		child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
		child.on('exit', (code) => {
			const line = out.split('\n').find((l) => l.startsWith('{'));
			if (code !== 0 || !line) reject(new Error(`bench:live failed (exit ${code}):\n${out}`));
			else resolve(JSON.parse(line) as Record<string, string>);
		});
	});
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
const percent = (part: number, whole: number) => `${((100 * part) / whole).toFixed(0)}%`;
const verdict = (ok: boolean) => (ok ? 'met' : '**not met**');
const loadCell = (l: Load) =>
	`${l.rps.toFixed(0)} req/s, p50 ${l.p50} ms, p99 ${l.p99} ms${l.failed ? ` (${l.failed} failed)` : ''}`;

async function main() {
	if (!existsSync('build/index.js'))
		throw new Error('build/index.js is missing: run `npm run build` first');
	const dir = mkdtempSync(join(tmpdir(), 'evidencia-bench-'));
	const rows: string[] = [];
	try {
		const engines: ('sqlite' | 'postgres')[] = ['sqlite'];
		const unavailable = await postgresUnavailable();
		if (unavailable === null) engines.push('postgres');
		else if (process.env.REQUIRE_POSTGRES === '1') throw new Error(`PostgreSQL: ${unavailable}`);
		else console.error(`SKIPPED PostgreSQL benchmarks: ${unavailable}`);

		for (const engine of engines) {
			const result = await benchEngine(engine, dir);
			if (result.lesson && result.bare) {
				const ratio = result.lesson.rps / result.bare.rps;
				rows.push(
					`| Lesson page, signed-in student, ${connections} connections | ${loadCell(result.lesson)} | bare page \`/\`: ${loadCell(result.bare)} | ${percent(result.lesson.rps, result.bare.rps)} | ≥ 60% of bare | ${verdict(ratio >= 0.6)} |`
				);
				rows.push(
					result.nginx
						? `| Same lesson HTML from nginx (1 worker, from a file) | ${loadCell(result.nginx)} | — | lesson = ${percent(result.lesson.rps, result.nginx.rps)} of nginx | — | — |`
						: '| Same lesson HTML from nginx | nginx is not installed (`apt-get install nginx`) | — | — | — | — |'
				);
			}
			if (!result.submissions || !result.raw || !result.floor) continue;
			const ratio = result.submissions.rps / result.raw.rps;
			rows.push(
				`| Answer submissions (form action, scored and stored), ${engine === 'sqlite' ? 'SQLite' : 'PostgreSQL'} | ${loadCell(result.submissions)} | raw driver, same rows: ${result.raw.rps.toFixed(0)} tx/s | ${percent(result.submissions.rps, result.raw.rps)} | ≥ 50% of raw | ${verdict(ratio >= 0.5)} |`,
				`| HTTP floor: \`GET /healthz\` on the same server, ${engine === 'sqlite' ? 'SQLite' : 'PostgreSQL'} | ${loadCell(result.floor)} | raw driver: ${result.raw.rps.toFixed(0)} tx/s | submissions = ${percent(result.submissions.rps, result.floor.rps)} of the floor; floor = ${percent(result.floor.rps, result.raw.rps)} of raw | — | — |`
			);
		}

		const sizes = only.has('downloads') ? await downloads(dir) : {};
		for (const [name, { js, css }] of Object.entries(sizes)) {
			const budget = name === 'lesson' ? '≤ 40 KB of JS' : '—';
			const met = name === 'lesson' ? verdict(js <= 40 * 1024) : '—';
			rows.push(
				`| Downloads, ${name} page (gzipped) | JS ${kb(js)}, CSS ${kb(css)} | — | — | ${budget} | ${met} |`
			);
		}

		const live = await liveHeadline();
		if (live) {
			rows.push(
				`| Live review, ${live.players} players × ${live.questions} questions (SQLite) | event delay p50/p95/p99 ${live.eventDelay} ms; answer ack ${live.ack} ms | — | — | event p99 < 250 ms | ${verdict(Number(live.eventDelayP99) < 250)} |`,
				`| Live review, continued | ${live.lost} of ${live.acknowledged} answers lost, ${live.missing} events missing, server ${live.peakMb} MB peak, ${live.cpu} | — | — | 0 lost | ${verdict(Number(live.lost) === 0)} |`
			);
		}
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
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
}

await main();
