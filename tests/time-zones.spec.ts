import { expect, test, type Browser, type Page } from '@playwright/test';
import { eq } from 'drizzle-orm';
import { sessionCookieName } from '../src/lib/server/auth/session';
import { addMember } from '../src/lib/server/classes/classes';
import { createPerson, quizLesson, type Person } from './fixtures/classes';
import { withE2eDatabase } from './fixtures/db';

// Issue #16, one clock: the server runs on UTC (playwright.config.ts), the class is in Los Angeles, and the
// readers' browsers are in Tokyo and New York, with JavaScript on and off. Every page shows the due date the
// teacher typed, in the class's zone and naming it, as the same text.

const browserZones = ['Asia/Tokyo', 'America/New_York'];
const pad = (n: number) => String(n).padStart(2, '0');
const weekdays = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

// a week from now, typed as a date at 15:30; the text is put together from those parts, not by the app's code
const day = new Date(Date.now() + 7 * 24 * 3_600_000);
const [year, month, date] = [day.getUTCFullYear(), day.getUTCMonth() + 1, day.getUTCDate()];
const typedDate = `${year}-${pad(month)}-${pad(date)}`;
const weekday = weekdays[new Date(Date.UTC(year, month - 1, date)).getUTCDay()];
// the year is shown only when it is not this year in Los Angeles, 8 hours behind UTC at New Year
const thisYearThere = new Date(Date.now() - 8 * 3_600_000).getUTCFullYear();
const expectedDue = `${weekday}, ${months[month - 1]} ${date}${year === thisYearThere ? '' : `, ${year}`}, 3:30 PM Pacific Time`;

async function contextFor(
	browser: Browser,
	baseURL: string,
	who: Person,
	options: { timezoneId?: string; javaScriptEnabled?: boolean } = {}
) {
	const context = await browser.newContext({ baseURL, ...options });
	await context.addCookies([{ name: sessionCookieName, value: who.token, url: baseURL }]);
	return context;
}

/** Opens a page as a reader would; with JavaScript, only once it has hydrated, so a redraw would show. */
async function open(page: Page, path: string, javaScriptEnabled: boolean) {
	await page.goto(path);
	if (javaScriptEnabled) await page.waitForLoadState('networkidle');
}

test('a due date typed in the class’s zone reads the same in Tokyo and New York, with JavaScript on and off', async ({
	browser,
	baseURL
}) => {
	test.setTimeout(180_000);
	const teacher = await createPerson('teacher', 'zone-teacher');
	const student = await createPerson('student', 'zone-student');

	// the create form offers the teacher's device zone once its script runs; without it, the server's guess
	const tokyo = await contextFor(browser, baseURL!, teacher, { timezoneId: 'Asia/Tokyo' });
	const page = await tokyo.newPage();
	const noScript = await contextFor(browser, baseURL!, teacher, {
		timezoneId: 'Asia/Tokyo',
		javaScriptEnabled: false
	});
	const plainPage = await noScript.newPage();
	await plainPage.goto('/classes');
	await expect(plainPage.getByLabel('Time zone')).toHaveValue('UTC');
	await noScript.close();
	await open(page, '/classes', true);
	await expect(page.getByLabel('Time zone')).toHaveValue('Asia/Tokyo');

	// the teacher's class is in Los Angeles, wherever she is today
	await page.getByLabel('Class name').fill('Period 3 in Los Angeles');
	await page.getByLabel('Time zone').selectOption('America/Los_Angeles');
	await page.getByRole('button', { name: 'Create class' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Students' })).toBeVisible();
	const classUrl = new URL(page.url()).pathname.replace(/\/students$/, '');
	const classId = classUrl.split('/').at(-1)!;
	await withE2eDatabase((db) => addMember(db, classId, student.id));

	await open(page, `${classUrl}/assignments`, true);
	await expect(page.locator('form').filter({ hasText: 'What to assign' })).toContainText(
		'Times are Pacific Time (America/Los_Angeles), the class’s time zone; change it in Settings.'
	);
	await page.getByLabel('What to assign').selectOption({ label: quizLesson.title });
	await page.getByLabel('Due date').fill(typedDate);
	await page.getByLabel('Due time').fill('15:30');
	await page.getByRole('button', { name: 'Assign' }).click();
	await expect(page.getByRole('status')).toContainText('is assigned to the class');
	await tokyo.close();
	const [stored] = await withE2eDatabase((db) =>
		db.read
			.select({ dueAt: db.tables.assignments.dueAt })
			.from(db.tables.assignments)
			.where(eq(db.tables.assignments.classId, classId))
	);
	const dueIso = stored?.dueAt?.toISOString();
	// 15:30 in Los Angeles is 23:30 UTC in winter and 22:30 in summer
	expect(dueIso).toMatch(new RegExp(`^${typedDate}T2[23]:30:00\\.000Z$`));

	const seen: string[] = [];
	for (const timezoneId of browserZones) {
		for (const javaScriptEnabled of [true, false]) {
			const how = `${timezoneId}, JavaScript ${javaScriptEnabled ? 'on' : 'off'}`;
			const asTeacher = await contextFor(browser, baseURL!, teacher, {
				timezoneId,
				javaScriptEnabled
			});
			const asStudent = await contextFor(browser, baseURL!, student, {
				timezoneId,
				javaScriptEnabled
			});
			const teacherPage = await asTeacher.newPage();
			const studentPage = await asStudent.newPage();
			if (javaScriptEnabled) {
				// the browser really is elsewhere: a date formatted in it would read differently
				const zone = await teacherPage.evaluate(
					() => Intl.DateTimeFormat().resolvedOptions().timeZone
				);
				expect(zone, how).toBe(timezoneId);
			}

			const readers = [
				{
					where: 'assignments page',
					page: teacherPage,
					path: `${classUrl}/assignments`,
					time: (p: Page) => p.getByRole('row').filter({ hasText: quizLesson.title })
				},
				{
					where: 'learn',
					page: studentPage,
					path: '/learn',
					time: (p: Page) =>
						p.locator('.assignment-list > li').filter({ hasText: quizLesson.title })
				},
				{
					where: 'dashboard',
					page: teacherPage,
					path: classUrl,
					time: (p: Page) => p.getByRole('columnheader').filter({ hasText: quizLesson.title })
				}
			];
			for (const reader of readers) {
				await open(reader.page, reader.path, javaScriptEnabled);
				const time = reader.time(reader.page).locator('time');
				expect(await time.getAttribute('datetime'), `${reader.where}, ${how}`).toBe(dueIso);
				seen.push(`${reader.where}, ${how}: ${await time.innerText()}`);
			}
			await asTeacher.close();
			await asStudent.close();
		}
	}
	expect(seen).toEqual(
		browserZones.flatMap((timezoneId) =>
			['on', 'off'].flatMap((js) =>
				['assignments page', 'learn', 'dashboard'].map(
					(where) => `${where}, ${timezoneId}, JavaScript ${js}: ${expectedDue}`
				)
			)
		)
	);
});
