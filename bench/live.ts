// `npm run bench:live [players]`: N simulated players join a live review over HTTP on loopback, hold their
// event streams and answer 5 questions; prints event delay, answer acknowledgement, answers lost, server memory
// and CPU. BENCH_ENGINE=postgres BENCH_PROCESSES=2 runs two app processes on one PostgreSQL database (players
// spread over both, the teacher on the first: every event crosses LISTEN/NOTIFY), with a row per process.
// It builds nothing: run `npm run build` first. Not a test: it prints numbers, and exits 1 only if it could
// not finish.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { count, eq } from 'drizzle-orm';
import { buildContent } from '../src/lib/server/content/build';
import { readContentFiles } from '../src/lib/server/content/content-files';
import {
	startPostgresServers,
	startSqliteServer,
	type LiveServer,
	type LiveServers
} from '../tests/fixtures/live-servers';
import {
	formPoster,
	hostedLiveSession,
	liveTable,
	percentile,
	summary,
	type LiveResult
} from './lib';

const players = Number(process.argv[2] ?? process.env.PLAYERS ?? 2000);
const engine = process.env.BENCH_ENGINE === 'postgres' ? 'postgres' : 'sqlite';
const processCount = engine === 'postgres' ? Number(process.env.BENCH_PROCESSES ?? 1) : 1;
const questionCount = 5;
/** players answer at a random moment within this window after the question arrives, as a class does */
const answerSpreadMs = Number(process.env.ANSWER_SPREAD_MS ?? 8000);
const basePort = Number(process.env.BENCH_PORT ?? 4190);
/** how long to wait for every player's copy of one event before counting the rest as missing */
const eventWaitMs = 30_000;

const streamAgent = new http.Agent({ keepAlive: true, maxSockets: Infinity });
const postAgent = new http.Agent({ keepAlive: true, maxSockets: 256 });

// no m, n, r, v and w: the nickname rules fold 'rn' into 'm' and 'vv' into 'w', so such names would collide
const consonants = 'bdghjqtzw';
function consonantName(n: number): string {
	let name = '';
	do {
		name = consonants[n % consonants.length] + name;
		n = Math.floor(n / consonants.length);
	} while (n > 0);
	return name;
}

/** What went wrong on the client's side of the wire, counted rather than thrown: the run always finishes. */
const trouble = {
	/** a POST sent on a kept-alive connection the server had just closed, sent again (as browsers do) */
	resets: 0,
	/** POSTs that failed even so (connection errors), never acknowledged */
	failedPosts: 0,
	/** event streams that ended or broke before the session ended */
	droppedStreams: 0
};
const errorSamples = new Set<string>();
const note = (error: unknown) => {
	if (errorSamples.size < 5) errorSamples.add(String(error));
};

const posters = new Map<string, ReturnType<typeof formPoster>>();
function posterFor(origin: string) {
	let poster = posters.get(origin);
	if (!poster) {
		poster = formPoster(origin, postAgent, { resendOnReset: { onReset: () => trouble.resets++ } });
		posters.set(origin, poster);
	}
	return poster;
}

interface StreamEvent {
	type: string;
	id: number;
	data: string;
	at: number;
}

/** Bytes of each kind of event the players received (the data line), to report the average per event. */
const eventBytes = new Map<string, { bytes: number; events: number }>();
function tally(event: StreamEvent) {
	const entry = eventBytes.get(event.type) ?? { bytes: 0, events: 0 };
	entry.bytes += Buffer.byteLength(event.data);
	entry.events += 1;
	eventBytes.set(event.type, entry);
}

/** Holds one player's event stream open and hands each event to `onEvent`; a break is counted, not thrown. */
function openStream(
	url: string,
	headers: Record<string, string>,
	onEvent: (event: StreamEvent) => void,
	isOver: () => boolean
) {
	return new Promise<http.ClientRequest>((resolve, reject) => {
		let opened = false;
		const dropped = (error?: unknown) => {
			if (!opened) return reject(error ?? new Error('stream closed before it opened'));
			if (!isOver()) {
				trouble.droppedStreams++;
				if (error) note(error);
			}
		};
		const request = http.get(
			url,
			{ agent: streamAgent, headers: { ...headers, accept: 'text/event-stream' } },
			(response) => {
				if (response.statusCode !== 200) {
					response.resume();
					reject(new Error(`events: ${response.statusCode}`));
					return;
				}
				opened = true;
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
				response.on('error', dropped);
				response.on('end', () => dropped());
				resolve(request);
			}
		);
		request.on('error', dropped);
	});
}

/** Resident memory now and at its peak, and CPU seconds of a process, from /proc (Linux). */
function processUsage(pid: number | null): { rssMb: number; peakMb: number; cpuSeconds: number } {
	if (pid === null) return { rssMb: NaN, peakMb: NaN, cpuSeconds: NaN };
	const status = readFileSync(`/proc/${pid}/status`, 'utf8');
	const kb = (field: string) => Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
	const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
	const ticks = Number(fields[11] ?? 0) + Number(fields[12] ?? 0);
	return { rssMb: kb('VmRSS') / 1024, peakMb: kb('VmHWM') / 1024, cpuSeconds: ticks / 100 };
}

/** The network a player's phone is on: 25 players share one, as a classroom behind one router does. */
const addressOf = (n: number) => {
	const network = Math.floor(n / 25);
	return `10.${(network >> 8) & 255}.${network & 255}.1`;
};

interface Player {
	n: number;
	/** the x-forwarded-for header its requests carry */
	via: Record<string, string>;
	server: LiveServer;
	cookie: string;
	/** one slot per teacher action, in order: ms from the POST leaving to this player's event */
	delays: number[];
	acks: number[];
}

async function startServers(dir: string): Promise<LiveServers> {
	// BENCH_PROFILE=<dir> writes a V8 CPU profile of each server there, to see where the time goes
	const execArgv = process.env.BENCH_PROFILE
		? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE}`]
		: [];
	// as behind a proxy: players come from many networks, 25 phones to an address (a guest cap is 40 per address)
	const env = { EVIDENCIA_SEED_DEMO: '0', ADDRESS_HEADER: 'x-forwarded-for', XFF_DEPTH: '1' };
	if (engine === 'sqlite') {
		return startSqliteServer(basePort, { path: join(dir, 'bench.sqlite'), env, execArgv });
	}
	const ports = Array.from({ length: processCount }, (_, i) => basePort + i);
	return startPostgresServers(ports, { env, execArgv });
}

async function main(): Promise<LiveResult> {
	const dir = mkdtempSync(join(tmpdir(), 'evidencia-bench-live-'));
	const servers = await startServers(dir);
	const { content } = buildContent(readContentFiles());
	try {
		const { teacher, session, choiceQuestions } = await servers.withDatabase(async (db) => {
			const hosted = await hostedLiveSession(db, content, 'bench@example.org');
			// five choice questions, so every simulated player can answer from the public projection alone
			const choices = hosted.session.questions
				.filter((ref) => {
					const type = content.questions.get(ref.questionId)?.question.type;
					return type === 'single-choice' || type === 'true-false';
				})
				.slice(0, questionCount);
			await db.write((tx) =>
				tx
					.update(db.tables.liveSessions)
					.set({ questions: choices })
					.where(eq(db.tables.liveSessions.id, hosted.session.id))
			);
			return { ...hosted, choiceQuestions: choices };
		});
		const { id: sessionId, code } = session;
		const host = servers.servers[0]!;
		const usageBefore = new Map(servers.servers.map((s) => [s.port, processUsage(s.pid)]));
		const startedAt = performance.now();

		// join in batches, as a class does over a minute, spread over the processes, then hold every stream open
		const roster: Player[] = [];
		const joinMs: number[] = [];
		for (let start = 0; start < players; start += 100) {
			const batch = Array.from({ length: Math.min(100, players - start) }, (_, i) => start + i);
			// names without digits or vowels: the word list reads "455" as a word, and vowels spell them
			const joined = await Promise.all(
				batch.map(async (n) => {
					const server = servers.servers[n % servers.servers.length]!;
					const post = posterFor(server.origin);
					const via = { 'x-forwarded-for': addressOf(n) };
					const result = await post(
						`/live/${code}?/join`,
						{ nickname: `Player ${consonantName(n)}` },
						'',
						via
					);
					if (result.status >= 400) throw new Error(`join refused: ${result.status}`);
					joinMs.push(result.ms);
					const cookie = result.setCookie.map((c) => c.split(';')[0]).join('; ');
					return { n, via, server, cookie, delays: [], acks: [] } satisfies Player;
				})
			);
			roster.push(...joined);
		}
		roster.sort((a, b) => a.n - b.n);

		// each event is checked against the one awaited event as it arrives: no polling on the client's loop
		let waiter: {
			type: string;
			since: number;
			sentAt: number;
			slot: number;
			remaining: number;
			newest: number;
			done: () => void;
		} | null = null;
		const onEvent = (player: Player, event: StreamEvent) => {
			if (player.n % 50 === 0) tally(event);
			const w = waiter;
			if (!w || event.type !== w.type || event.id <= w.since) return;
			if (player.delays[w.slot] !== undefined) return;
			player.delays[w.slot] = event.at - w.sentAt;
			w.newest = Math.max(w.newest, event.id);
			if (--w.remaining === 0) w.done();
		};
		let over = false;
		// streams open in batches too: a burst of thousands of connects overflows the listen backlog
		const streams: http.ClientRequest[] = [];
		for (let start = 0; start < roster.length; start += 100) {
			const batch = roster.slice(start, start + 100);
			streams.push(
				...(await Promise.all(
					batch.map((player) =>
						openStream(
							`${player.server.origin}/live/${code}/events`,
							{ cookie: player.cookie, ...player.via },
							(event) => onEvent(player, event),
							() => over
						)
					)
				))
			);
		}
		// the projector, as in a classroom: its stream makes every process reload answer counts once a second
		let projectorEvents = 0;
		streams.push(
			await openStream(
				`${host.origin}/live/host/${sessionId}/events`,
				{ cookie: teacher.cookie },
				() => projectorEvents++,
				() => over
			)
		);
		await new Promise((r) => setTimeout(r, 1000));
		const usageConnected = new Map(servers.servers.map((s) => [s.port, processUsage(s.pid)]));

		let acknowledged = 0;
		let refused = 0;
		let slot = 0;
		/** sends a teacher action and waits until every player has its event, recording the delays */
		const actAndAwait = async (action: string, type: string, since: number) => {
			const current = slot++;
			let timer: ReturnType<typeof setTimeout> | undefined;
			const arrived = new Promise<void>((resolve) => {
				timer = setTimeout(resolve, eventWaitMs);
				waiter = {
					type,
					since,
					sentAt: performance.now(),
					slot: current,
					remaining: roster.length,
					newest: since,
					done: resolve
				};
			});
			const sent = await posterFor(host.origin)(
				`/live/host/${sessionId}?/${action}`,
				{},
				teacher.cookie
			);
			if (sent.status >= 400) throw new Error(`${action} refused: ${sent.status}`);
			await arrived;
			clearTimeout(timer);
			const newest = waiter?.newest ?? since;
			waiter = null;
			const missing = roster.filter((p) => p.delays[current] === undefined).length;
			return { missing, version: newest };
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
				roster.map(async (player) => {
					await new Promise((r) => setTimeout(r, Math.random() * answerSpreadMs));
					try {
						const result = await posterFor(player.server.origin)(
							`/live/${code}?/answer`,
							{ questionIndex: String(index), [entry.id]: value },
							player.cookie,
							player.via
						);
						if (result.status < 400) {
							acknowledged += 1;
							player.acks.push(result.ms);
						} else {
							refused += 1;
							note(`answer refused: ${result.status} ${result.location ?? ''}`);
						}
					} catch (error) {
						trouble.failedPosts++;
						note(error);
					}
				})
			);
			const revealed = await actAndAwait('reveal', 'reveal', version);
			missingEvents += revealed.missing;
			version = revealed.version;
		}
		const ended = await actAndAwait('end', 'ended', version);
		missingEvents += ended.missing;
		over = true;
		const elapsedSeconds = (performance.now() - startedAt) / 1000;
		// BENCH_VERBOSE=1: each process's own account of every fan-out (state load and send times)
		if (process.env.BENCH_VERBOSE) {
			for (const server of servers.servers) {
				const fanOuts = server
					.output()
					.split('\n')
					.filter((line) => line.includes('live fan-out'));
				console.error(`process ${server.port}:\n${fanOuts.join('\n')}`);
				console.error(`errors of process ${server.port}:\n${server.errors().join('\n')}`);
			}
		}
		const usageAfter = new Map(servers.servers.map((s) => [s.port, processUsage(s.pid)]));
		for (const stream of streams) stream.destroy();

		const stored = await servers.withDatabase(async (db) => {
			const [row] = await db.read
				.select({ n: count() })
				.from(db.tables.liveAnswers)
				.where(eq(db.tables.liveAnswers.sessionId, sessionId));
			return row?.n ?? 0;
		});
		const all = (pick: (p: Player) => number[], among = roster) => among.flatMap(pick);
		const delays = all((p) => p.delays.filter((d) => d !== undefined));
		const acks = all((p) => p.acks);
		const p99 = (values: number[]) =>
			percentile(
				[...values].sort((a, b) => a - b),
				99
			);
		return {
			engine,
			processes: servers.servers.length,
			players,
			questions: questionCount,
			eventDelay: summary(delays),
			eventDelayP99: p99(delays),
			ack: summary(acks),
			ackP99: p99(acks),
			acknowledged,
			refused,
			lost: acknowledged - stored,
			missing: missingEvents,
			projectorEvents,
			eventKb: Object.fromEntries(
				[...eventBytes].map(([type, { bytes, events }]) => [
					type,
					Number((bytes / events / 1024).toFixed(2))
				])
			),
			...trouble,
			perProcess: servers.servers.map((server) => {
				const mine = roster.filter((p) => p.server === server);
				const before = usageBefore.get(server.port)!;
				const connected = usageConnected.get(server.port)!;
				const after = usageAfter.get(server.port)!;
				const cpuSeconds = after.cpuSeconds - before.cpuSeconds;
				return {
					port: server.port,
					players: mine.length,
					eventDelay: summary(all((p) => p.delays.filter((d) => d !== undefined), mine)),
					ack: summary(all((p) => p.acks, mine)),
					peakMb: Math.round(after.peakMb),
					// what holding one more player costs the server, measured once everyone was connected
					kbPerPlayer: Math.round(((connected.rssMb - before.rssMb) * 1024) / mine.length),
					cpu: `${cpuSeconds.toFixed(1)} s over ${elapsedSeconds.toFixed(0)} s (${((100 * cpuSeconds) / elapsedSeconds).toFixed(0)}% of one core)`
				};
			})
		};
	} finally {
		await servers.close();
		streamAgent.destroy();
		postAgent.destroy();
		rmSync(dir, { recursive: true, force: true });
	}
}

try {
	const result = await main();
	// BENCH_JSON=1 prints one JSON line for `npm run bench` to read instead of the table
	if (process.env.BENCH_JSON === '1') console.log(JSON.stringify(result));
	else console.log(liveTable(result));
	if (errorSamples.size > 0) console.error(`client errors seen: ${[...errorSamples].join('; ')}`);
} catch (error) {
	console.error(error);
	process.exitCode = 1;
}
