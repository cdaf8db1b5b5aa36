import { expect, test } from '@playwright/test';
import { count, eq } from 'drizzle-orm';
import { createAccount } from '../src/lib/server/auth/accounts';
import {
	createSession,
	generateSessionToken,
	sessionCookieName
} from '../src/lib/server/auth/session';
import type { Database } from '../src/lib/server/db/database';
import { createLiveSession } from '../src/lib/server/live/sessions';
import { rightForm } from '../src/lib/server/live/test-live';
import { content } from './fixtures/content';
import {
	liveEngines,
	readEventStream,
	startPostgresServers,
	startSqliteServer,
	type LiveServers
} from './fixtures/live-servers';
import { spareE2ePorts } from './fixtures/paths.js';

// Live review across app processes and across a crash: plain HTTP and raw event streams, no browser.

const lesson = [...content.lessons.values()].find(
	(l) => l.questions.filter((q) => q.type !== 'written').length >= 3
)!;

async function arrange(db: Database) {
	const created = await createAccount(db, {
		username: `host-${Date.now()}@example.org`,
		email: `host-${Date.now()}@example.org`,
		displayName: 'Host Teacher',
		role: 'teacher',
		password: 'a long enough password'
	});
	if (!created.ok) throw new Error('teacher not created');
	const token = generateSessionToken();
	await createSession(db, token, created.user.id);
	const session = await createLiveSession(db, content, {
		teacherId: created.user.id,
		classId: null,
		source: { kind: 'lesson', lessonSlug: lesson.slug },
		options: {
			timerSeconds: null,
			scoring: 'accuracy',
			showLeaderboard: true,
			showRealNames: true,
			extraTime: {}
		}
	});
	if (!session.ok) throw new Error(session.message);
	return { teacherCookie: `${sessionCookieName}=${token}`, session: session.session };
}

async function post(origin: string, path: string, form: URLSearchParams, cookie = '') {
	const response = await fetch(`${origin}${path}`, {
		method: 'POST',
		headers: { origin, cookie, 'content-type': 'application/x-www-form-urlencoded' },
		body: form,
		redirect: 'manual'
	});
	return {
		status: response.status,
		cookies: response.headers.getSetCookie(),
		text: await response.text()
	};
}

async function join(origin: string, code: string, nickname: string): Promise<string> {
	const joined = await post(origin, `/live/${code}?/join`, new URLSearchParams({ nickname }));
	expect(joined.status, joined.text).toBeLessThan(400);
	return joined.cookies.map((c) => c.split(';')[0]).join('; ');
}

function answerForm(questionId: string, index: number) {
	const entry = content.questions.get(questionId);
	if (!entry) throw new Error(`no question ${questionId}`);
	const form = new URLSearchParams([...rightForm(entry.question)].map(([k, v]) => [k, String(v)]));
	form.set('questionIndex', String(index));
	return form;
}

const storedAnswers = (servers: LiveServers, sessionId: string) =>
	servers.withDatabase(async (db) => {
		const [row] = await db.read
			.select({ n: count() })
			.from(db.tables.liveAnswers)
			.where(eq(db.tables.liveAnswers.sessionId, sessionId));
		return row?.n ?? 0;
	});

const engines = liveEngines();

if (engines.includes('postgres')) {
	test('a teacher on one process and students on another share a session', async () => {
		test.setTimeout(120_000);
		const servers = await startPostgresServers(spareE2ePorts);
		try {
			const [hostSide, playerSide] = servers.servers;
			const { teacherCookie, session } = await servers.withDatabase(arrange);
			const cookie = await join(playerSide!.origin, session.code, 'Otra Maquina');
			const player = readEventStream(`${playerSide!.origin}/live/${session.code}/events`, {
				headers: { cookie }
			});
			const host = readEventStream(`${hostSide!.origin}/live/host/${session.id}/events`, {
				headers: { cookie: teacherCookie }
			});
			await player.waitFor((e) => e.event === 'lobby');

			expect(
				(
					await post(
						hostSide!.origin,
						`/live/host/${session.id}?/next`,
						new URLSearchParams(),
						teacherCookie
					)
				).status
			).toBeLessThan(400);
			const question = await player.waitFor((e) => e.event === 'question');
			const questionId = JSON.parse(question.data).question.question.id as string;

			const answered = await post(
				playerSide!.origin,
				`/live/${session.code}?/answer`,
				answerForm(questionId, 0),
				cookie
			);
			expect(answered.status, answered.text).toBeLessThan(400);
			await host.waitFor((e) => e.event === 'answers' && JSON.parse(e.data).answeredCount === 1);

			await post(
				hostSide!.origin,
				`/live/host/${session.id}?/reveal`,
				new URLSearchParams(),
				teacherCookie
			);
			const reveal = await player.waitFor((e) => e.event === 'reveal');
			const view = JSON.parse(reveal.data);
			expect(view.reveal.explanation).toBe(content.questions.get(questionId)?.question.explanation);
			expect(view.result).toMatchObject({ answered: true, correct: true });
			await Promise.all([player.close(), host.close()]);
		} finally {
			await servers.close();
		}
	});
}

for (const engine of engines) {
	test(`killing the server mid-question loses no acknowledged answer and the session resumes (${engine})`, async () => {
		test.setTimeout(180_000);
		const servers =
			engine === 'sqlite'
				? await startSqliteServer(spareE2ePorts[0]!)
				: await startPostgresServers([spareE2ePorts[0]!]);
		try {
			const [server] = servers.servers;
			const origin = server!.origin;
			const { teacherCookie, session } = await servers.withDatabase(arrange);
			const cookies = await Promise.all(
				['Ada', 'Bruno', 'Chela'].map((name) => join(origin, session.code, name))
			);
			await post(origin, `/live/host/${session.id}?/next`, new URLSearchParams(), teacherCookie);
			const questionId = session.questions[0]!.questionId;

			const acknowledged = [];
			for (const cookie of cookies.slice(0, 2)) {
				const result = await post(
					origin,
					`/live/${session.code}?/answer`,
					answerForm(questionId, 0),
					cookie
				);
				if (result.status < 400) acknowledged.push(result);
			}
			expect(acknowledged).toHaveLength(2);

			await server!.kill();
			expect(await storedAnswers(servers, session.id)).toBe(2);
			await server!.restart();

			// the same players, the same open question: the third answers now, a second answer is refused
			const stream = readEventStream(`${origin}/live/${session.code}/events`, {
				headers: { cookie: cookies[0]! }
			});
			const resumed = await stream.waitFor((e) => e.event === 'question');
			expect(JSON.parse(resumed.data).question.index).toBe(0);
			const late = await post(
				origin,
				`/live/${session.code}?/answer`,
				answerForm(questionId, 0),
				cookies[2]!
			);
			expect(late.status, late.text).toBeLessThan(400);
			const again = await post(
				origin,
				`/live/${session.code}?/answer`,
				answerForm(questionId, 0),
				cookies[0]!
			);
			expect(again.status).toBe(409);
			expect(await storedAnswers(servers, session.id)).toBe(3);

			await post(origin, `/live/host/${session.id}?/reveal`, new URLSearchParams(), teacherCookie);
			const reveal = await stream.waitFor((e) => e.event === 'reveal');
			expect(JSON.parse(reveal.data).result).toMatchObject({ answered: true, correct: true });
			await stream.close();
		} finally {
			await servers.close();
		}
	});
}
