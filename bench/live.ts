// `npm run bench:live [players]`: N simulated players join a live review over HTTP on loopback, hold their
// event streams and answer 5 questions; prints event delay, answer acknowledgement, answers lost, server peak
// memory and CPU. It builds nothing: run `npm run build` first. Not a test: it prints numbers.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { count, eq } from 'drizzle-orm';
import { buildContent } from '../src/lib/server/content/build';
import { readContentFiles } from '../src/lib/server/content/content-files';
import { openDatabase } from '../src/lib/server/db/database';
import { formPoster, hostedLiveSession, percentile, summary } from './lib';

const players = Number(process.argv[2] ?? process.env.PLAYERS ?? 2000);
const questionCount = 5;
/** players answer at a random moment within this window after the question arrives, as a class does */
const answerSpreadMs = Number(process.env.ANSWER_SPREAD_MS ?? 8000);
const port = Number(process.env.BENCH_PORT ?? 4190);
const origin = `http://127.0.0.1:${port}`;

const streamAgent = new http.Agent({ keepAlive: true, maxSockets: Infinity });
const postAgent = new http.Agent({ keepAlive: true, maxSockets: 256 });

const consonants = 'bdghjmnqrtvwz';
function consonantName(n: number): string {
	let name = '';
	do {
		name = consonants[n % consonants.length] + name;
		n = Math.floor(n / consonants.length);
	} while (n > 0);
	return name;
}

const post = formPoster(origin, postAgent);

interface StreamEvent {
	type: string;
	id: number;
	data: string;
	at: number;
}

/** Holds one player's event stream open and hands each event to `onEvent`. */
function openStream(path: string, cookie: string, onEvent: (event: StreamEvent) => void) {
	return new Promise<http.ClientRequest>((resolve, reject) => {
		const request = http.get(
			`${origin}${path}`,
			{ agent: streamAgent, headers: { cookie, accept: 'text/event-stream' } },
			(response) => {
				if (response.statusCode !== 200) {
					reject(new Error(`events: ${response.statusCode}`));
					return;
				}
				response.setEncoding('utf8');
				let buffer = '';
				response.on('data', (chunk: string) => {
					buffer += chunk;
					let end: number;
					while ((end = buffer.indexOf('\n\n')) >= 0) {
						const block = buffer.slice(0, end);
						buffer = buffer.slice(end + 2);
						let type = 'message';
						let id = -1;
						const data: string[] = [];
						for (const line of block.split('\n')) {
							if (line.startsWith('event:')) type = line.slice(6).trim();
							else if (line.startsWith('id:')) id = Number(line.slice(3).trim());
							else if (line.startsWith('data:')) data.push(line.slice(5).replace(/^ /, ''));
						}
						if (data.length > 0)
							onEvent({ type, id, data: data.join('\n'), at: performance.now() });
					}
				});
				resolve(request);
			}
		);
		request.on('error', reject);
	});
}

function waitForHealth(): Promise<void> {
	const deadline = Date.now() + 60_000;
	return new Promise((resolve, reject) => {
		const attempt = () => {
			http
				.get(`${origin}/healthz`, (response) => {
					response.resume();
					if (response.statusCode === 200) resolve();
					else retry();
				})
				.on('error', retry);
		};
		const retry = () =>
			Date.now() > deadline ? reject(new Error('server did not start')) : setTimeout(attempt, 200);
		attempt();
	});
}

/** Peak resident memory and CPU seconds of a process, from /proc (Linux). */
function processUsage(pid: number): { peakMb: number; cpuSeconds: number } {
	const status = readFileSync(`/proc/${pid}/status`, 'utf8');
	const peakKb = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0);
	const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
	const ticks = Number(fields[11] ?? 0) + Number(fields[12] ?? 0);
	return { peakMb: peakKb / 1024, cpuSeconds: ticks / 100 };
}

async function main() {
	const dir = mkdtempSync(join(tmpdir(), 'evidencia-bench-live-'));
	const databasePath = join(dir, 'bench.sqlite');
	const db = await openDatabase({ engine: 'sqlite', path: databasePath });
	const { content } = buildContent(readContentFiles());
	const { teacher, session } = await hostedLiveSession(db, content, 'bench@example.org');
	// five choice questions, so every simulated player can answer from the public projection alone
	const choiceQuestions = session.questions
		.filter((ref) => {
			const type = content.questions.get(ref.questionId)?.question.type;
			return type === 'single-choice' || type === 'true-false';
		})
		.slice(0, questionCount);
	await db.write((tx) =>
		tx
			.update(db.tables.liveSessions)
			.set({ questions: choiceQuestions })
			.where(eq(db.tables.liveSessions.id, session.id))
	);
	const { id: sessionId, code } = session;

	// BENCH_PROFILE=<dir> writes a V8 CPU profile of the server there, to see where the time goes
	const profile = process.env.BENCH_PROFILE
		? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE}`]
		: [];
	const server: ChildProcess = spawn(process.execPath, [...profile, 'build/index.js'], {
		env: {
			...process.env,
			DATABASE_URL: `file:${databasePath}`,
			HOST: '127.0.0.1',
			PORT: String(port),
			ORIGIN: origin,
			BODY_SIZE_LIMIT: '2M',
			EVIDENCIA_SEED_DEMO: '0'
		},
		stdio: ['ignore', process.env.BENCH_VERBOSE ? 'inherit' : 'ignore', 'inherit']
	});
	const pid = server.pid ?? 0;
	try {
		await waitForHealth();
		const cpuBefore = processUsage(pid).cpuSeconds;
		const startedAt = performance.now();

		// join in batches, as a class does over a minute, then hold every stream open
		const cookies: string[] = [];
		const joinMs: number[] = [];
		for (let start = 0; start < players; start += 100) {
			const batch = Array.from({ length: Math.min(100, players - start) }, (_, i) => start + i);
			// names without digits or vowels: the word list reads "455" as a word, and vowels spell them
			const joinAs = (n: number) =>
				post(`/live/${code}?/join`, { nickname: `Player ${consonantName(n)}` }, '');
			const joined = await Promise.all(batch.map(joinAs));
			for (const result of joined) {
				if (result.status >= 400) throw new Error(`join refused: ${result.status}`);
				joinMs.push(result.ms);
				cookies.push(result.setCookie.map((c) => c.split(';')[0]).join('; '));
			}
		}
		// each event is checked against the one awaited event as it arrives: no polling on the client's loop
		let waiter: {
			type: string;
			since: number;
			sentAt: number;
			delays: (number | null)[];
			remaining: number;
			newest: number;
			done: () => void;
		} | null = null;
		const onEvent = (n: number, event: StreamEvent) => {
			const w = waiter;
			if (!w || event.type !== w.type || event.id <= w.since || w.delays[n] !== null) return;
			w.delays[n] = event.at - w.sentAt;
			w.newest = Math.max(w.newest, event.id);
			if (--w.remaining === 0) w.done();
		};
		// streams open in batches too: a burst of 2,000 connects overflows the listen backlog
		const streams: http.ClientRequest[] = [];
		for (let start = 0; start < cookies.length; start += 100) {
			const batch = cookies.slice(start, start + 100);
			streams.push(
				...(await Promise.all(
					batch.map((cookie, i) =>
						openStream(`/live/${code}/events`, cookie, (event) => onEvent(start + i, event))
					)
				))
			);
		}
		await new Promise((r) => setTimeout(r, 1000));

		const eventDelays: number[] = [];
		const ackMs: number[] = [];
		let acknowledged = 0;
		let refused = 0;
		/** sends a teacher action and waits until every player has its event, recording the delays */
		const actAndAwait = async (action: string, type: string, since: number) => {
			const delays: (number | null)[] = cookies.map(() => null);
			let timer: ReturnType<typeof setTimeout> | undefined;
			const arrived = new Promise<void>((resolve) => {
				timer = setTimeout(resolve, 30_000);
				waiter = {
					type,
					since,
					sentAt: performance.now(),
					delays,
					remaining: delays.length,
					newest: since,
					done: resolve
				};
			});
			const sent = await post(`/live/host/${sessionId}?/${action}`, {}, teacher.cookie);
			if (sent.status >= 400) throw new Error(`${action} refused: ${sent.status}`);
			await arrived;
			clearTimeout(timer);
			const newest = waiter?.newest ?? since;
			waiter = null;
			const got = delays.filter((d): d is number => d !== null);
			eventDelays.push(...got);
			return { missing: delays.length - got.length, version: newest };
		};

		let version = 0;
		let missingEvents = 0;
		for (let index = 0; index < questionCount; index++) {
			const question = await actAndAwait('next', 'question', version);
			missingEvents += question.missing;
			version = question.version;
			const ref = choiceQuestions[index];
			const entry = ref ? content.questions.get(ref.questionId)?.question : undefined;
			if (!entry) throw new Error('question missing');
			const value =
				entry.type === 'single-choice'
					? (entry.options[0]?.id ?? '')
					: entry.type === 'true-false'
						? 'true'
						: '';
			await Promise.all(
				cookies.map(async (cookie) => {
					await new Promise((r) => setTimeout(r, Math.random() * answerSpreadMs));
					const result = await post(
						`/live/${code}?/answer`,
						{ questionIndex: String(index), [entry.id]: value },
						cookie
					);
					if (result.status < 400) {
						acknowledged += 1;
						ackMs.push(result.ms);
					} else refused += 1;
				})
			);
			const revealed = await actAndAwait('reveal', 'reveal', version);
			missingEvents += revealed.missing;
			version = revealed.version;
		}
		const ended = await actAndAwait('end', 'ended', version);
		missingEvents += ended.missing;
		const elapsedSeconds = (performance.now() - startedAt) / 1000;
		const usage = processUsage(pid);
		for (const stream of streams) stream.destroy();

		const [stored] = await db.read
			.select({ n: count() })
			.from(db.tables.liveAnswers)
			.where(eq(db.tables.liveAnswers.sessionId, sessionId));
		const lost = acknowledged - (stored?.n ?? 0);
		const cpuSeconds = usage.cpuSeconds - cpuBefore;
		// BENCH_JSON=1 adds one JSON line for `npm run bench` to read the headline from
		if (process.env.BENCH_JSON === '1') {
			console.log(
				JSON.stringify({
					players,
					questions: questionCount,
					eventDelay: summary(eventDelays),
					eventDelayP99: percentile(
						[...eventDelays].sort((a, b) => a - b),
						99
					),
					ack: summary(ackMs),
					acknowledged,
					lost,
					missing: missingEvents,
					peakMb: usage.peakMb.toFixed(0),
					cpu: `${((100 * cpuSeconds) / elapsedSeconds).toFixed(0)}% of one core`
				})
			);
		}
		console.log(
			[
				`| players | questions | event delay p50/p95/p99 (ms) | answer ack p50/p95/p99 (ms) | join p50/p95/p99 (ms) | answers acked | refused | lost | events missing | server peak RSS | server CPU |`,
				`|---|---|---|---|---|---|---|---|---|---|---|`,
				`| ${players} | ${questionCount} | ${summary(eventDelays)} | ${summary(ackMs)} | ${summary(joinMs)} | ${acknowledged} | ${refused} | ${lost} | ${missingEvents} | ${usage.peakMb.toFixed(0)} MB | ${cpuSeconds.toFixed(1)} s over ${elapsedSeconds.toFixed(0)} s (${((100 * cpuSeconds) / elapsedSeconds).toFixed(0)}% of one core) |`
			].join('\n')
		);
	} finally {
		const exited = new Promise((resolve) => server.once('exit', resolve));
		server.kill('SIGTERM');
		await exited;
		await db.close();
		streamAgent.destroy();
		postAgent.destroy();
		rmSync(dir, { recursive: true, force: true });
	}
}

await main();
