import { expect, test, type Browser, type Locator, type Page } from '@playwright/test';
import { eq } from 'drizzle-orm';
import { sessionCookieName } from '../src/lib/server/auth/session';
import { joinLiveSession, liveCookieName } from '../src/lib/server/live/players';
import { reveal, startOrNext } from '../src/lib/server/live/sessions';
import { withE2eDatabase } from './fixtures/db';
import {
	accountWithCookie,
	answerTile,
	lessonSessionIn,
	liveQuestions,
	requestWith,
	sessionAtStage,
	tileName,
	type LiveStage
} from './fixtures/live';

// Issue #17, part 2: the live player is a full-screen game on a phone. Each screen fits a 390×844 and a
// 320×568 phone without sideways scrolling; the lobby, the questions with tiles, the waiting screens and the
// verdict need no scrolling at all; one tap on a tile answers (after a short Undo with JavaScript, at once
// without it).

const phones = [
	{ name: '390×844', width: 390, height: 844 },
	{ name: '320×568', width: 320, height: 568 }
];

interface Guest {
	code: string;
	cookie: { name: string; value: string };
	playerId: string;
	sessionId: string;
}

/** A session of liveLesson moved on to its question at `index` (the ones before revealed), with one guest. */
function guestAtQuestion(teacherId: string, index: number, nickname: string): Promise<Guest> {
	return withE2eDatabase(async (db) => {
		const session = await lessonSessionIn(db, teacherId, null, { timerSeconds: 600 });
		const ref = { sessionId: session.id, teacherId };
		const joined = await joinLiveSession(db, { code: session.code, user: null, nickname });
		if (!joined.ok) throw new Error(joined.message);
		for (let at = 0; at <= index; at++) {
			if (!(await startOrNext(db, ref)).ok) throw new Error(`next to ${at}`);
			if (at < index && !(await reveal(db, ref)).ok) throw new Error(`reveal ${at}`);
		}
		return {
			code: session.code,
			cookie: { name: liveCookieName(session.id), value: joined.resumeToken ?? '' },
			playerId: joined.player.id,
			sessionId: session.id
		};
	});
}

const storedAnswers = (sessionId: string) =>
	withE2eDatabase((db) =>
		db.read
			.select({
				playerId: db.tables.liveAnswers.playerId,
				answer: db.tables.liveAnswers.answer,
				correct: db.tables.liveAnswers.correct
			})
			.from(db.tables.liveAnswers)
			.where(eq(db.tables.liveAnswers.sessionId, sessionId))
	);

/** A phone-sized browser holding these live cookies (each session's guest) and, if given, a signed-in student. */
async function phone(
	browser: Browser,
	baseURL: string,
	size: { width: number; height: number },
	cookies: { name: string; value: string }[],
	options: { javaScript?: boolean; reducedMotion?: 'reduce' } = {}
): Promise<Page> {
	const context = await browser.newContext({
		baseURL,
		viewport: { width: size.width, height: size.height },
		javaScriptEnabled: options.javaScript ?? true,
		reducedMotion: options.reducedMotion ?? null
	});
	await context.addCookies(cookies.map((cookie) => ({ ...cookie, url: baseURL })));
	return context.newPage();
}

/** Opens a player's page and, with JavaScript, waits until it is alive (its stream opened). */
async function open(page: Page, code: string) {
	const alive = page.waitForRequest(/\/events$/);
	await page.goto(`/live/${code}`);
	await alive;
}

const size = (page: Page) =>
	page.evaluate(() => ({
		scrollWidth: document.documentElement.scrollWidth,
		scrollHeight: document.documentElement.scrollHeight,
		innerWidth: window.innerWidth,
		innerHeight: window.innerHeight
	}));

async function expectNoSidewaysScrolling(page: Page, label: string) {
	const { scrollWidth, innerWidth } = await size(page);
	expect(scrollWidth, `${label}: page width`).toBeLessThanOrEqual(innerWidth);
}

/** The whole screen is the window: no scrolling either way (the text may take a moment to fit). */
async function expectOneScreen(page: Page, label: string) {
	await expectNoSidewaysScrolling(page, label);
	await expect
		.poll(async () => {
			const { scrollHeight, innerHeight } = await size(page);
			return scrollHeight - innerHeight;
		}, `${label}: page taller than the window by`)
		.toBeLessThanOrEqual(0);
}

/** The element is wholly inside the window as the page first shows, before any scrolling. */
async function expectInWindow(page: Page, locator: Locator, label: string) {
	const box = await locator.boundingBox();
	expect(box, `${label}: shown`).not.toBeNull();
	const { innerWidth, innerHeight } = await size(page);
	expect(box!.y, `${label}: top`).toBeGreaterThanOrEqual(0);
	expect(box!.x, `${label}: left`).toBeGreaterThanOrEqual(0);
	expect(box!.y + box!.height, `${label}: bottom`).toBeLessThanOrEqual(innerHeight);
	expect(box!.x + box!.width, `${label}: right`).toBeLessThanOrEqual(innerWidth);
}

const verdictBox = (page: Page) => page.locator('.player-verdict');
const status = (page: Page) => page.getByRole('status');

test.describe.configure({ timeout: 120_000 });

for (const size of phones) {
	test(`every player screen fits a ${size.name} phone`, async ({ browser, baseURL }) => {
		const teacher = await accountWithCookie('teacher', 'phone-host');
		const student = await accountWithCookie('student', 'phone-player');
		const user = { ...student, role: 'student' as const, isGuest: false };
		const stages: LiveStage[] = ['lobby', 'question', 'paused', 'answered', 'reveal', 'ended'];
		const at = {} as Record<LiveStage, Awaited<ReturnType<typeof sessionAtStage>>>;
		for (const stage of stages) at[stage] = await sessionAtStage(stage, teacher.id, user);
		// the longest tile question: a long prompt and four long options
		const long = await guestAtQuestion(teacher.id, 1, 'Long Lia');
		// a multiple-select question: checkboxes, then Send answer
		const compose = await guestAtQuestion(teacher.id, 6, 'Multi Max');
		expect(liveQuestions[1]!.type).toBe('single-choice');
		expect(liveQuestions[6]!.type).toBe('multiple-select');

		const guest = await phone(browser, baseURL!, size, [
			...stages.map((stage) => at[stage].guestCookie),
			long.cookie,
			compose.cookie
		]);

		await open(guest, at.lobby.session.code);
		await expect(
			guest.getByRole('heading', { name: 'Waiting for your teacher to start' })
		).toBeVisible();
		await expectOneScreen(guest, 'lobby');
		// no site menu or footer in a session: the game is the whole screen
		await expect(guest.locator('.site-header')).toBeHidden();
		await expect(guest.locator('.site-footer')).toBeHidden();

		await open(guest, at.question.session.code);
		const trueFalse = guest.getByRole('group', { name: liveQuestions[0]!.prompt });
		await expect(trueFalse.getByRole('button')).toHaveText([/A\s*True/, /B\s*False/]);
		await expectOneScreen(guest, 'true/false question');
		await expect(guest.getByRole('timer')).toBeVisible();
		await expect(guest.getByRole('link', { name: 'Leave the session' })).toBeVisible();

		await open(guest, long.code);
		const tiles = guest.getByRole('group', { name: liveQuestions[1]!.prompt }).getByRole('button');
		await expect(tiles).toHaveCount(4);
		await expectOneScreen(guest, 'long single-choice question');
		for (const index of [0, 1, 2, 3]) {
			await expectInWindow(guest, tiles.nth(index), `long question, tile ${index + 1}`);
		}

		await open(guest, compose.code);
		await expect(guest.getByRole('group', { name: liveQuestions[6]!.prompt })).toBeVisible();
		await expectNoSidewaysScrolling(guest, 'multiple-select question');
		// however long the question, Send answer stays on the screen
		await expectInWindow(
			guest,
			guest.getByRole('button', { name: 'Send answer' }),
			'multiple-select send button'
		);

		await open(guest, at.paused.session.code);
		await expect(guest.getByText('The timer stands still')).toBeVisible();
		await expectOneScreen(guest, 'paused question');

		await open(guest, at.answered.session.code);
		await expect(status(guest)).toHaveText(/Answer received/);
		await expectOneScreen(guest, 'answered, waiting for the reveal');

		await open(guest, at.reveal.session.code);
		await expect(guest.getByRole('heading', { level: 3, name: 'Not quite' })).toBeVisible();
		await expectNoSidewaysScrolling(guest, 'reveal, wrong');
		await expectInWindow(guest, verdictBox(guest), 'reveal, wrong: the verdict');
		await expect(verdictBox(guest)).toContainText('+0 points');
		await expect(verdictBox(guest)).toContainText('2nd of 2');

		await open(guest, at.ended.session.code);
		await expect(
			guest.getByRole('heading', { name: 'The review session has ended' })
		).toBeVisible();
		await expect(guest.getByText('2nd of 2')).toBeVisible();
		await expect(guest.getByRole('list').filter({ hasText: 'Guest ended' })).toBeVisible();
		await expect(guest.getByRole('link', { name: 'Review what you missed' })).toBeVisible();
		await expectNoSidewaysScrolling(guest, 'ended');

		// the signed-in student answered right: the verdict says so, with the points and the place
		const signedIn = await phone(browser, baseURL!, size, []);
		await signedIn
			.context()
			.addCookies([{ name: sessionCookieName, value: student.token, url: baseURL! }]);
		await open(signedIn, at.reveal.session.code);
		await expect(signedIn.getByRole('heading', { level: 3, name: 'Right' })).toBeVisible();
		await expectNoSidewaysScrolling(signedIn, 'reveal, right');
		await expectInWindow(signedIn, verdictBox(signedIn), 'reveal, right: the verdict');
		await expect(verdictBox(signedIn)).toContainText('1st of 2');
		await expect(signedIn.getByText(`Right answer: False`)).toBeVisible();
		await guest.context().close();
		await signedIn.context().close();
	});
}

test('a question that comes by the live stream after a long reveal gets the whole screen, at full size', async ({
	browser,
	baseURL
}) => {
	const teacher = await accountWithCookie('teacher', 'stream-host');
	const guest = await guestAtQuestion(teacher.id, 0, 'Stream Sol');
	// reduced motion makes every change a 0.01 ms transition: the fitting must not measure the old sizes
	const page = await phone(browser, baseURL!, phones[0]!, [guest.cookie], {
		reducedMotion: 'reduce'
	});
	// the host's buttons, through the server: its hub tells the players' streams
	const host = await requestWith(baseURL!, teacher.cookie);
	const control = async (action: 'reveal' | 'next') =>
		expect(
			(await host.post(`/live/host/${guest.sessionId}?/${action}`, { form: {} })).status()
		).toBe(303);
	await control('reveal');
	await open(page, guest.code);
	await expect(page.getByRole('heading', { name: 'Question 1 of 15: the answer' })).toBeVisible();

	await control('next');
	const prompt = page.getByRole('group', { name: liveQuestions[1]!.prompt }).locator('legend');
	await expect(prompt).toBeVisible();
	await expectOneScreen(page, 'the next question, by the stream');
	// as big as when the question is loaded afresh: not shrunk as if the reveal's long page were still there
	const streamed = await prompt.evaluate((legend) => getComputedStyle(legend).fontSize);
	await page.reload();
	await expectOneScreen(page, 'the next question, loaded afresh');
	await expect(prompt).toHaveCSS('font-size', streamed);
	expect(parseFloat(streamed), 'the prompt, in px').toBeGreaterThan(15);
	await page.context().close();
	await host.dispose();
});

test('one tap on a tile sends the answer after a short wait, with the chosen tile shown', async ({
	browser,
	baseURL
}) => {
	const teacher = await accountWithCookie('teacher', 'tap-host');
	const guest = await guestAtQuestion(teacher.id, 0, 'Tap Tia');
	const page = await phone(browser, baseURL!, phones[0]!, [guest.cookie]);
	await open(page, guest.code);
	const question = liveQuestions[0]!;

	await answerTile(page, question, true).click();
	await expect(status(page)).toHaveText(`Sending ${tileName(question, true)}`);
	await expect(page.getByRole('button', { name: 'Undo' })).toBeVisible();
	// still waiting: nothing is stored yet
	expect(await storedAnswers(guest.sessionId)).toEqual([]);

	await expect(status(page)).toHaveText(/Answer received/);
	await expect(page.getByRole('button', { name: 'Undo' })).toHaveCount(0);
	await expect(page.getByText('You chose')).toContainText('B');
	expect(await storedAnswers(guest.sessionId)).toEqual([
		{ playerId: guest.playerId, answer: false, correct: true }
	]);
	await page.context().close();
});

test('Undo takes a tapped answer back: nothing is sent, and the tiles still answer', async ({
	browser,
	baseURL
}) => {
	const teacher = await accountWithCookie('teacher', 'undo-host');
	const guest = await guestAtQuestion(teacher.id, 1, 'Undo Uma');
	const page = await phone(browser, baseURL!, phones[1]!, [guest.cookie]);
	await open(page, guest.code);
	const question = liveQuestions[1]!;

	await answerTile(page, question, false).click();
	await page.getByRole('button', { name: 'Undo' }).click();
	await expect(page.getByRole('button', { name: 'Undo' })).toHaveCount(0);
	// focus is back on the tile, to choose again
	await expect(answerTile(page, question, false)).toBeFocused();
	// well past the wait: still nothing sent, and the question is still open to answer
	await page.waitForTimeout(4_000);
	expect(await storedAnswers(guest.sessionId)).toEqual([]);
	await expect(status(page)).toHaveText('Question 2 of 15 is open');
	await expect(answerTile(page, question, true)).toBeEnabled();

	// a second tap on another tile answers with that one
	await answerTile(page, question, true).click();
	await expect(status(page)).toHaveText(/Answer received/);
	expect(await storedAnswers(guest.sessionId)).toEqual([
		{ playerId: guest.playerId, answer: 'b', correct: true }
	]);
	await page.context().close();
});

test('without JavaScript one tap on a tile answers', async ({ browser, baseURL }) => {
	const teacher = await accountWithCookie('teacher', 'plain-host');
	const guest = await guestAtQuestion(teacher.id, 0, 'Plain Pat');
	const page = await phone(browser, baseURL!, phones[1]!, [guest.cookie], { javaScript: false });
	await page.goto(`/live/${guest.code}`);
	const question = liveQuestions[0]!;
	await expectOneScreen(page, 'true/false question without JavaScript');

	await answerTile(page, question, false).click();
	await expect(status(page)).toHaveText(/Answer received/);
	await expect(page.locator('noscript meta[http-equiv="refresh"]')).toHaveAttribute('content', '3');
	expect(await storedAnswers(guest.sessionId)).toEqual([
		{ playerId: guest.playerId, answer: true, correct: false }
	]);
	await page.context().close();
});
