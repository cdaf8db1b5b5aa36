// `npx tsx bench/answers-pg.ts`: practice answers stored through the domain function (no HTTP), 64 students
// answering at once on PostgreSQL, on a fresh database that is dropped afterwards. Prints answers/s and how many
// write transactions rolled back (each one a retry: serialization failures, deadlocks, lost races).
// BENCH_SECONDS (default 5) sets the measured length, after a 1 s warm-up; TEST_DATABASE_URL the server.
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import postgres from 'postgres';
import { createAccount } from '../src/lib/server/auth/accounts';
import { buildContent } from '../src/lib/server/content/build';
import { readContentFiles } from '../src/lib/server/content/content-files';
import { openDatabase } from '../src/lib/server/db/database';
import { rightForm, wrongForm } from '../src/lib/server/live/test-live';
import { answerPracticeQuestion } from '../src/lib/server/quiz/answers';

const seconds = Number(process.env.BENCH_SECONDS ?? 5);
const students = 64;
const adminUrl = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

const { content } = buildContent(readContentFiles());
// the same submission as `npm run bench`: the first lesson with a single-choice check
const lesson = [...content.lessons.values()].find((l) =>
	l.questions.some((q) => l.checkIds.includes(q.id) && q.type === 'single-choice')
);
const question = lesson?.questions.find(
	(q) => lesson.checkIds.includes(q.id) && q.type === 'single-choice'
);
if (!lesson || !question) throw new Error('no lesson with a single-choice check');

const lessonSlug = lesson.slug;
// wrong then right, so every student's review card is created once and then rescheduled on each answer
const [wrong, right] = [wrongForm(question), rightForm(question)];
for (const form of [wrong, right]) form.set('questionId', question.id);

const name = `evidencia_bench_answers_${Date.now()}`;
const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
await admin.unsafe(`create database "${name}"`);
const url = new URL(adminUrl);
url.pathname = `/${name}`;
const db = await openDatabase({ engine: 'postgres', url: url.toString() });

/** CPU seconds used so far by this database's server processes (Linux: their /proc stat, same machine only). */
async function serverCpuSeconds(): Promise<number> {
	const rows = await admin`select pid from pg_stat_activity where datname = ${name}`;
	let ticks = 0;
	for (const { pid } of rows) {
		try {
			const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
			ticks += Number(fields[11]) + Number(fields[12]); // utime, stime
		} catch {
			// a connection that closed meanwhile
		}
	}
	return ticks / 100;
}

async function rolledBack(): Promise<number> {
	// statistics reach the view up to a second late (PostgreSQL 15's stats flush), so wait them out
	await new Promise((r) => setTimeout(r, 1500));
	const [row] = await admin.begin(async (tx) => {
		await tx`select pg_stat_clear_snapshot()`;
		return tx`select xact_rollback::int as n from pg_stat_database where datname = ${name}`;
	});
	return Number(row?.n ?? 0);
}

try {
	const userIds: string[] = [];
	for (let i = 0; i < students; i++) {
		const created = await createAccount(db, {
			username: `bench-student-${i}`,
			displayName: `Student ${i}`,
			role: 'student',
			password: 'a bench password'
		});
		if (!created.ok) throw new Error('could not create a bench student');
		userIds.push(created.user.id);
	}

	async function run(ms: number): Promise<number> {
		const end = performance.now() + ms;
		let answers = 0;
		await Promise.all(
			userIds.map(async (userId, i) => {
				for (let n = i; performance.now() < end; n++) {
					const result = await answerPracticeQuestion(db, content, {
						userId,
						lessonSlug,
						form: n % 2 ? right : wrong
					});
					if (!result.ok) throw new Error(`answer refused: ${result.message}`);
					answers++;
				}
			})
		);
		return answers;
	}

	await run(1000);
	const before = await rolledBack();
	const serverBefore = await serverCpuSeconds();
	const clientBefore = process.cpuUsage();
	const started = performance.now();
	const answers = await run(seconds * 1000);
	const elapsed = (performance.now() - started) / 1000;
	const client = process.cpuUsage(clientBefore);
	const serverCpu = (await serverCpuSeconds()) - serverBefore;
	const retries = (await rolledBack()) - before;
	// CPU per answer is steadier than answers/s on a shared machine
	const perAnswer = (cpuSeconds: number) => `${((cpuSeconds * 1000) / answers).toFixed(2)} ms`;
	console.log(
		`${students} students, ${elapsed.toFixed(1)} s: ${answers} answers, ${(answers / elapsed).toFixed(0)} answers/s, ` +
			`${retries} rolled-back transactions (${((100 * retries) / (answers + retries)).toFixed(1)}% of write attempts); ` +
			`CPU per answer: app ${perAnswer((client.user + client.system) / 1e6)}, PostgreSQL ${perAnswer(serverCpu)}`
	);
} finally {
	await db.close();
	await admin.unsafe(`drop database if exists "${name}" with (force)`);
	await admin.end({ timeout: 5 });
}
