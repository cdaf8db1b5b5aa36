import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { answerCorrectly } from './fixtures/answer';
import { signInContext } from './fixtures/db';
import { lessons as lessonsWithQuestions } from './fixtures/content';

async function expectNoAxeViolations(page: Page, path: string, status = 200) {
	const response = await page.goto(path);
	expect(response?.status(), `${path} status`).toBe(status);
	const results = await new AxeBuilder({ page })
		.withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'])
		.analyze();
	const summary = results.violations.map(
		(v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`
	);
	expect(summary, `axe violations on ${path}`).toEqual([]);
}

const publicPages = ['/', '/lessons', '/lessons/start-here', '/signin', '/signup', '/signout'];

test.describe('every page has no axe violations', () => {
	for (const colorScheme of ['light', 'dark'] as const) {
		test(`as a visitor, ${colorScheme} theme`, async ({ page }) => {
			test.setTimeout(180_000);
			await page.emulateMedia({ colorScheme });
			for (const path of publicPages) await expectNoAxeViolations(page, path);
			await expectNoAxeViolations(page, '/no-such-page', 404);
		});

		test(`as a teacher, ${colorScheme} theme`, async ({ page, context, baseURL }) => {
			test.setTimeout(180_000);
			await page.emulateMedia({ colorScheme });
			await signInContext(context, baseURL!, 'teacher');
			for (const path of [
				'/',
				'/lessons',
				'/account',
				'/classes',
				'/review',
				'/signout',
				'/teacher-guide'
			]) {
				await expectNoAxeViolations(page, path);
			}
		});

		test(`as a student, ${colorScheme} theme`, async ({ page, context, baseURL }) => {
			test.setTimeout(180_000);
			await page.emulateMedia({ colorScheme });
			await signInContext(context, baseURL!, 'student');
			for (const path of ['/', '/account', '/review']) await expectNoAxeViolations(page, path);
			await expectNoAxeViolations(page, '/classes', 403);
		});
	}

	test('a form showing its errors', async ({ page }) => {
		await page.goto('/signup');
		await page.locator('form').evaluate((form) => form.setAttribute('novalidate', ''));
		await page.getByRole('button', { name: 'Create account' }).click();
		await expect(page.getByRole('alert')).toBeVisible();
		const results = await new AxeBuilder({ page }).analyze();
		expect(results.violations.map((v) => v.id)).toEqual([]);
	});
});

test('the skip link moves keyboard focus to the main content', async ({ page }) => {
	await page.goto('/');
	await page.keyboard.press('Tab');
	const skip = page.getByRole('link', { name: 'Skip to main content' });
	await expect(skip).toBeFocused();
	await page.keyboard.press('Enter');
	await expect(page.locator('main')).toBeFocused();
});

test.describe('lesson, quiz and source pages have no axe violations', () => {
	const pages = [
		...lessonsWithQuestions.flatMap((lesson) => [
			`/lessons/${lesson.slug}`,
			`/lessons/${lesson.slug}/quiz?mode=practice`,
			`/lessons/${lesson.slug}/quiz?mode=quiz`
		]),
		'/sources/truthout-2014',
		'/glossary',
		'/timeline',
		'/lessons/start-here'
	];
	for (const colorScheme of ['light', 'dark'] as const) {
		for (const path of pages) {
			test(`${path}, ${colorScheme} theme`, async ({ page }) => {
				await page.emulateMedia({ colorScheme });
				await expectNoAxeViolations(page, path);
			});
		}
	}

	test('a quiz page showing feedback', async ({ page }) => {
		const lesson = lessonsWithQuestions[0]!;
		const question = lesson.questions.find((q) => lesson.quizIds.includes(q.id))!;
		await page.goto(`/lessons/${lesson.slug}/quiz?mode=practice`);
		const section = page.locator(`#question-${question.id}`);
		await answerCorrectly(section, question);
		await section.getByRole('button', { name: 'Check answer' }).click();
		await expect(section.getByText('Why:')).toBeVisible();
		const results = await new AxeBuilder({ page }).analyze();
		expect(results.violations.map((v) => `${v.id}: ${v.nodes.length}`)).toEqual([]);
	});
});
