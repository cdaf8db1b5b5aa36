// `npm run bench:crash`: signed-in students submit answers to the production server over loopback; after some
// hundreds of acknowledged submissions, with requests still in flight, the server is killed with SIGKILL and
// started again on the same database, and every submission it acknowledged must be stored. On SQLite (plus
// PRAGMA integrity_check) and on PostgreSQL. It builds nothing: run `npm run build` first. Prints numbers; exits
// non-zero if anything acknowledged is missing, a quiz is stored in part, the SQLite file is damaged or the server
// refused a submission. Settings: STUDENTS, KILLS, ACKS_BEFORE_KILL, CONCURRENCY, BENCH_PORT (SQLite's server;
// PostgreSQL's uses the next port), TEST_DATABASE_URL (PostgreSQL admin URL), REQUIRE_POSTGRES=1.
import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { count, eq, sql } from 'drizzle-orm';
import postgres from 'postgres';
import type { Question } from '../src/lib/quiz/registry';
import { buildContent, type Content } from '../src/lib/server/content/build';
import { readContentFiles } from '../src/lib/server/content/content-files';
import type { Database } from '../src/lib/server/db/database';
import { rightForm } from '../src/lib/server/live/test-live';
import {
	postgresUnavailable,
	startPostgresServers,
	startSqliteServer,
	type LiveServer,
	type LiveServers
} from '../tests/fixtures/live-servers';
import { formPoster, signedInAccount, type PostResult } from './lib';

const studentCount = Number(process.env.STUDENTS ?? 50);
const killsPerEngine = Number(process.env.KILLS ?? 3);
/** the kill comes after this many acknowledgements (plus up to 100 more at random) in each round */
const acksBeforeKill = Number(process.env.ACKS_BEFORE_KILL ?? 300);
const concurrency = Number(process.env.CONCURRENCY ?? 32);
/** submissions sent one at a time after each restart, to show the restarted server stores answers */
const afterRestartCount = 10;
/** the share of submissions that are whole quizzes; the rest are single practice answers */
const quizShare = 0.15;
const ports = { sqlite: Number(process.env.BENCH_PORT ?? 4204), postgres: 0 };
ports.postgres = ports.sqlite + 1;

type Engine = 'sqlite' | 'postgres';

/** One answer form a student can send once: a key the database can be searched by, whatever the response. */
interface Submission {
	kind: 'practice' | 'quiz';
	userId: string;
	cookie: string;
	lessonSlug: string;
	/** the practice answer's question ('' for a quiz) */
	questionId: string;
	/** how many answers a quiz stores (0 for a practice answer) */
	quizQuestionCount: number;
	path: string;
	form: [string, string][];
}

interface Sent {
	submission: Submission;
	outcome: 'pending' | 'acknowledged' | 'refused' | 'failed';
	status?: number;
	/** a quiz's attempt, from the Location the server answered with */
	attemptId?: string;
	inFlightAtKill: boolean;
}

interface Round {
	kill: number;
	/** acknowledged in this round, up to the kill and by responses already on their way when it came */
	acknowledged: number;
	inFlightAtKill: Sent[];
	restartMs: number;
	partialQuizzes: number;
	integrity: string;
}

const formEntries = (question: Question): [string, string][] =>
	[...rightForm(question).entries()].map(([name, value]) => [name, String(value)]);

/** Every submission each student can make once: each question answered in practice, each quiz submitted. */
function submissionsFor(content: Content, students: { id: string; cookie: string }[]) {
	const practice: Submission[] = [];
	const quizzes: Submission[] = [];
	for (const student of students) {
		for (const lesson of content.lessons.values()) {
			const quiz = lesson.questions.filter((q) => lesson.quizIds.includes(q.id));
			const base = { userId: student.id, cookie: student.cookie, lessonSlug: lesson.slug };
			for (const question of lesson.questions) {
				// an inline check is answered on the lesson page, a quiz question in the practice quiz
				const page = lesson.checkIds.includes(question.id)
					? `/lessons/${lesson.slug}`
					: `/lessons/${lesson.slug}/quiz`;
				practice.push({
					...base,
					kind: 'practice',
					questionId: question.id,
					quizQuestionCount: 0,
					path: `${page}?/answer`,
					form: [['questionId', question.id], ...formEntries(question)]
				});
			}
			if (quiz.length > 0) {
				quizzes.push({
					...base,
					kind: 'quiz',
					questionId: '',
					quizQuestionCount: quiz.length,
					path: `/lessons/${lesson.slug}/quiz?/submit`,
					form: quiz.flatMap(formEntries)
				});
			}
		}
	}
	const shuffle = <T>(items: T[]) => {
		for (let i = items.length - 1; i > 0; i--) {
			const j = Math.floor(Math.random() * (i + 1));
			[items[i], items[j]] = [items[j] as T, items[i] as T];
		}
		return items;
	};
	shuffle(practice);
	shuffle(quizzes);
	return (): Submission => {
		const next = (Math.random() < quizShare && quizzes.pop()) || practice.pop() || quizzes.pop();
		if (!next) throw new Error('every student has answered everything: raise STUDENTS');
		return next;
	};
}

const attemptIdIn = (location: string | null) =>
	/\/quiz\/attempts\/([^/?#]+)$/.exec(location ?? '')?.[1];

function record(sent: Sent, result: PostResult) {
	sent.status = result.status;
	const acknowledged = result.status === 200 || result.status === 303;
	sent.outcome = acknowledged ? 'acknowledged' : 'refused';
	if (acknowledged && sent.submission.kind === 'quiz')
		sent.attemptId = attemptIdIn(result.location);
}

const send = (post: ReturnType<typeof formPoster>, submission: Submission) =>
	// JSON, as a script or the enhanced form asks: the action's result without rendering the page
	post(submission.path, submission.form, submission.cookie, { accept: 'application/json' });

/**
 * Keeps `concurrency` submissions in flight until this round's acknowledgements reach the target, then kills the
 * server with SIGKILL from inside that response's callback, so the other requests are still on the wire.
 */
async function driveUntilKill(server: LiveServer, next: () => Submission, ledger: Sent[]) {
	const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
	const post = formPoster(server.origin, agent);
	const target = acksBeforeKill + Math.floor(Math.random() * 100);
	const inFlight = new Set<Sent>();
	let acknowledged = 0;
	let killed: Promise<void> | null = null;
	let atKill: Sent[] = [];
	const worker = async () => {
		while (!killed) {
			const sent: Sent = {
				submission: next(),
				outcome: 'pending',
				inFlightAtKill: false
			};
			ledger.push(sent);
			inFlight.add(sent);
			try {
				const result = await send(post, sent.submission);
				inFlight.delete(sent);
				record(sent, result);
			} catch {
				inFlight.delete(sent);
				sent.outcome = 'failed';
			}
			if (sent.outcome === 'acknowledged' && ++acknowledged >= target && !killed) {
				atKill = [...inFlight];
				for (const pending of atKill) pending.inFlightAtKill = true;
				killed = server.kill();
			}
		}
	};
	await Promise.all(Array.from({ length: concurrency }, worker));
	await killed;
	agent.destroy();
	return { acknowledged, inFlightAtKill: atKill };
}

/**
 * What the database holds: whether a submission is stored (a practice answer by student and question, a quiz
 * whole, by attempt), how many quizzes are stored without all their answers, and SQLite's integrity check.
 */
async function inspect(db: Database, content: Content) {
	const { attempts, responses } = db.tables;
	const practiceRows = await db.read
		.select({ userId: responses.userId, questionId: responses.questionId })
		.from(responses)
		.innerJoin(attempts, eq(attempts.id, responses.attemptId))
		.where(eq(attempts.mode, 'practice'));
	const quizRows = await db.read
		.select({
			id: attempts.id,
			userId: attempts.userId,
			lessonSlug: attempts.lessonSlug,
			responses: count(responses.id)
		})
		.from(attempts)
		.leftJoin(responses, eq(responses.attemptId, attempts.id))
		.where(eq(attempts.mode, 'quiz'))
		.groupBy(attempts.id, attempts.userId, attempts.lessonSlug);
	const practice = new Set(practiceRows.map((row) => `${row.userId} ${row.questionId}`));
	const quizById = new Map(quizRows.map((row) => [row.id, row]));
	const quizByStudent = new Map(quizRows.map((row) => [`${row.userId} ${row.lessonSlug}`, row]));
	const isStored = (sent: Sent): boolean => {
		const { submission } = sent;
		if (submission.kind === 'practice')
			return practice.has(`${submission.userId} ${submission.questionId}`);
		const attempt = sent.attemptId
			? quizById.get(sent.attemptId)
			: quizByStudent.get(`${submission.userId} ${submission.lessonSlug}`);
		// a quiz counts as stored only whole: its attempt and every one of its answers
		return (
			attempt !== undefined &&
			attempt.userId === submission.userId &&
			attempt.lessonSlug === submission.lessonSlug &&
			attempt.responses === submission.quizQuestionCount
		);
	};
	// a quiz is one transaction: an attempt with some of its answers would mean one was cut in half
	const partialQuizzes = quizRows.filter(
		(row) => row.responses !== content.lessons.get(row.lessonSlug)?.quizIds.length
	).length;
	const integrity =
		db.engine === 'sqlite'
			? db.read
					.all<{ integrity_check: string }>(sql`pragma integrity_check`)
					.map((row) => row.integrity_check)
					.join('; ')
			: 'n/a';
	return { isStored, partialQuizzes, integrity };
}

const missing = (ledger: Sent[], isStored: (sent: Sent) => boolean) =>
	ledger.filter((sent) => sent.outcome === 'acknowledged' && !isStored(sent));

async function runEngine(engine: Engine, content: Content) {
	const dir = mkdtempSync(join(tmpdir(), 'evidencia-bench-crash-'));
	let cluster: LiveServers | null = null;
	try {
		cluster =
			engine === 'sqlite'
				? await startSqliteServer(ports.sqlite, { path: join(dir, 'crash.sqlite') })
				: await startPostgresServers([ports.postgres]);
		const server = cluster.servers[0] as LiveServer;
		const settings =
			engine === 'sqlite'
				? await cluster.withDatabase(
						async (db) =>
							`journal_mode=${db.read.get<{ journal_mode: string }>(sql`pragma journal_mode`)?.journal_mode}, synchronous=NORMAL (set per connection in database.ts)`
					)
				: await postgresSettings(cluster.databaseUrl);
		console.log(`\n${engine}: ${settings}`);
		const students = await cluster.withDatabase(async (db) => {
			const made = [];
			for (let n = 0; n < studentCount; n++) {
				const username = `crash-student-${n}`;
				made.push(
					await signedInAccount(db, { username, displayName: `Student ${n}`, role: 'student' })
				);
			}
			return made;
		});
		const next = submissionsFor(content, students);
		const ledger: Sent[] = [];
		const rounds: Round[] = [];
		for (let kill = 1; kill <= killsPerEngine; kill++) {
			const { acknowledged, inFlightAtKill } = await driveUntilKill(server, next, ledger);
			const restartStarted = performance.now();
			await server.restart();
			const restartMs = performance.now() - restartStarted;
			const { lost, partialQuizzes, integrity } = await cluster.withDatabase(async (db) => {
				const found = await inspect(db, content);
				return { ...found, lost: missing(ledger, found.isStored).length };
			});
			rounds.push({ kill, acknowledged, inFlightAtKill, restartMs, partialQuizzes, integrity });
			console.log(
				`  kill ${kill}: ${acknowledged} acknowledged in this round, ${inFlightAtKill.length} in flight at the kill; restarted in ${restartMs.toFixed(0)} ms; lost so far ${lost}; partial quizzes ${partialQuizzes}; integrity ${integrity}`
			);

			// the restarted server takes answers again, each acknowledged and stored
			const agent = new http.Agent({ keepAlive: true });
			const post = formPoster(server.origin, agent);
			const afterRestart: Sent[] = [];
			for (let n = 0; n < afterRestartCount; n++) {
				const sent: Sent = {
					submission: next(),
					outcome: 'pending',
					inFlightAtKill: false
				};
				record(sent, await send(post, sent.submission));
				afterRestart.push(sent);
			}
			agent.destroy();
			ledger.push(...afterRestart);
			const unstored = await cluster.withDatabase(
				async (db) => missing(afterRestart, (await inspect(db, content)).isStored).length
			);
			const acknowledgedAfter = afterRestart.filter((s) => s.outcome === 'acknowledged').length;
			if (acknowledgedAfter !== afterRestartCount || unstored > 0) {
				throw new Error(
					`after restart ${kill}: ${acknowledgedAfter} of ${afterRestartCount} acknowledged, ${unstored} not stored`
				);
			}
		}

		// the last word, with the server stopped: what is on disk
		await server.stop();
		const final = await cluster.withDatabase((db) => inspect(db, content));
		return summarize(engine, ledger, rounds, final);
	} finally {
		await cluster?.close();
		rmSync(dir, { recursive: true, force: true });
	}
}

async function postgresSettings(url: string) {
	const client = postgres(url, { max: 1, onnotice: () => {} });
	try {
		const [commit] = await client`show synchronous_commit`;
		const [fsync] = await client`show fsync`;
		return `synchronous_commit=${commit?.synchronous_commit}, fsync=${fsync?.fsync}`;
	} finally {
		await client.end({ timeout: 5 });
	}
}

function summarize(
	engine: Engine,
	ledger: Sent[],
	rounds: Round[],
	final: Awaited<ReturnType<typeof inspect>>
) {
	const { isStored } = final;
	const acknowledged = ledger.filter((s) => s.outcome === 'acknowledged');
	const inFlight = ledger.filter((s) => s.inFlightAtKill);
	const integrityResults = [...rounds.map((r) => r.integrity), final.integrity];
	return {
		engine,
		kills: rounds.length,
		acknowledged: acknowledged.length,
		acknowledgedQuizzes: acknowledged.filter((s) => s.submission.kind === 'quiz').length,
		lost: missing(ledger, isStored).length,
		partialQuizzes: Math.max(final.partialQuizzes, ...rounds.map((r) => r.partialQuizzes)),
		inFlightAtKill: inFlight.length,
		inFlightAcknowledged: inFlight.filter((s) => s.outcome === 'acknowledged').length,
		inFlightStored: inFlight.filter(isStored).length,
		refused: ledger.filter((s) => s.outcome === 'refused').map((s) => s.status),
		// a connection that failed while the server was up would be a fault of its own
		failedWhileUp: ledger.filter((s) => s.outcome === 'failed' && !s.inFlightAtKill).length,
		integrity:
			engine === 'sqlite'
				? integrityResults.every((r) => r === 'ok')
					? `ok (${integrityResults.length} of ${integrityResults.length})`
					: integrityResults.join(' | ')
				: 'n/a',
		integrityOk: engine !== 'sqlite' || integrityResults.every((r) => r === 'ok'),
		restartMs: rounds.map((r) => r.restartMs.toFixed(0)).join(' / '),
		rounds: rounds.map((r) => ({
			...r,
			inFlightAcknowledged: r.inFlightAtKill.filter((s) => s.outcome === 'acknowledged').length,
			inFlightStored: r.inFlightAtKill.filter(isStored).length
		}))
	};
}

async function main() {
	const { content } = buildContent(readContentFiles());
	const engines: Engine[] = ['sqlite'];
	const unavailable = await postgresUnavailable();
	if (unavailable === null) engines.push('postgres');
	else if (process.env.REQUIRE_POSTGRES === '1') {
		throw new Error(`PostgreSQL is required (REQUIRE_POSTGRES=1) but unreachable: ${unavailable}`);
	} else console.log(`SKIPPED PostgreSQL: ${unavailable}`);

	console.log(
		`${studentCount} students, ${concurrency} submissions in flight, ${killsPerEngine} kills per engine after ${acksBeforeKill}–${acksBeforeKill + 99} acknowledgements each`
	);
	const results = [];
	for (const engine of engines) results.push(await runEngine(engine, content));

	console.log(
		[
			'',
			'| engine | kills | acknowledged (of which whole quizzes) | lost | in flight at kill: stored / not stored (acknowledged as the server died) | quizzes stored in part | refused | integrity check | restart time ms |',
			'|---|---|---|---|---|---|---|---|---|',
			...results.map(
				(r) =>
					`| ${r.engine} | ${r.kills} | ${r.acknowledged} (${r.acknowledgedQuizzes}) | ${r.lost} | ${r.inFlightStored} / ${r.inFlightAtKill - r.inFlightStored} (${r.inFlightAcknowledged}) | ${r.partialQuizzes} | ${r.refused.length} | ${r.integrity} | ${r.restartMs} |`
			)
		].join('\n')
	);
	if (engines.length === 1)
		console.log('| postgres | skipped: PostgreSQL unreachable | | | | | | | |');
	console.log(
		[
			'',
			'| engine | kill | acknowledged in the round | in flight at kill | of which acknowledged as the server died | stored | not stored | restart ms | integrity check after restart |',
			'|---|---|---|---|---|---|---|---|---|',
			...results.flatMap((r) =>
				r.rounds.map(
					(round) =>
						`| ${r.engine} | ${round.kill} | ${round.acknowledged} | ${round.inFlightAtKill.length} | ${round.inFlightAcknowledged} | ${round.inFlightStored} | ${round.inFlightAtKill.length - round.inFlightStored} | ${round.restartMs.toFixed(0)} | ${round.integrity} |`
				)
			)
		].join('\n')
	);

	const faults = results.flatMap((r) => [
		...(r.lost > 0 ? [`${r.engine}: ${r.lost} acknowledged submissions lost`] : []),
		...(r.integrityOk ? [] : [`${r.engine}: integrity check failed`]),
		...(r.partialQuizzes > 0 ? [`${r.engine}: ${r.partialQuizzes} quizzes stored in part`] : []),
		...(r.refused.length > 0 ? [`${r.engine}: refused with ${r.refused.join(', ')}`] : []),
		...(r.failedWhileUp > 0
			? [`${r.engine}: ${r.failedWhileUp} requests failed while the server was up`]
			: [])
	]);
	if (faults.length > 0) {
		console.error(`\n${faults.join('\n')}`);
		process.exitCode = 1;
	}
}

try {
	await main();
} catch (error) {
	console.error(error instanceof Error ? error.message : error);
	process.exitCode = 1;
}
