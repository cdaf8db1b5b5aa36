import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { and, eq } from 'drizzle-orm';
import { sessionCookieName } from '../src/lib/server/auth/session';
import { setAccommodation } from '../src/lib/server/classes/accommodations';
import { withE2eDatabase } from './fixtures/db';
import {
	accountWithCookie,
	answerTile,
	classWith,
	lessonSessionIn,
	liveQuestions,
	requestWith,
	rightFields
} from './fixtures/live';

// Issue #16, accommodations: the teacher sets them per student on the Students page (with and without
// JavaScript), the student reads them on /learn, a timed live question keeps its time for a ×2 student after
// the class's time is up, and read-aloud reads the question with the browser's speech synthesis.

type Account = Awaited<ReturnType<typeof accountWithCookie>>;

async function pageAs(browser: Browser, baseURL: string, who: Account, javaScript = true) {
	const context = await browser.newContext({ baseURL, javaScriptEnabled: javaScript });
	await context.addCookies([{ name: sessionCookieName, value: who.token, url: baseURL }]);
	return context.newPage();
}

const storedFor = (classId: string, userId: string) =>
	withE2eDatabase(async (db) => {
		const t = db.tables.accommodations;
		const rows = await db.read
			.select({ extraTime: t.extraTime, extraAttempts: t.extraAttempts, readAloud: t.readAloud })
			.from(t)
			.where(and(eq(t.classId, classId), eq(t.userId, userId)));
		return rows[0] ?? null;
	});

/** axe as the a11y sweep runs it, on a state of a page the sweep does not reach. */
async function expectAxeClean(page: Page, label: string) {
	const results = await new AxeBuilder({ page })
		.withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'])
		.setLegacyMode()
		.options({ resultTypes: ['violations'] })
		.analyze();
	expect(
		results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
		label
	).toEqual([]);
}

const rosterRow = (page: Page, name: string) =>
	page.getByRole('row').filter({ has: page.getByRole('rowheader', { name, exact: true }) });

test('a teacher sets accommodations per student, with and without JavaScript; the student sees theirs on /learn', async ({
	browser,
	baseURL
}) => {
	const teacher = await accountWithCookie('teacher');
	const ana = await accountWithCookie('student', 'ana');
	const ben = await accountWithCookie('student', 'ben');
	const klass = await classWith(teacher, [ana, ben]);
	const studentsPage = `/classes/${klass.id}/students`;

	// with JavaScript: the form saves in place and the roster shows the new accommodations
	const page = await pageAs(browser, baseURL!, teacher);
	await page.goto(studentsPage);
	await expect(rosterRow(page, ana.displayName).getByRole('cell').nth(2)).toHaveText('None');
	const anaForm = page.getByRole('group', { name: ana.displayName });
	await anaForm.getByLabel('Extra time').selectOption({ label: '×2' });
	await anaForm.getByLabel('Extra attempts').selectOption('1');
	await anaForm.getByLabel('Read-aloud').check();
	await anaForm.getByRole('button', { name: `Save accommodations for ${ana.displayName}` }).click();
	await expect(anaForm.getByRole('status')).toHaveText('✓ Saved');
	await expect(rosterRow(page, ana.displayName).getByRole('listitem')).toHaveText([
		'×2 time',
		'+1 attempt',
		'read-aloud'
	]);
	expect(page.url()).toMatch(new RegExp(`${studentsPage}$`));
	expect(await storedFor(klass.id, ana.id)).toEqual({
		extraTime: '2',
		extraAttempts: 1,
		readAloud: true
	});

	// a value the menu never offers is refused beside the student's form, and nothing changes
	const benForm = page.getByRole('group', { name: ben.displayName });
	await benForm
		.getByLabel('Extra time')
		.evaluate((select: HTMLSelectElement) => (select.options[1]!.value = '3'));
	await benForm.getByLabel('Extra time').selectOption({ index: 1 });
	await benForm.getByRole('button', { name: `Save accommodations for ${ben.displayName}` }).click();
	await expect(benForm.getByRole('alert')).toHaveText(
		'Choose the extra time: none, ×1.25, ×1.5, ×2 or unlimited.'
	);
	expect(await storedFor(klass.id, ben.id)).toBeNull();
	await expectAxeClean(page, 'the students page with one form saved and one refused');

	// without JavaScript: a plain form post, and the page comes back at the student's form
	const plain = await pageAs(browser, baseURL!, teacher, false);
	await plain.goto(studentsPage);
	const benPlain = plain.getByRole('group', { name: ben.displayName });
	await benPlain.getByLabel('Extra time').selectOption({ label: 'Unlimited' });
	await benPlain
		.getByRole('button', { name: `Save accommodations for ${ben.displayName}` })
		.click();
	await expect(plain).toHaveURL(new RegExp(`#accommodations-${ben.id}$`));
	await expect(plain.getByRole('group', { name: ben.displayName }).getByRole('status')).toHaveText(
		'✓ Saved'
	);
	await expect(rosterRow(plain, ben.displayName).getByRole('listitem')).toHaveText([
		'no time limit'
	]);
	await expect(
		plain.getByRole('group', { name: ben.displayName }).getByLabel('Extra time')
	).toHaveValue('unlimited');
	expect(await storedFor(klass.id, ben.id)).toEqual({
		extraTime: 'unlimited',
		extraAttempts: 0,
		readAloud: false
	});

	// the student reads their own, by class
	const student = await pageAs(browser, baseURL!, ana, false);
	await student.goto('/learn');
	await expect(student.getByRole('heading', { name: 'Your accommodations' })).toBeVisible();
	await expect(
		student.getByText(
			`In ${klass.name}: 2× time on timed quizzes and live questions, 1 extra attempt on each quiz, read-aloud.`
		)
	).toBeVisible();
});

test('a timed live question: a ×2 student can still answer after the class’s time is up, another cannot', async ({
	browser,
	baseURL
}) => {
	const teacher = await accountWithCookie('teacher');
	const ana = await accountWithCookie('student', 'ana');
	const ben = await accountWithCookie('student', 'ben');
	const klass = await classWith(teacher, [ana, ben]);
	// 5 seconds for the class (the shortest the start form offers), 10 for Ana
	const session = await withE2eDatabase(async (db) => {
		await setAccommodation(db, {
			classId: klass.id,
			userId: ana.id,
			accommodation: { extraTime: '2', extraAttempts: 0, readAloud: false }
		});
		return lessonSessionIn(db, teacher.id, klass.id, { timerSeconds: 5 });
	});
	const question = liveQuestions[0]!;

	const players = [];
	for (const student of [ana, ben]) {
		const page = await pageAs(browser, baseURL!, student);
		await page.goto(`/live/${session.code}`);
		await page.getByRole('button', { name: `Join as ${student.displayName}` }).click();
		await expect(
			page.getByRole('heading', { name: 'Waiting for your teacher to start' })
		).toBeVisible();
		players.push(page);
	}
	const [anaPage, benPage] = players as [Page, Page];

	// the teacher opens the question with the host control
	const host = await requestWith(baseURL!, teacher.cookie);
	const opened = await host.post(`/live/host/${session.id}?/next`, { form: {} });
	expect(opened.status()).toBe(303);
	const openedAt = await withE2eDatabase(async (db) => {
		const [row] = await db.read
			.select({ at: db.tables.liveSessions.questionOpenedAt })
			.from(db.tables.liveSessions)
			.where(eq(db.tables.liveSessions.id, session.id));
		return row!.at!.getTime();
	});

	// the class's time runs out: Ben's answer is closed, on his screen and on the server
	await expect(benPage.getByRole('timer')).toHaveText('Time is up.', { timeout: 15_000 });
	await expect(answerTile(benPage, question, true)).toBeDisabled();
	await expect(anaPage.getByRole('timer')).toContainText('Time left: 0:0');
	// past the class's 5 seconds and its second of grace
	await new Promise((resolve) => setTimeout(resolve, Math.max(0, openedAt + 6_200 - Date.now())));
	const late = await requestWith(baseURL!, ben.cookie);
	const refused = await late.post(`/live/${session.code}?/answer`, {
		form: rightFields(question, 0)
	});
	expect(refused.status()).toBe(409);
	expect(await refused.text()).toContain('Time is up: that question is closed.');

	// Ana, with twice the time, still answers
	expect(Date.now() - openedAt).toBeLessThan(10_000);
	await answerTile(anaPage, question, true).click();
	await expect(anaPage.getByRole('status').filter({ hasText: 'Answer received' })).toBeVisible();

	const answered = await withE2eDatabase(async (db) => {
		const t = db.tables;
		return db.read
			.select({ userId: t.livePlayers.userId })
			.from(t.liveAnswers)
			.innerJoin(t.livePlayers, eq(t.livePlayers.id, t.liveAnswers.playerId))
			.where(eq(t.liveAnswers.sessionId, session.id));
	});
	expect(answered).toEqual([{ userId: ana.id }]);
	await Promise.all([host.dispose(), late.dispose()]);
});

/** Replaces the browser's speechSynthesis.speak before the page's scripts run: what it is asked to say is kept. */
function recordSpeech() {
	const spoken: string[] = [];
	Object.assign(window, { __spoken: spoken });
	window.speechSynthesis.speak = (utterance: SpeechSynthesisUtterance) => {
		spoken.push(utterance.text);
	};
}

test('read-aloud reads a live question’s stem and choices, for the student who has it and only with JavaScript', async ({
	browser,
	baseURL
}) => {
	const teacher = await accountWithCookie('teacher');
	const ana = await accountWithCookie('student', 'ana');
	const ben = await accountWithCookie('student', 'ben');
	const klass = await classWith(teacher, [ana, ben]);
	const session = await withE2eDatabase(async (db) => {
		await setAccommodation(db, {
			classId: klass.id,
			userId: ana.id,
			accommodation: { extraTime: null, extraAttempts: 0, readAloud: true }
		});
		return lessonSessionIn(db, teacher.id, klass.id);
	});
	const host = await requestWith(baseURL!, teacher.cookie);
	expect((await host.post(`/live/host/${session.id}?/next`, { form: {} })).status()).toBe(303);
	await host.dispose();
	const question = liveQuestions[0]!;

	const join = async (who: Account, javaScript: boolean) => {
		const page = await pageAs(browser, baseURL!, who, javaScript);
		if (javaScript) await page.addInitScript(recordSpeech);
		await page.goto(`/live/${session.code}`);
		await page.getByRole('button', { name: `Join as ${who.displayName}` }).click();
		await expect(page.getByRole('group', { name: question.prompt })).toBeVisible();
		return page;
	};

	const anaPage = await join(ana, true);
	await anaPage.getByRole('button', { name: 'Read aloud' }).click();
	await expect(anaPage.getByRole('button', { name: 'Stop reading' })).toBeVisible();
	await expectAxeClean(anaPage, 'the live player reading a question aloud');
	expect(
		await anaPage.evaluate(() => (window as unknown as { __spoken: string[] }).__spoken)
	).toEqual([
		'In April 2014 the US approved the sale of 18 Black Hawk helicopters to Mexico for about $680 million. That $680 million should be added to the total of US aid to Mexico. A: True. B: False.'
	]);

	// a student without the accommodation, and Ana without JavaScript, have no button
	const benPage = await join(ben, true);
	await expect(answerTile(benPage, question, true)).toBeVisible();
	await expect(benPage.getByRole('button', { name: 'Read aloud' })).toHaveCount(0);
	const plain = await pageAs(browser, baseURL!, ana, false);
	await plain.goto(`/live/${session.code}`);
	await expect(plain.getByRole('group', { name: question.prompt })).toBeVisible();
	await expect(plain.getByRole('button', { name: 'Read aloud' })).toHaveCount(0);

	// the practice questions of a lesson get it too
	const practice = await anaPage.context().newPage();
	await practice.goto(`/lessons/${session.questions[0]!.lessonSlug}/quiz`);
	await expect(practice.getByRole('button', { name: 'Check answer' }).first()).toBeVisible();
	const questions = await practice.getByRole('button', { name: 'Check answer' }).count();
	await expect(practice.getByRole('button', { name: 'Read aloud' })).toHaveCount(questions);
});
