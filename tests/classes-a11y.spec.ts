import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { sessionCookieName } from '../src/lib/server/auth/session';
import { createClassWorld, type Person } from './fixtures/classes';

type World = Awaited<ReturnType<typeof createClassWorld>>;

async function expectNoAxeViolations(page: Page, label: string) {
	const results = await new AxeBuilder({ page })
		.withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'])
		.analyze();
	const summary = results.violations.map(
		(v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`
	);
	expect(summary, `axe violations on ${label}`).toEqual([]);
}

async function visit(page: Page, path: string) {
	const response = await page.goto(path);
	expect(response?.status(), `${path} status`).toBe(200);
	await expectNoAxeViolations(page, path);
}

async function signIn(page: Page, baseURL: string, who: Person) {
	await page.context().addCookies([{ name: sessionCookieName, value: who.token, url: baseURL }]);
}

let world: World;
test.beforeAll(async () => {
	world = await createClassWorld();
});

for (const colorScheme of ['light', 'dark'] as const) {
	test(`every teacher page of a class, ${colorScheme} theme`, async ({ page, baseURL }) => {
		test.setTimeout(240_000);
		await page.emulateMedia({ colorScheme });
		await signIn(page, baseURL!, world.teacher);
		const classUrl = `/classes/${world.ownClass.id}`;
		for (const path of [
			'/classes',
			classUrl,
			`${classUrl}?sort=score:${world.assignment.lessonSlug}&dir=desc`,
			`${classUrl}/questions`,
			`${classUrl}/students`,
			`${classUrl}/students?remove=${world.student.id}`,
			`${classUrl}/assignments`,
			`${classUrl}/assignments?delete=${world.assignment.id}`,
			`${classUrl}/grading`,
			`${classUrl}/settings`,
			'/join'
		]) {
			await visit(page, path);
		}
	});
}

test('pages after teacher actions: login cards, a failed form, a saved score', async ({
	page,
	baseURL
}) => {
	test.setTimeout(120_000);
	await signIn(page, baseURL!, world.teacher);
	const classUrl = `/classes/${world.ownClass.id}`;
	await page.goto(`${classUrl}/students`);
	await page.getByLabel('Student names, one per line').fill('Dana Ortiz\nEli Park');
	await page.getByRole('button', { name: 'Create accounts and login cards' }).click();
	await expect(page.getByRole('heading', { name: 'Login cards for 2 students' })).toBeVisible();
	await expectNoAxeViolations(page, 'login cards');

	await page.goto(`${classUrl}/assignments`);
	await page
		.locator('form')
		.filter({ hasText: 'What to assign' })
		.evaluate((form) => {
			form.setAttribute('novalidate', '');
		});
	// a time without a date is refused by the server
	await page.getByLabel('Due time').fill('09:30');
	await page.getByRole('button', { name: 'Assign' }).click();
	await expect(page.getByRole('alert').first()).toBeVisible();
	await expectNoAxeViolations(page, 'assignment form with errors');

	await page.goto(`${classUrl}/grading`);
	await page
		.getByRole('radio', { name: /^Level 1 – / })
		.first()
		.check();
	await page.getByRole('button', { name: 'Save score' }).first().click();
	await expect(page.getByRole('status').filter({ hasText: 'Score saved' })).toBeVisible();
	await expectNoAxeViolations(page, 'grading after a save');
});

test('join and learning pages for visitors and students', async ({ page, baseURL }) => {
	test.setTimeout(120_000);
	await visit(page, '/join');
	await visit(page, `/join?code=${world.ownClass.joinCode}`);
	await page.locator('main form').evaluate((form) => form.setAttribute('novalidate', ''));
	await page.getByRole('button', { name: 'Create account and join class' }).click();
	await expect(page.getByRole('alert').first()).toBeVisible();
	await expectNoAxeViolations(page, '/join with errors');

	await signIn(page, baseURL!, world.student);
	await visit(page, '/join');
	await visit(page, '/learn');
	await expect(page.getByRole('heading', { name: 'Your assignments' })).toBeVisible();
});
