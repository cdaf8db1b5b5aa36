import {
	expect,
	test,
	type Browser,
	type BrowserContext,
	type Locator,
	type Page
} from '@playwright/test';
import { and, eq } from 'drizzle-orm';
import { liveEventNames } from '../src/lib/live/events';
import type { Question } from '../src/lib/quiz/registry';
import { fingerprint, secretsOf } from './fixtures/content';
import { withE2eDatabase } from './fixtures/db';
import {
	answerTile,
	classWith,
	joinOverHttp,
	liveLesson,
	liveQuestions,
	signInAs
} from './fixtures/live';
import { readEventStream } from './fixtures/live-servers';

// Done-when #1 and #2 of issue #7: a teacher, three students (one without JavaScript), a reload mid-question,
// a late joiner; and a record of every event and page each student received, checked for secrets before
// every reveal.

const eventTypes = ['message', ...liveEventNames];

/**
 * Runs in the page before its own scripts: every EventSource the page opens reports each event it gets (type
 * and data) to the test through window.__recordLiveEvent, whether or not the page listens for that type.
 */
function recordEventSources(names: string[]) {
	const w = window as unknown as {
		EventSource: typeof EventSource;
		__recordLiveEvent: (type: string, data: string) => void;
	};
	const Native = w.EventSource;
	function Recording(url: string | URL, init?: EventSourceInit) {
		const source = new Native(url, init);
		const heard = new Set<string>();
		const hear = (name: string) => {
			if (heard.has(name)) return;
			heard.add(name);
			Native.prototype.addEventListener.call(source, name, (event: Event) => {
				// open and error carry no data: only messages are the server's events
				if (event instanceof MessageEvent) w.__recordLiveEvent(event.type, String(event.data));
			});
		};
		for (const name of names) hear(name);
		const add = source.addEventListener.bind(source);
		source.addEventListener = ((type: string, ...rest: [EventListener, boolean?]) => {
			hear(type);
			add(type, ...rest);
		}) as typeof source.addEventListener;
		return source;
	}
	Recording.prototype = Native.prototype;
	Object.assign(Recording, { CONNECTING: 0, OPEN: 1, CLOSED: 2 });
	w.EventSource = Recording as unknown as typeof EventSource;
}

interface Recorded {
	type: string;
	data: string;
}

/** A student's browser page and everything it received: stream events and every text response body. */
interface Student {
	name: string;
	context: BrowserContext;
	page: Page;
	javaScript: boolean;
	events: Recorded[];
	bodies: Promise<string>[];
	/** the HTML of every page load, in order */
	documents: Promise<string>[];
}

async function newStudent(
	browser: Browser,
	baseURL: string,
	name: string,
	options: { javaScript?: boolean; context?: BrowserContext } = {}
): Promise<Student> {
	const javaScript = options.javaScript ?? true;
	const context =
		options.context ?? (await browser.newContext({ baseURL, javaScriptEnabled: javaScript }));
	const page = await context.newPage();
	const events: Recorded[] = [];
	const bodies: Promise<string>[] = [];
	const documents: Promise<string>[] = [];
	if (javaScript) {
		await page.exposeFunction('__recordLiveEvent', (type: string, data: string) => {
			events.push({ type, data });
		});
		await page.addInitScript(recordEventSources, eventTypes);
	}
	page.on('response', (response) => {
		const type = response.headers()['content-type'] ?? '';
		if (/event-stream|css/.test(type) || !/html|javascript|json|text/.test(type)) return;
		const body = response.text().catch(() => '');
		bodies.push(body);
		if (response.request().isNavigationRequest() && type.includes('html')) documents.push(body);
	});
	return { name, context, page, javaScript, events, bodies, documents };
}

const heading = (page: Page, name: string | RegExp) => page.getByRole('heading', { name });
const answerReceived = (page: Page) =>
	page.getByRole('status').filter({ hasText: 'Answer received' });

/**
 * Without JavaScript the page follows the session by refreshing itself every 3 seconds while it waits:
 * the content must come without the test reloading.
 */
async function refreshesTo(page: Page, locator: Locator) {
	await expect(locator).toBeVisible({ timeout: 12_000 });
}

/** One tap on the answer's tile: sent after the short undo wait with JavaScript, at once without. */
async function answer(student: Student, question: Question, right: boolean) {
	const group = student.page.getByRole('group', { name: question.prompt });
	await answerTile(group, question, right).click();
	await expect(answerReceived(student.page)).toBeVisible();
	await expect(student.page.getByRole('group', { name: question.prompt })).toHaveCount(0);
}

const denialRight =
	'The Navy officially disputes the report. That matters, but the Navy is an interested party, so the question stays open until other evidence is weighed.';

/** The questions a session from liveLesson asks, in order, written out rather than taken from the code. */
const expectedQuestionIds = [
	'l2-sales-not-aid',
	'l2-denial-meaning',
	'l2-same-day',
	'l2-merida-basics',
	'l2-appropriated-delivered',
	'l2-classify-statements',
	'l2-both-sources',
	'l2-semar-omission',
	'l2-unconfirmed',
	'l2-per-year',
	'l2-chapo-timeline',
	'l2-predictions-judged',
	'l2-grayson',
	'l2-four-billion',
	'l2-68m-timing'
];

/**
 * The first three questions' right answers in words, and each option's row in the projector's chart
 * (label, right?, answers, share) after the plans below: a wrong answer picks the first wrong option.
 */
const expectedReveals = [
	{
		key: 'False',
		chart: [
			['True', 'No', '1', '33%'],
			['False', 'Yes', '2', '67%']
		]
	},
	{
		key: denialRight,
		chart: [
			[
				'The Wall Street Journal’s report is false, because the Navy would know what happens in its own operations.',
				'No',
				'1',
				'33%'
			],
			[denialRight, 'Yes', '2', '67%'],
			[
				'The report must be true, because governments always deny secret operations.',
				'No',
				'0',
				'0%'
			],
			['The United States agreed with the Navy, because it did not comment.', 'No', '0', '0%']
		]
	},
	{
		key: 'False',
		chart: [
			['True', 'No', '0', '0%'],
			['False', 'Yes', '4', '100%']
		]
	}
];

/** Keys that only a revealed answer carries: none may reach a student while the question is open. */
const revealKeys = ['"correctAnswer"', '"explanation"', '"evidence"', '"distribution"'];
const answerKeys = ['"answer"', '"answers"', '"feedback"', '"modelAnswer"', '"rubric"'];

type Plan = Record<string, boolean | null>;

test('a live review: lobby, three questions with reveals and a leaderboard, a reload, a late joiner, the end and the report', async ({
	browser,
	baseURL
}) => {
	test.setTimeout(240_000);
	const origin = baseURL!;
	expect(liveLesson.slug, 'a lesson whose first live questions are choices').toBe(
		'guns-money-and-people'
	);
	const asked = liveQuestions.slice(0, 3);
	const total = 15;

	// the teacher, and a class with one signed-in student
	const teacherContext = await browser.newContext({ baseURL: origin });
	const teacher = await signInAs(teacherContext, origin, 'teacher');
	const memberContext = await browser.newContext({ baseURL: origin });
	const member = await signInAs(memberContext, origin, 'student');
	const klass = await classWith(teacher, [member]);

	// the teacher starts a session from a lesson, with the leaderboard shown
	const host = await teacherContext.newPage();
	await host.goto('/live');
	await expect(heading(host, 'Live review')).toBeVisible();
	await expect(heading(host, 'Start a review session')).toBeVisible();
	await host.getByRole('radio', { name: 'Questions from one lesson' }).check();
	await host.getByLabel('Lesson', { exact: true }).selectOption(liveLesson.slug);
	await host.getByLabel('Class', { exact: true }).selectOption({ label: klass.name });
	await host.getByRole('radio', { name: 'No timer' }).check();
	await host.getByRole('radio', { name: 'Accuracy only' }).check();
	await host.getByRole('radio', { name: 'Show the top 10 after each answer' }).check();
	// so the class's student plays under their own name (unticked, they pick a nickname)
	await host
		.getByRole('checkbox', { name: "Show class members' real names to everyone in the session" })
		.check();
	await host.getByRole('button', { name: 'Create the session' }).click();
	await expect(host).toHaveURL(/\/live\/host\/[^/?]+$/);
	const sessionId = new URL(host.url()).pathname.split('/').at(-1)!;
	const session = await withE2eDatabase(async (db) => {
		const [row] = await db.read
			.select()
			.from(db.tables.liveSessions)
			.where(eq(db.tables.liveSessions.id, sessionId));
		return row!;
	});
	expect(session).toMatchObject({
		teacherId: teacher.id,
		classId: klass.id,
		title: liveLesson.title,
		showLeaderboard: true,
		showRealNames: true,
		timerSeconds: null,
		scoring: 'accuracy',
		phase: 'lobby'
	});
	// every question of the lesson but its one written question
	expect(session.questions.map((q) => q.questionId)).toEqual(expectedQuestionIds);
	const code = session.code;
	await expect(heading(host, liveLesson.title)).toBeVisible();
	await expect(host.getByText(`Code ${code}`)).toBeVisible();

	// the projector, a second page of the teacher's
	const [projector] = await Promise.all([
		teacherContext.waitForEvent('page'),
		host.getByRole('link', { name: /Open the projector view/ }).click()
	]);
	await expect(projector).toHaveURL(`/live/host/${sessionId}/projector`);
	await expect(projector.getByText(`${code.slice(0, 3)} ${code.slice(3)}`)).toBeVisible();
	await expect(projector.getByRole('img', { name: /QR code for .*\/live\/\d{6}/ })).toBeVisible();
	await expect(projector.getByText('0 players have joined')).toBeVisible();

	// (a) the class's student, signed in, with JavaScript: the code on /live, then "Join as <name>"
	const ana = await newStudent(browser, origin, member.displayName, { context: memberContext });
	await ana.page.goto('/live');
	await expect(heading(ana.page, 'Join a review session')).toBeVisible();
	await ana.page.getByLabel('Session code').fill(code);
	await ana.page.getByRole('button', { name: 'Join', exact: true }).click();
	await expect(ana.page).toHaveURL(`/live/${code}`);
	await ana.page.getByRole('button', { name: `Join as ${member.displayName}` }).click();
	await expect(heading(ana.page, 'Waiting for your teacher to start')).toBeVisible();
	await expect(ana.page.getByText(`Playing as ${member.displayName}`)).toBeVisible();

	// (b) a guest with JavaScript
	const bea = await newStudent(browser, origin, 'Bea');
	await bea.page.goto(`/live/${code}`);
	await bea.page.getByLabel('Nickname').fill('Bea');
	await bea.page.getByRole('button', { name: 'Join', exact: true }).click();
	await expect(heading(bea.page, 'Waiting for your teacher to start')).toBeVisible();

	// (c) a guest without JavaScript: plain form posts, and the page refreshes itself
	const cato = await newStudent(browser, origin, 'Cato', { javaScript: false });
	await cato.page.goto(`/live?code=${code}`);
	await expect(cato.page.getByLabel('Session code')).toHaveValue(code);
	await cato.page.getByRole('button', { name: 'Join', exact: true }).click();
	await expect(cato.page).toHaveURL(`/live/${code}`);
	await cato.page.getByLabel('Nickname').fill('Cato');
	await cato.page.getByRole('button', { name: 'Join', exact: true }).click();
	await expect(heading(cato.page, 'Waiting for your teacher to start')).toBeVisible();
	await expect(cato.page.locator('noscript meta[http-equiv="refresh"]')).toHaveAttribute(
		'content',
		'3'
	);

	// the lobby on the projector: three players
	await expect(projector.getByText('3 players have joined')).toBeVisible();
	const lobbyList = projector.getByRole('list', { name: 'Players' });
	await expect(lobbyList.getByRole('listitem')).toHaveText(
		[member.displayName, 'Bea', 'Cato'].sort((x, y) => x.localeCompare(y, 'en'))
	);

	// a raw event stream from Node, as one more guest player: what a device receives, byte for byte
	const listenerCookie = await joinOverHttp(origin, code, 'Listener');
	const listener = readEventStream(`${origin}/live/${code}/events`, {
		headers: { cookie: listenerCookie }
	});
	await listener.waitFor((e) => e.event === 'lobby');
	expect(listener.status).toBe(200);
	await expect(projector.getByText('4 players have joined')).toBeVisible();
	await expect(host.getByText('Lobby: 4 players joined.')).toBeVisible();

	const students: Student[] = [ana, bea, cato];
	let dario: Student | null = null;
	const nick = (s: Student) => (s === ana ? member.displayName : s.name);
	// who answers what: true right, false wrong, null no answer
	const plans: Plan[] = [
		{ [member.displayName]: true, Bea: false, Cato: true },
		{ [member.displayName]: true, Bea: true, Cato: false, Dario: null },
		{ [member.displayName]: true, Bea: true, Cato: true, Dario: true }
	];
	const points = new Map<string, number>();
	const rights = new Map<string, number>();

	for (const [index, question] of asked.entries()) {
		const plan = plans[index]!;
		const label = `Question ${index + 1} of ${total}`;
		await host
			.getByRole('button', { name: index === 0 ? 'Start the first question' : 'Next question' })
			.click();
		await expect(host.getByText(`${label} is open`)).toBeVisible();
		await expect(projector.getByRole('heading', { level: 1, name: question.prompt })).toBeVisible();
		await expect(projector.getByText(label, { exact: true })).toBeVisible();
		for (const student of students) {
			const questionHeading = heading(student.page, label);
			if (student.javaScript) await expect(questionHeading).toBeVisible();
			else await refreshesTo(student.page, questionHeading);
			await expect(student.page.getByRole('group', { name: question.prompt })).toBeVisible();
		}
		await listener.waitFor(
			(e) => e.event === 'question' && JSON.parse(e.data).question?.index === index
		);

		// (d) joins late, during question 2, and finds the question open
		if (index === 1) {
			dario = await newStudent(browser, origin, 'Dario');
			await dario.page.goto(`/live/${code}`);
			await dario.page.getByLabel('Nickname').fill('Dario');
			await dario.page.getByRole('button', { name: 'Join', exact: true }).click();
			await expect(heading(dario.page, label)).toBeVisible();
			await expect(dario.page.getByRole('group', { name: question.prompt })).toBeVisible();
			students.push(dario);
		}
		const playerCount = 4 + (dario ? 1 : 0);

		let answered = 0;
		for (const student of students) {
			const right = plan[nick(student)];
			if (right === null || right === undefined) continue;
			await answer(student, question, right);
			answered += 1;
			await expect(
				projector.getByText(`${answered} of ${playerCount} players answered`)
			).toBeVisible();
		}
		await expect(
			host.getByText(`${label} is open: ${answered} of ${playerCount} players answered.`)
		).toBeVisible();

		// (b) reloads mid-question: the same player, the answer still received
		if (index === 1) {
			await bea.page.reload();
			await expect(answerReceived(bea.page)).toBeVisible();
			await expect(bea.page.getByText('Playing as Bea')).toBeVisible();
			await expect(bea.page.getByRole('group', { name: question.prompt })).toHaveCount(0);
		}

		// BEFORE the reveal: nothing any student received holds this question's key, feedback or explanation
		await expectNoSecrets(students, listener.events, question, index);

		await host.getByRole('button', { name: 'Reveal the answer' }).click();
		await expect(
			host.getByText(`${label} revealed: ${answered} of ${playerCount} players answered.`)
		).toBeVisible();

		for (const [name, right] of Object.entries(plan)) {
			if (right) {
				points.set(name, (points.get(name) ?? 0) + 100);
				rights.set(name, (rights.get(name) ?? 0) + 1);
			}
		}
		const { key, chart: expectedChart } = expectedReveals[index]!;

		// each student: their own result, the right answer, why, the evidence, their score
		for (const student of students) {
			const page = student.page;
			const revealHeading = heading(page, `${label}: the answer`);
			if (student.javaScript) await expect(revealHeading).toBeVisible();
			else await refreshesTo(page, revealHeading);
			const right = plan[nick(student)];
			const verdict = right === null ? 'No answer this time' : right ? 'Right' : 'Not quite';
			await expect(
				page.getByRole('heading', { level: 3, name: verdict, exact: true }),
				`${student.name}'s result`
			).toBeVisible();
			await expect(page.getByText(`+${right ? 100 : 0} points`)).toBeVisible();
			await expect(page.getByText(`Right answer: ${key}`)).toBeVisible();
			await expect(page.getByText(question.explanation)).toBeVisible();
			if (question.evidence.length > 0) {
				await expect(page.getByRole('heading', { level: 3, name: 'Evidence' })).toBeVisible();
			}
			const own = points.get(nick(student)) ?? 0;
			await expect(
				page.getByText(
					`Your score so far: ${own} points, ${rights.get(nick(student)) ?? 0} of ${index + 1} right.`
				)
			).toBeVisible();
			await expect(page.getByRole('table', { name: 'Leaderboard: top 10' })).toBeVisible();
		}

		// the projector: the distribution, the right answer, why, and the leaderboard
		const chart = projector.getByRole('table', { name: `Answers to question ${index + 1}` });
		await expect(chart.getByRole('row')).toHaveCount(1 + expectedChart.length);
		for (const [label, ...cells] of expectedChart) {
			const row = chart.getByRole('row').filter({
				has: projector.getByRole('rowheader', { name: label, exact: true })
			});
			await expect(row.getByRole('cell')).toHaveText(cells);
		}
		await expect(
			projector.getByText(`${answered} of ${playerCount} players answered.`)
		).toBeVisible();
		await expect(projector.getByText(`Right answer: ${key}`)).toBeVisible();
		await expect(projector.getByText(question.explanation)).toBeVisible();
		// the projector's top 5, by right answers in an accuracy-only session
		await expectLeaderboard(projector, 'Leaderboard: top 5', rights, [
			member.displayName,
			'Bea',
			'Cato',
			'Listener',
			...(dario ? ['Dario'] : [])
		]);

		// AFTER the reveal the same recording holds the answer: the check above could see it
		await expectRevealReceived(students, listener.events, question, index);
	}

	// the student who reloaded kept their player: one row, and the score they earned
	const players = await withE2eDatabase((db) =>
		db.read
			.select()
			.from(db.tables.livePlayers)
			.where(eq(db.tables.livePlayers.sessionId, sessionId))
	);
	expect(players.map((p) => p.nickname).sort()).toEqual(
		[member.displayName, 'Bea', 'Cato', 'Dario', 'Listener'].sort()
	);
	expect(players.find((p) => p.nickname === member.displayName)?.userId).toBe(member.id);

	// the teacher ends the session
	await host.getByRole('link', { name: 'End the session' }).click();
	await expect(heading(host, `End “${liveLesson.title}”?`)).toBeVisible();
	await host.getByRole('button', { name: 'End the session now' }).click();
	await expect(host.getByRole('status')).toHaveText('The session has ended.');
	await expect(host.getByRole('link', { name: 'See the report' })).toBeVisible();

	await expect(heading(projector, 'Final summary')).toBeVisible();
	await expect(projector.getByText(`3 of ${total}`, { exact: true })).toBeVisible();
	const rightTotal = [...rights.values()].reduce((sum, n) => sum + n, 0);
	await expect(
		projector.getByText(`${rightTotal} of ${3 * 5} (${Math.round((100 * rightTotal) / 15)}%)`, {
			exact: true
		})
	).toBeVisible();
	// accuracy only: the class's result, no podium
	await expect(projector.getByRole('list', { name: 'Podium: the top three' })).toHaveCount(0);
	for (const student of students) {
		const ended = heading(student.page, 'The review session has ended');
		if (student.javaScript) await expect(ended).toBeVisible();
		else await refreshesTo(student.page, ended);
		const own = points.get(nick(student)) ?? 0;
		await expect(
			student.page.getByText(
				`Your final score: ${own} points, ${rights.get(nick(student)) ?? 0} of 3 questions right.`
			)
		).toBeVisible();
	}
	await listener.waitFor((e) => e.event === 'ended');
	// players never get the host's answer counts
	const playerEvents = ['lobby', 'question', 'paused', 'reveal', 'ended', 'players'];
	for (const student of [ana, bea, dario!]) {
		for (const event of student.events) expect(playerEvents, student.name).toContain(event.type);
	}
	for (const event of listener.events)
		expect(playerEvents, 'the raw stream').toContain(event.event);
	await listener.close();

	// the report: 3 questions, every player
	await host.getByRole('link', { name: 'See the report' }).click();
	await expect(heading(host, `Report: ${liveLesson.title}`)).toBeVisible();
	const questionsTable = host.getByRole('table', {
		name: 'Each question: how many players answered and how many got it right'
	});
	await expect(questionsTable.getByRole('row')).toHaveCount(1 + 3);
	for (const [index, question] of asked.entries()) {
		const row = questionsTable.getByRole('row').filter({
			has: host.getByRole('rowheader', { name: question.prompt })
		});
		const given = Object.values(plans[index]!).filter((r) => r !== null);
		const right = given.filter(Boolean).length;
		await expect(row.getByRole('cell')).toHaveText([
			String(index + 1),
			expectedReveals[index]!.key,
			String(given.length),
			`${right} (${Math.round((100 * right) / given.length)}%)`
		]);
	}
	const playersTable = host.getByRole('table', {
		name: 'Each player’s points, right answers and answer to every question asked'
	});
	await expect(playersTable.getByRole('row')).toHaveCount(1 + 5);
	for (const name of [member.displayName, 'Bea', 'Cato', 'Dario']) {
		const row = playersTable.getByRole('row').filter({
			has: host.getByRole('rowheader', { name })
		});
		await expect(row.getByRole('cell').nth(0)).toHaveText(String(points.get(name) ?? 0));
		await expect(row.getByRole('cell').nth(1)).toHaveText(String(rights.get(name) ?? 0));
	}
	await expect(playersTable.getByRole('rowheader', { name: member.displayName })).toContainText(
		'student account'
	);
	await expect(playersTable.getByRole('rowheader', { name: 'Cato' })).toContainText('guest');

	const [download] = await Promise.all([
		host.waitForEvent('download'),
		host.getByRole('link', { name: 'Download the report (CSV)' }).click()
	]);
	expect(download.suggestedFilename()).toMatch(
		new RegExp(`^live-review-${code}-\\d{4}-\\d{2}-\\d{2}\\.csv$`)
	);
	const csv = parseCsv(await streamText(await download.createReadStream()));
	const [header, ...rows] = csv;
	expect(header).toEqual([
		'Player',
		'Joined as',
		'Removed',
		'Question',
		'Lesson',
		'Prompt',
		'Answer',
		'Correct',
		'Points',
		'Seconds to answer',
		'Total points',
		'Total correct'
	]);
	expect(rows).toHaveLength(5 * 3);
	for (const name of [member.displayName, 'Bea', 'Cato', 'Dario']) {
		const own = rows.filter((row) => row[0] === name);
		expect(own.map((row) => row[3])).toEqual(['1', '2', '3']);
		expect(own.map((row) => row[5])).toEqual(asked.map((q) => q.prompt));
		for (const [index, row] of own.entries()) {
			const right = plans[index]![name];
			expect(row[7], `${name}, question ${index + 1}`).toBe(
				right === null || right === undefined ? 'no answer' : right ? 'yes' : 'no'
			);
			expect(row[10]).toBe(String(points.get(name) ?? 0));
		}
	}
	expect(
		rows.filter((row) => row[0] === member.displayName).every((r) => r[1] === 'student account')
	).toBe(true);

	// the signed-in student's live answers are responses in a 'live' attempt, toward progress and review
	const stored = await withE2eDatabase(async (db) => {
		const t = db.tables;
		return db.read
			.select({
				questionId: t.responses.questionId,
				mode: t.attempts.mode,
				status: t.responses.status
			})
			.from(t.responses)
			.innerJoin(t.attempts, eq(t.attempts.id, t.responses.attemptId))
			.where(and(eq(t.attempts.liveSessionId, sessionId), eq(t.attempts.userId, member.id)));
	});
	expect(stored.map((r) => r.questionId).sort()).toEqual(asked.map((q) => q.id).sort());
	expect(stored.every((r) => r.mode === 'live' && r.status === 'scored')).toBe(true);

	for (const context of [
		teacherContext,
		memberContext,
		bea.context,
		cato.context,
		dario!.context
	]) {
		await context.close();
	}
});

async function expectLeaderboard(
	page: Page,
	caption: string,
	points: Map<string, number>,
	names: string[]
) {
	const board = page.getByRole('table', { name: caption });
	await expect(board).toBeVisible();
	await expect(board.getByRole('row')).toHaveCount(1 + names.length);
	const scores = names.map((name) => points.get(name) ?? 0);
	for (const name of names) {
		const own = points.get(name) ?? 0;
		const rank = scores.filter((score) => score > own).length + 1;
		const row = board.getByRole('row').filter({
			has: page.getByRole('rowheader', { name, exact: true })
		});
		await expect(row.getByRole('cell').nth(0), `${name}'s rank`).toHaveText(String(rank));
		await expect(row.getByRole('cell').nth(1), `${name}'s points`).toHaveText(String(own));
	}
}

/** Everything the students received so far, as text: their stream events and every response body. */
async function receivedText(students: Student[], listenerEvents: { data: string }[]) {
	const parts: string[] = [];
	for (const student of students) {
		parts.push(...student.events.map((e) => e.data), ...(await Promise.all(student.bodies)));
	}
	parts.push(...listenerEvents.map((e) => e.data));
	return parts.join('\n');
}

/** The views of the open question, parsed: the events where this question is open. */
function openQuestionViews(events: { data: string }[], index: number) {
	return events
		.map((e) => ({ data: e.data, view: JSON.parse(e.data) }))
		.filter(({ view }) => view.phase === 'question' && view.question?.index === index);
}

async function expectNoSecrets(
	students: Student[],
	listenerEvents: { event: string; data: string }[],
	question: Question,
	index: number
) {
	const secrets = secretsOf(question).filter((s) => fingerprint(s).length >= 20);
	expect(secrets.length, 'the question has an explanation to look for').toBeGreaterThan(0);
	const received = fingerprint(await receivedText(students, listenerEvents));
	const leaks = secrets.filter((secret) => received.includes(fingerprint(secret)));
	expect(leaks, `secrets of question ${index + 1} before its reveal`).toEqual([]);
	// the right answer in words is in the reveal only: on this question's views it is nowhere
	const recordings: [string, { data: string }[]][] = [
		...students
			.filter((s) => s.javaScript)
			.map((s): [string, { data: string }[]] => [s.name, s.events]),
		['the raw stream', listenerEvents]
	];
	for (const [who, events] of recordings) {
		const views = openQuestionViews(events, index);
		expect(views.length, `${who} received question ${index + 1}`).toBeGreaterThan(0);
		for (const { data, view } of views) {
			expect(view.reveal, who).toBeNull();
			expect(view.result, who).toBeNull();
			expect(view.leaderboard, who).toBeNull();
			for (const key of [...revealKeys, ...answerKeys])
				expect(data, `${who}: ${key}`).not.toContain(key);
		}
		// and no event of any kind since this question opened carries a reveal
		const opened = events.findIndex((e) => openQuestionViews([e], index).length > 0);
		for (const event of events.slice(opened)) {
			for (const key of revealKeys) expect(event.data, `${who}: ${key}`).not.toContain(key);
		}
	}
	// the no-JavaScript student's pages: the view is serialized into the HTML
	for (const student of students.filter((s) => !s.javaScript)) {
		const html = (await student.documents.at(-1)) ?? '';
		expect(fingerprint(html), student.name).toContain(fingerprint(question.prompt));
		expect(html, student.name).toContain('Answer received');
		for (const key of ['correctAnswer', 'explanation', 'distribution']) {
			expect(html, `${student.name}: ${key}`).not.toContain(key);
		}
	}
}

async function expectRevealReceived(
	students: Student[],
	listenerEvents: { event: string; data: string }[],
	question: Question,
	index: number
) {
	const revealed = (events: { data: string }[]) =>
		events.some((e) => {
			const view = JSON.parse(e.data);
			return (
				view.phase === 'reveal' &&
				view.reveal?.index === index &&
				view.reveal.explanation === question.explanation &&
				e.data.includes('"correctAnswer"')
			);
		});
	for (const student of students.filter((s) => s.javaScript)) {
		await expect.poll(() => revealed(student.events), `${student.name}'s reveal event`).toBe(true);
	}
	await expect.poll(() => revealed(listenerEvents), 'the raw stream’s reveal event').toBe(true);
	const received = fingerprint(await receivedText(students, listenerEvents));
	expect(received).toContain(fingerprint(question.explanation));
	for (const student of students.filter((s) => !s.javaScript)) {
		const html = (await student.documents.at(-1)) ?? '';
		expect(html, student.name).toContain('correctAnswer');
		expect(fingerprint(html), student.name).toContain(fingerprint(question.explanation));
	}
}

async function streamText(stream: NodeJS.ReadableStream): Promise<string> {
	const chunks: Buffer[] = [];
	for await (const chunk of stream) chunks.push(Buffer.from(chunk as Buffer));
	// the report starts with a byte order mark for spreadsheets
	return Buffer.concat(chunks)
		.toString('utf8')
		.replace(/^\uFEFF/, '');
}

/** RFC 4180: quoted fields may hold commas, quotes (doubled) and line breaks. */
function parseCsv(text: string): string[][] {
	const rows: string[][] = [];
	let row: string[] = [];
	let field = '';
	let quoted = false;
	for (let i = 0; i < text.length; i++) {
		const char = text[i]!;
		if (quoted) {
			if (char === '"' && text[i + 1] === '"') {
				field += '"';
				i++;
			} else if (char === '"') quoted = false;
			else field += char;
		} else if (char === '"') quoted = true;
		else if (char === ',') {
			row.push(field);
			field = '';
		} else if (char === '\n' || char === '\r') {
			if (char === '\r' && text[i + 1] === '\n') i++;
			row.push(field);
			rows.push(row);
			row = [];
			field = '';
		} else field += char;
	}
	if (field !== '' || row.length > 0) {
		row.push(field);
		rows.push(row);
	}
	return rows.filter((r) => r.some((cell) => cell !== ''));
}
