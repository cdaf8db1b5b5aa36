import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Browser, type Locator, type Page } from '@playwright/test';
import { and, eq } from 'drizzle-orm';
import { sessionCookieName } from '../src/lib/server/auth/session';
import { createAssignment } from '../src/lib/server/classes/assignments';
import { createClassWorld, quizLesson, requestAs, type Person } from './fixtures/classes';
import { databaseSnapshot, withE2eDatabase } from './fixtures/db';

// Issue #16, the teacher's side: the quiz settings of the assign form (and their edit and release), the
// dashboard cell that opens a student's work on a lesson (the drill-down), its actions (grant an attempt,
// reopen, comment), and the comment reaching the student as a notice on /learn until it is opened.

type World = Awaited<ReturnType<typeof createClassWorld>>;

async function pageAs(browser: Browser, baseURL: string, who: Person, javaScriptEnabled = true) {
	const context = await browser.newContext({ baseURL, javaScriptEnabled });
	await context.addCookies([{ name: sessionCookieName, value: who.token, url: baseURL }]);
	return { context, page: await context.newPage() };
}

const drillDownUrl = (w: World) =>
	`/classes/${w.ownClass.id}/students/${w.student.id}/lessons/${quizLesson.slug}`;

/** Presses Tab until `target` has focus: fails if it never does, so it is reachable by keyboard. */
async function tabTo(page: Page, target: Locator) {
	for (let presses = 0; presses < 200; presses++) {
		if (await target.evaluate((el) => el === document.activeElement)) return;
		await page.keyboard.press('Tab');
	}
	throw new Error(`Tab never reached ${target}`);
}

async function expectNoAxeViolations(page: Page) {
	const results = await new AxeBuilder({ page })
		.withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'])
		.setLegacyMode()
		.options({ resultTypes: ['violations'] })
		.analyze();
	expect(
		results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)
	).toEqual([]);
}

test('the drill-down opens from a dashboard cell by keyboard, shows the attempt and is axe-clean', async ({
	browser,
	baseURL
}) => {
	const w = await createClassWorld();
	const { context, page } = await pageAs(browser, baseURL!, w.teacher);
	await page.goto(`/classes/${w.ownClass.id}`);
	const row = page.getByRole('row', { name: new RegExp(w.student.displayName) });
	await expect(row).toContainText('1 attempt');
	const cell = row.getByRole('link', {
		name: new RegExp(`open ${w.student.displayName}’s work on lesson ${quizLesson.number}$`)
	});
	await tabTo(page, cell);
	await page.keyboard.press('Enter');

	await expect(page).toHaveURL(new RegExp(`${drillDownUrl(w)}$`));
	await expect(page.getByRole('heading', { level: 1 })).toContainText(w.student.displayName);
	await expect(page.getByRole('heading', { level: 1 })).toContainText(quizLesson.title);
	const attempt = page.getByRole('article', { name: /^Quiz attempt 1/ });
	await expect(attempt).toContainText('Counts in the gradebook');
	await expect(attempt).toContainText('written answer to score');
	await expect(page.getByText('1 of 1 used')).toBeVisible();
	await expect(page.getByRole('heading', { level: 4 }).first()).toBeVisible();
	await expectNoAxeViolations(page);
	await context.close();
});

test('the drill-down is refused to another teacher and to students, changing nothing', async ({
	baseURL
}) => {
	const w = await createClassWorld();
	const before = await databaseSnapshot();
	for (const [who, status, text] of [
		[w.otherTeacher, 403, 'This class belongs to another teacher'],
		[w.student, 403, 'This page is for teachers'],
		[w.otherStudent, 403, 'This page is for teachers']
	] as const) {
		const context = await requestAs(baseURL!, who);
		const page = await context.get(drillDownUrl(w), { maxRedirects: 0 });
		expect(page.status()).toBe(status);
		expect(await page.text()).toContain(text);
		const posted = await context.post(`${drillDownUrl(w)}?/comment`, {
			form: { body: 'Taken over.' },
			maxRedirects: 0
		});
		expect(posted.status()).toBe(status);
		await context.dispose();
	}
	expect(await databaseSnapshot()).toEqual(before);
});

for (const javaScriptEnabled of [true, false]) {
	const js = `JavaScript ${javaScriptEnabled ? 'on' : 'off'}`;

	test(`the assign form’s quiz settings, their edit and "Release answers now", ${js}`, async ({
		browser,
		baseURL
	}) => {
		test.setTimeout(120_000);
		const w = await createClassWorld();
		const { context, page } = await pageAs(browser, baseURL!, w.teacher, javaScriptEnabled);
		await page.goto(`/classes/${w.ownClass.id}/assignments`);
		if (javaScriptEnabled) await page.waitForLoadState('networkidle');
		const settings = page.getByRole('group', { name: 'Quiz settings' });
		const practice = page.getByRole('radio', { name: /^Practice:/ });
		const quiz = page.getByRole('radio', { name: /^Quiz:/ });
		if (javaScriptEnabled) {
			// shown only for a quiz once scripts run; without them, always, with a note
			await expect(settings).toBeHidden();
			await quiz.check();
		} else {
			await expect(settings).toContainText('These apply when the quizzes behave as a quiz');
			await quiz.check();
		}
		await expect(settings).toBeVisible();
		await expect(settings.getByLabel('Attempts each student may submit')).toHaveValue('1');
		await expect(settings.getByRole('radio', { name: 'Once it is past due' })).toBeChecked();
		await expect(
			settings.getByLabel('Show each student their score as soon as they submit')
		).toBeChecked();

		// a refused form keeps every choice, the behaviour too
		await page.getByLabel('What to assign').selectOption({ label: quizLesson.title });
		await settings.getByLabel('Attempts each student may submit').selectOption('3');
		await settings.getByRole('radio', { name: 'When I release them' }).check();
		await settings.getByLabel('Show each student their score as soon as they submit').uncheck();
		await settings.getByLabel(/^With several attempts/).selectOption({ label: 'The last attempt' });
		await settings.getByLabel('Time limit in minutes (optional)').fill('0');
		await page
			.locator('form')
			.filter({ hasText: 'What to assign' })
			.evaluate((form) => {
				form.setAttribute('novalidate', '');
			});
		await page.getByRole('button', { name: 'Assign' }).click();
		await expect(page.getByRole('alert')).toHaveText(
			'Enter a time limit from 1 to 480 minutes, or leave it empty for none.'
		);
		await expect(quiz).toBeChecked();
		await expect(settings).toBeVisible();
		await expect(settings.getByLabel('Attempts each student may submit')).toHaveValue('3');
		await expect(settings.getByRole('radio', { name: 'When I release them' })).toBeChecked();
		await expect(
			settings.getByLabel('Show each student their score as soon as they submit')
		).not.toBeChecked();
		await expect(settings.getByLabel(/^With several attempts/)).toHaveValue('last');
		await expect(settings.getByLabel('Time limit in minutes (optional)')).toHaveValue('0');
		await expect(page.getByLabel('What to assign')).toHaveValue(quizLesson.slug);

		await settings.getByLabel('Time limit in minutes (optional)').fill('20');
		await page.getByRole('button', { name: 'Assign' }).click();
		await expect(page.getByRole('status')).toContainText('is assigned to the class');
		// the form is back to its defaults, a behaviour chosen (the bug was an empty choice)
		await expect(practice).toBeChecked();
		const table = page.getByRole('table', { name: /Assignments of/ });
		const added = table.getByRole('row').last();
		for (const phrase of [
			'3 attempts',
			'Counts the last attempt',
			'Answers when you release them',
			'Score shown with the answers',
			'20-minute limit'
		]) {
			await expect(added.getByRole('listitem').filter({ hasText: phrase })).toHaveCount(1);
		}
		// the defaults again, the attempts select too (hidden with JavaScript on: practice is chosen)
		await expect(page.locator('#field-attempts')).toHaveValue('1');
		await expect(page.locator('#field-timeLimit')).toHaveValue('');

		// a refusal straight after assigning still shows a chosen behaviour
		await page.getByLabel('Due time').fill('09:30');
		await page.getByRole('button', { name: 'Assign' }).click();
		await expect(page.getByRole('alert')).toBeVisible();
		await expect(practice).toBeChecked();

		// edit: the settings of the new quiz, then back to the list
		await added.getByRole('link', { name: /^Edit settings/ }).click();
		await expect(page.getByRole('heading', { level: 1 })).toContainText('Quiz settings');
		await expect(page.getByLabel('Attempts each student may submit')).toHaveValue('3');
		await page.getByLabel('Attempts each student may submit').selectOption('unlimited');
		await page.getByRole('radio', { name: 'Never' }).check();
		await page.getByRole('button', { name: 'Save the settings' }).click();
		await expect(page.getByRole('status')).toContainText(
			`The settings of “${quizLesson.title}” are saved.`
		);
		await expect(table.getByRole('row').last()).toContainText('Unlimited attempts');
		await expect(table.getByRole('row').last()).toContainText('Answers never shown');

		// release: the answers come out and the button goes
		await table
			.getByRole('row')
			.last()
			.getByRole('button', { name: /^Release answers now/ })
			.click();
		await expect(page.getByRole('status')).toContainText('are out');
		await expect(table.getByRole('row').last()).toContainText('Answers released');
		await expect(
			table
				.getByRole('row')
				.last()
				.getByRole('button', { name: /^Release answers now/ })
		).toHaveCount(0);
		const stored = await withE2eDatabase((db) =>
			db.read
				.select()
				.from(db.tables.assignments)
				.where(eq(db.tables.assignments.classId, w.ownClass.id))
		);
		expect(stored.at(-1)).toMatchObject({
			attemptsAllowed: null,
			answersShown: 'never',
			scoreShown: false,
			timeLimitMinutes: 20,
			gradingMethod: 'last',
			answersReleasedAt: expect.any(Date)
		});
		await context.close();
	});

	test(`grant, reopen and comment on the drill-down; the comment is a notice on /learn until read, ${js}`, async ({
		browser,
		baseURL
	}) => {
		test.setTimeout(120_000);
		const w = await createClassWorld();
		const teacher = await pageAs(browser, baseURL!, w.teacher, javaScriptEnabled);
		const page = teacher.page;
		await page.goto(drillDownUrl(w));
		if (javaScriptEnabled) await page.waitForLoadState('networkidle');
		const card = page.locator('.policy-cards > li').first();
		await expect(card).toContainText('1 of 1 used');
		await expect(card).toContainText('0 attempts left');

		await card.getByRole('button', { name: /^Grant one more attempt/ }).click();
		await expect(page.getByRole('status')).toHaveText(
			`${w.student.displayName} has one more attempt at “${quizLesson.title}”.`
		);
		await expect(page.locator('.policy-cards > li').first()).toContainText('1 attempt left');
		const overrides = () =>
			withE2eDatabase((db) =>
				db.read
					.select()
					.from(db.tables.assignmentOverrides)
					.where(
						and(
							eq(db.tables.assignmentOverrides.assignmentId, w.assignment.id),
							eq(db.tables.assignmentOverrides.userId, w.student.id)
						)
					)
			);
		expect(await overrides()).toMatchObject([{ extraAttempts: 1, dueAt: null }]);

		// the world's quiz closed yesterday: the attempt is theirs once the teacher reopens it too
		const student = await pageAs(browser, baseURL!, w.student, javaScriptEnabled);
		const quizUrl = `/lessons/${quizLesson.slug}/quiz?mode=quiz`;
		expect((await student.page.goto(quizUrl))?.status()).toBe(200);
		await expect(student.page.getByRole('button', { name: 'Start the quiz' })).toHaveCount(0);
		const reopen = page.locator('.policy-cards > li').first();
		await reopen.getByLabel('Date').fill('2099-07-01');
		await reopen.getByLabel(/^Time/).fill('15:30');
		await reopen.getByRole('button', { name: /^Reopen/ }).click();
		await expect(page.getByRole('status')).toContainText('is open for');
		expect(await overrides()).toMatchObject([
			{ extraAttempts: 1, dueAt: new Date('2099-07-01T15:30:00Z') }
		]);
		await student.page.goto(quizUrl);
		await expect(student.page.getByRole('button', { name: 'Start the quiz' })).toBeVisible();

		// a comment: refused when empty of visible text, kept when written
		const comment = page.getByLabel(`Comment for ${w.student.displayName}`);
		await comment.fill('\u200b\u200b');
		await page.getByRole('button', { name: 'Send the comment' }).click();
		await expect(page.getByRole('alert')).toHaveText('The comment has no visible characters.');
		await page
			.getByLabel(`Comment for ${w.student.displayName}`)
			.fill('Quote p02 next time.\nWell argued.');
		await page.getByRole('button', { name: 'Send the comment' }).click();
		await expect(page.getByRole('status')).toContainText('Comment sent');
		await expect(page.locator('.comment-list')).toContainText('Quote p02 next time.');
		await expect(page.locator('.comment-list')).toContainText('Not opened yet');
		await expect(page.getByLabel(`Comment for ${w.student.displayName}`)).toHaveValue('');

		await student.page.goto('/learn');
		const notice = student.page.getByRole('region', { name: 'Returned work' });
		await expect(notice).toContainText(
			`Your teacher commented on your work on “${quizLesson.title}”.`
		);
		await notice.getByRole('link', { name: 'See returned work' }).click();
		await expect(student.page.getByRole('heading', { level: 1 })).toHaveText('Returned work');
		await expect(student.page.getByText('Quote p02 next time.')).toBeVisible();
		await expect(student.page.getByText('New', { exact: true })).toBeVisible();
		await student.page.goto('/learn');
		await expect(student.page.getByRole('region', { name: 'Returned work' })).toHaveCount(0);

		await page.reload();
		await expect(page.locator('.comment-list')).toContainText('Seen');
		await student.context.close();
		await teacher.context.close();
	});
}

test('reopen until a time typed in the class’s zone, with JavaScript off', async ({
	browser,
	baseURL
}) => {
	const w = await createClassWorld();
	const dated = await withE2eDatabase(async (db) => {
		await db.write((tx) =>
			tx
				.update(db.tables.classes)
				.set({ timeZone: 'America/Los_Angeles' })
				.where(eq(db.tables.classes.id, w.ownClass.id))
		);
		return createAssignment(db, {
			classId: w.ownClass.id,
			lessonSlug: quizLesson.slug,
			behaviour: 'quiz',
			dueAt: new Date(Date.now() + 86_400_000)
		});
	});
	const { context, page } = await pageAs(browser, baseURL!, w.teacher, false);
	await page.goto(drillDownUrl(w));
	const card = page
		.locator('.policy-cards > li')
		.filter({ has: page.locator(`input[value="${dated.id}"]`) });
	await card.getByLabel('Date').fill('2030-07-01');
	await card.getByLabel('Time (Pacific Time)').fill('15:30');
	await card.getByRole('button', { name: /^Reopen/ }).click();
	await expect(page.getByRole('status')).toContainText('is open for');
	await expect(
		page.locator('.policy-cards > li').filter({ hasText: 'Reopened for' })
	).toContainText('Mon, Jul 1, 2030, 3:30 PM Pacific Time');
	const [override] = await withE2eDatabase((db) =>
		db.read
			.select()
			.from(db.tables.assignmentOverrides)
			.where(eq(db.tables.assignmentOverrides.assignmentId, dated.id))
	);
	expect(override?.dueAt).toEqual(new Date('2030-07-01T22:30:00.000Z'));
	await context.close();
});
