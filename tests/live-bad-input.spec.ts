import { expect, test } from '@playwright/test';
import {
	attemptsMark,
	databaseSnapshot,
	withE2eDatabase,
	withoutAttemptsAfter
} from './fixtures/db';
import {
	accountWithCookie,
	joinOverHttp,
	liveQuestions,
	requestWith,
	rightFields,
	sessionFor
} from './fixtures/live';

// Done-when #6 of issue #7: bad input to a live session gets a clear message and the right 4xx, and
// changes nothing in any table a live request could touch. Malformed fields, unknown ids and other people's
// sessions are in bad-input-corpus.spec.ts; these are the refusals that depend on where a session is.

const megabyte = 'x'.repeat(1024 * 1024);
const choiceIndex = liveQuestions.findIndex((q) => q.type === 'single-choice');
const choice = liveQuestions[choiceIndex]!;

type Account = Awaited<ReturnType<typeof accountWithCookie>>;

interface World {
	teacher: Account;
	unknownCode: string;
	/** question `choiceIndex` (single choice) is open; Ada answered it, Ben did not */
	open: { id: string; code: string; ada: string; ben: string };
	/** question 1 was revealed: closed */
	closed: { id: string; code: string; cy: string };
	ended: { id: string; code: string };
}

async function hostAction(baseURL: string, cookie: string, sessionId: string, action: string) {
	const context = await requestWith(baseURL, cookie);
	const response = await context.post(`/live/host/${sessionId}?/${action}`, { form: {} });
	expect(response.status(), `${action}: ${await response.text()}`).toBe(303);
	await context.dispose();
}

async function arrange(baseURL: string): Promise<World> {
	const teacher = await accountWithCookie('teacher', 'live-host');

	const open = await sessionFor(teacher.id);
	const ada = await joinOverHttp(baseURL, open.code, 'Ada');
	const ben = await joinOverHttp(baseURL, open.code, 'Ben');
	for (let index = 0; index <= choiceIndex; index++) {
		await hostAction(baseURL, teacher.cookie, open.id, 'next');
		if (index < choiceIndex) await hostAction(baseURL, teacher.cookie, open.id, 'reveal');
	}
	const first = await requestWith(baseURL, ada);
	const answered = await first.post(`/live/${open.code}?/answer`, {
		form: rightFields(choice, choiceIndex)
	});
	expect(answered.status(), await answered.text()).toBe(303);
	await first.dispose();

	const closed = await sessionFor(teacher.id);
	const cy = await joinOverHttp(baseURL, closed.code, 'Cy');
	await hostAction(baseURL, teacher.cookie, closed.id, 'next');
	await hostAction(baseURL, teacher.cookie, closed.id, 'reveal');

	const ended = await sessionFor(teacher.id);
	await hostAction(baseURL, teacher.cookie, ended.id, 'end');

	const codes = await withE2eDatabase(async (db) =>
		(await db.read.select({ code: db.tables.liveSessions.code }).from(db.tables.liveSessions)).map(
			(row) => row.code
		)
	);
	let unknownCode = '';
	for (let n = 0; n < 1_000_000 && !unknownCode; n++) {
		const candidate = String((987_654 + n * 7919) % 1_000_000).padStart(6, '0');
		if (!codes.includes(candidate)) unknownCode = candidate;
	}

	return {
		teacher,
		unknownCode,
		open: { id: open.id, code: open.code, ada, ben },
		closed: { id: closed.id, code: closed.code, cy },
		ended: { id: ended.id, code: ended.code }
	};
}

interface BadRequest {
	name: string;
	/** the cookie to send; null for a visitor */
	who: (w: World) => string | null;
	method?: 'GET' | 'POST';
	path: (w: World) => string;
	form?: (w: World) => Record<string, string>;
	status: number;
	message: RegExp | ((w: World) => RegExp);
	/** the one change allowed: a wrong code counted against the sender's address (limits.liveCodeAddress) */
	countsAgainstAddress?: boolean;
}

/**
 * The snapshot after a wrong code, less the one attempt it recorded: a wrong code counts toward the
 * address's limit (issue #14) and changes nothing else.
 */
async function withoutCountedCode(mark: number) {
	const { added, snapshot } = await withE2eDatabase((db) => withoutAttemptsAfter(db, mark));
	expect(added).toEqual([{ scope: 'live-code:address', key: '127.0.0.1' }]);
	return snapshot;
}

const unknownCodeMessage = (w: World) =>
	new RegExp(`No review session has the code ${w.unknownCode}\\.`);

const cases: BadRequest[] = [
	// unknown session codes
	{
		name: 'the page of an unknown code',
		who: () => null,
		method: 'GET',
		path: (w) => `/live/${w.unknownCode}`,
		status: 404,
		message: unknownCodeMessage,
		countsAgainstAddress: true
	},

	// answers that cannot count
	{
		name: 'an answer to a closed (revealed) question',
		who: (w) => w.closed.cy,
		path: (w) => `/live/${w.closed.code}?/answer`,
		form: () => rightFields(liveQuestions[0]!, 0),
		status: 409,
		message: /That question is closed\. Your answer was not recorded\./
	},
	{
		name: 'a second answer to the open question',
		who: (w) => w.open.ada,
		path: (w) => `/live/${w.open.code}?/answer`,
		form: () => rightFields(choice, choiceIndex),
		status: 409,
		message: /You already answered this question\. Your first answer counts\./
	},
	{
		name: 'an answer naming an option the question does not have',
		who: (w) => w.open.ben,
		path: (w) => `/live/${w.open.code}?/answer`,
		form: () => ({ [choice.id]: 'no-such-option', questionIndex: String(choiceIndex) }),
		status: 400,
		message: /That option is not part of this question\./
	},
	{
		name: 'an answer with a 1 MB option id',
		who: (w) => w.open.ben,
		path: (w) => `/live/${w.open.code}?/answer`,
		form: () => ({ [choice.id]: megabyte, questionIndex: String(choiceIndex) }),
		status: 400,
		message: /That option is not part of this question\.|Choose one option\./
	},
	{
		name: 'an answer to an earlier question',
		who: (w) => w.open.ben,
		path: (w) => `/live/${w.open.code}?/answer`,
		form: () => ({ ...rightFields(choice, choiceIndex), questionIndex: String(choiceIndex - 1) }),
		status: 409,
		message: /That question is closed\. Your answer was not recorded\./
	},
	{
		name: 'an answer with nothing chosen',
		who: (w) => w.open.ben,
		path: (w) => `/live/${w.open.code}?/answer`,
		form: () => ({ questionIndex: String(choiceIndex) }),
		status: 400,
		message: /Choose an answer before you check it\./
	},
	{
		name: 'an answer with a forged resume cookie',
		who: (w) => `evidencia_live_${w.open.id}=${'a'.repeat(32)}`,
		path: (w) => `/live/${w.open.code}?/answer`,
		form: () => rightFields(choice, choiceIndex),
		status: 403,
		message: /Join the session before you answer\./
	},

	// nicknames
	{
		name: 'a nickname on the word list',
		who: () => null,
		path: (w) => `/live/${w.open.code}?/join`,
		form: () => ({ nickname: 'Shithead' }),
		status: 400,
		message: /That nickname is not allowed here\. Choose another one\./
	},
	{
		name: 'a word-list nickname spaced out',
		who: () => null,
		path: (w) => `/live/${w.open.code}?/join`,
		form: () => ({ nickname: 'f u c k' }),
		status: 400,
		message: /That nickname is not allowed here\. Choose another one\./
	},
	{
		name: 'a Spanish word-list nickname',
		who: () => null,
		path: (w) => `/live/${w.open.code}?/join`,
		form: () => ({ nickname: 'Pendejo' }),
		status: 400,
		message: /That nickname is not allowed here\. Choose another one\./
	},
	{
		name: 'joining a session that has ended',
		who: () => null,
		path: (w) => `/live/${w.ended.code}?/join`,
		form: () => ({ nickname: 'Zed' }),
		status: 409,
		message: /That review session has ended\./
	},
	{
		name: 'the teacher joining their own session as a player',
		who: (w) => w.teacher.cookie,
		path: (w) => `/live/${w.open.code}?/join`,
		form: () => ({}),
		status: 409,
		message: /You are hosting this session\./
	},

	// host actions by someone else, or at the wrong moment
	{
		name: 'a player (guest) moves the session on',
		who: (w) => w.open.ada,
		path: (w) => `/live/host/${w.open.id}?/next`,
		status: 303,
		message: /^$/
	},
	{
		name: 'the next question before the answer is revealed',
		who: (w) => w.teacher.cookie,
		path: (w) => `/live/host/${w.open.id}?/next`,
		status: 409,
		message: /Reveal the answer before you move on to the next question\./
	},
	{
		name: 'revealing an answer that is already revealed',
		who: (w) => w.teacher.cookie,
		path: (w) => `/live/host/${w.closed.id}?/reveal`,
		status: 409,
		message: /This answer is already revealed\./
	},
	{
		name: 'resuming a question that is not paused',
		who: (w) => w.teacher.cookie,
		path: (w) => `/live/host/${w.open.id}?/resume`,
		status: 409,
		message: /The question is not paused\./
	},
	{
		name: 'renaming a player to a word-list name',
		who: (w) => w.teacher.cookie,
		path: (w) => `/live/host/${w.open.id}?/rename`,
		form: () => ({ playerId: 'someone', nickname: 'Shithead' }),
		status: 400,
		message: /That nickname is not allowed here\. Choose another one\./
	},
	{
		name: 'ending a session that has ended',
		who: (w) => w.teacher.cookie,
		path: (w) => `/live/host/${w.ended.id}?/end`,
		status: 409,
		message: /This review session has already ended\./
	}
];

let world: World;
test.beforeAll(async ({ baseURL }) => {
	world = await arrange(baseURL!);
	// the sessions are where the cases need them: a refusal below is about the input, not a missing state
	const { sessions, answers } = await withE2eDatabase(async (db) => ({
		sessions: await db.read.select().from(db.tables.liveSessions),
		answers: await db.read.select().from(db.tables.liveAnswers)
	}));
	const session = (id: string) => sessions.find((row) => row.id === id);
	expect(session(world.open.id)).toMatchObject({ phase: 'question', questionIndex: choiceIndex });
	expect(session(world.closed.id)).toMatchObject({ phase: 'reveal', questionIndex: 0 });
	expect(session(world.ended.id)).toMatchObject({ phase: 'ended' });
	expect(answers.filter((row) => row.sessionId === world.open.id)).toHaveLength(1);
});

for (const bad of cases) {
	test(`live: ${bad.name} → ${bad.status}, nothing changes`, async ({ baseURL }) => {
		const context = await requestWith(baseURL!, bad.who(world));
		const before = await databaseSnapshot();
		const mark = await withE2eDatabase(attemptsMark);
		const response =
			bad.method === 'GET'
				? await context.get(bad.path(world))
				: await context.post(bad.path(world), { form: bad.form?.(world) ?? {} });
		const text = await response.text();
		expect(response.status(), text.slice(0, 300)).toBe(bad.status);
		if (bad.status === 303) {
			expect(response.headers().location).toMatch(/^\/signin\?redirectTo=/);
		} else {
			expect(text).toMatch(typeof bad.message === 'function' ? bad.message(world) : bad.message);
		}
		// nothing the sender typed comes back in bulk
		expect(text.length).toBeLessThan(100_000);
		expect(text).not.toContain('<b>Zed</b>');
		const after = bad.countsAgainstAddress
			? await withoutCountedCode(mark)
			: await databaseSnapshot();
		expect(after).toEqual(before);
		await context.dispose();
	});
}

test('the join form without JavaScript shows why a nickname is refused', async ({
	browser,
	baseURL
}) => {
	const context = await browser.newContext({ baseURL, javaScriptEnabled: false });
	const page = await context.newPage();
	const before = await databaseSnapshot();
	await page.goto(`/live/${world.open.code}`);
	await page.getByLabel('Nickname').fill('Shithead');
	const [response] = await Promise.all([
		page.waitForResponse((r) => r.request().method() === 'POST'),
		page.getByRole('button', { name: 'Join', exact: true }).click()
	]);
	expect(response.status()).toBe(400);
	await expect(page.getByRole('alert')).toHaveText(
		'That nickname is not allowed here. Choose another one.'
	);
	const field = page.getByLabel('Nickname');
	await expect(field).toHaveAttribute('aria-invalid', 'true');
	await expect(field).toHaveValue('Shithead');
	await expect(page.getByRole('heading', { name: 'Join the review session' })).toBeVisible();

	expect(await databaseSnapshot()).toEqual(before);

	await page.goto(`/live?code=${world.unknownCode}`);
	const beforeCode = await databaseSnapshot();
	const mark = await withE2eDatabase(attemptsMark);
	await page.getByRole('button', { name: 'Join', exact: true }).click();
	await expect(page.getByRole('alert')).toHaveText(
		`No review session has the code ${world.unknownCode}. Check the code on the projector.`
	);
	await expect(page.getByLabel('Session code')).toHaveValue(world.unknownCode);
	expect(await withoutCountedCode(mark)).toEqual(beforeCode);
	await context.close();
});
