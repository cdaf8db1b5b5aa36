import { expect, test, type Browser, type Page } from '@playwright/test';
import { axeViolations } from './fixtures/axe';
import { databaseSnapshot, signInContext } from './fixtures/db';

const csv = (name: string, text: string) => ({
	name,
	mimeType: 'text/csv',
	buffer: Buffer.from(text, 'utf8')
});

// what Google Classroom's Grades → Download as CSV gives, BOM and CRLF included
const classroomExport =
	'\uFEFFLast Name,First Name,Email Address,Overall,Quiz 1\r\n' +
	',,,,"Sep 9, 2026"\r\n' +
	'Points,,,,20\r\n' +
	'Class average,,,84%,17\r\n' +
	'Ruiz,Ana,ana.ruiz@students.example.org,91%,18\r\n' +
	'Núñez,José,jose.nunez@students.example.org,78%,15\r\n' +
	'"Li, Jr.",Ben,ben.li@students.example.org,62%,12\r\n' +
	',,,,\r\n';

async function teacherOnNewClass(browser: Browser, baseURL: string, javaScriptEnabled: boolean) {
	const context = await browser.newContext({ baseURL, javaScriptEnabled });
	const page = await context.newPage();
	await signInContext(context, baseURL, 'teacher');
	await page.goto('/classes');
	await page.getByLabel('Class name').fill(`Imported ${Date.now()}`);
	await page.getByRole('button', { name: 'Create class' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Students' })).toBeVisible();
	return { context, page };
}

const importSection = (page: Page) => page.getByRole('region', { name: 'Import from a CSV file' });

test('a Google Classroom export makes login cards; a student signs in with one; importing again skips everyone', async ({
	browser,
	baseURL
}) => {
	test.setTimeout(120_000);
	const { context, page } = await teacherOnNewClass(browser, baseURL!, true);

	await page
		.getByLabel('Class list: the Google Classroom CSV, or OneRoster’s users.csv')
		.setInputFiles(csv('grades.csv', classroomExport));
	await page.getByRole('button', { name: 'Import students' }).click();

	await expect(page.getByRole('heading', { name: 'Login cards for 3 students' })).toBeVisible();
	await expect(page.locator('.import-summary')).toHaveText(
		'3 new login cards, 0 already in the class (skipped).'
	);
	await expect(page.locator('.login-card .card-name')).toHaveText([
		'Ana Ruiz',
		'José Núñez',
		'Ben Li, Jr.'
	]);
	await expect(page.locator('#action-result')).toBeFocused();
	expect(await axeViolations(page)).toEqual([]);
	const [username, password] = (
		await page
			.locator('.login-card')
			.filter({ hasText: 'Ana Ruiz' })
			.locator('code')
			.allInnerTexts()
	).map((text) => text.trim());
	expect(username).toMatch(/^ana-\d{4}$/);

	const student = await browser.newContext({ baseURL });
	const studentPage = await student.newPage();
	await studentPage.goto('/signin');
	await studentPage.getByLabel('Email or username').fill(username!);
	await studentPage.getByLabel('Password').fill(password!);
	await studentPage.getByRole('button', { name: 'Sign in' }).click();
	await expect(studentPage.getByRole('heading', { name: 'Your classes' })).toBeVisible();
	await student.close();

	await page
		.getByLabel('Class list: the Google Classroom CSV, or OneRoster’s users.csv')
		.setInputFiles(csv('grades.csv', classroomExport));
	await page.getByRole('button', { name: 'Import students' }).click();
	await expect(page.locator('.import-summary')).toContainText(
		'0 new login cards, 3 already in the class (skipped).'
	);
	await expect(page.locator('.skipped li')).toHaveText(['Ana Ruiz', 'José Núñez', 'Ben Li, Jr.']);
	await expect(page.locator('.login-card')).toHaveCount(0);
	await expect(page.getByRole('table').getByRole('rowheader')).toHaveCount(3);
	await context.close();
});

test('without JavaScript, a file with problems lists them by line and creates nothing', async ({
	browser,
	baseURL
}) => {
	test.setTimeout(120_000);
	const { context, page } = await teacherOnNewClass(browser, baseURL!, false);
	const broken = [
		'Last Name,First Name,Email Address',
		'Ruiz,Ana,ana@example.org',
		',,ghost@example.org',
		'Li,Ben,ben@example.org',
		'Ruiz,Ana,ana@example.org'
	].join('\n');
	const before = await databaseSnapshot();

	await page
		.getByLabel('Class list: the Google Classroom CSV, or OneRoster’s users.csv')
		.setInputFiles(csv('period-3.csv', broken));
	await page.getByRole('button', { name: 'Import students' }).click();

	await expect(page.getByRole('alert')).toHaveText(
		'Nothing was imported: the file has problems. See the problems'
	);
	const problems = importSection(page).locator('#import-problems');
	await expect(problems.getByRole('heading', { name: 'Nothing was imported' })).toBeVisible();
	await expect(problems).toContainText('You chose: period-3.csv');
	await expect(problems.locator('li')).toHaveText([
		'line 3: no first or last name',
		'line 5: the same email address as line 2: the student is listed twice. Remove one of the rows.'
	]);
	expect(await databaseSnapshot()).toEqual(before);

	// an Excel workbook is named for what it is
	await page
		.getByLabel('Class list: the Google Classroom CSV, or OneRoster’s users.csv')
		.setInputFiles({
			name: 'roster.xlsx',
			mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
			buffer: Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00])
		});
	await page.getByRole('button', { name: 'Import students' }).click();
	await expect(importSection(page).locator('#import-problems li')).toHaveText([
		'This is a spreadsheet (Excel or similar), not a CSV file. In the spreadsheet, use File → Save as (or Download) → CSV, and choose that file.'
	]);
	expect(await databaseSnapshot()).toEqual(before);
	await context.close();
});

test('OneRoster files with several classes: the teacher picks this one and the files stay chosen', async ({
	browser,
	baseURL
}) => {
	test.setTimeout(120_000);
	const { context, page } = await teacherOnNewClass(browser, baseURL!, true);
	const users = [
		'sourcedId,status,dateLastModified,enabledUser,username,userIds,givenName,familyName,middleName,identifier,email,sms,phone,agentSourcedIds,grades,password,userMasterIdentifier,resourceSourcedIds,preferredGivenName,preferredMiddleName,preferredFamilyName,primaryOrgSourcedId,pronouns',
		'u-1,active,2026-08-01T00:00:00.000Z,true,kim,,Kimberly,Okafor,,,,,,,09,,,,Kim,,,org-1,',
		'u-2,active,2026-08-01T00:00:00.000Z,true,raul,,Raúl,Méndez,,,,,,,09,,,,,,,org-1,',
		'u-3,active,2026-08-01T00:00:00.000Z,true,tess,,Tess,Ng,,,,,,,10,,,,,,,org-1,'
	].join('\r\n');
	const enrollments = [
		'sourcedId,status,dateLastModified,classSourcedId,schoolSourcedId,userSourcedId,role,primary,beginDate,endDate',
		'e-1,active,,hist-9-p1,org-1,u-1,student,false,,',
		'e-2,active,,hist-9-p1,org-1,u-2,student,false,,',
		'e-3,active,,hist-10-p3,org-1,u-3,student,false,,'
	].join('\r\n');

	await page
		.getByLabel('Class list: the Google Classroom CSV, or OneRoster’s users.csv')
		.setInputFiles(csv('users.csv', users));
	await page
		.getByLabel('OneRoster’s enrollments.csv (leave empty for Google Classroom)')
		.setInputFiles(csv('enrollments.csv', enrollments));
	await page.getByRole('button', { name: 'Import students' }).click();

	await expect(page.locator('#import-problems')).toBeFocused();
	await expect(page.locator('#import-problems li')).toHaveText([
		'The enrollments are for 2 classes: “hist-10-p3”, “hist-9-p1”. Choose which one is this class, then choose the two files again.'
	]);
	// axe runs in the page, so here where JavaScript is on: the problems and the class select
	expect(await axeViolations(page)).toEqual([]);
	await page
		.getByLabel('Which OneRoster class is this one?')
		.selectOption({ label: 'hist-9-p1: 2 students' });
	await page.getByRole('button', { name: 'Import students' }).click();
	await expect(page.getByRole('heading', { name: 'Login cards for 2 students' })).toBeVisible();
	await expect(page.locator('.login-card .card-name')).toHaveText(['Kim Okafor', 'Raúl Méndez']);
	await context.close();
});
