import { expect, test } from '@playwright/test';
import { content } from './fixtures/content';
import { signInContext } from './fixtures/db';

test('the module page shows the compelling question and every lesson with its time', async ({
	page
}) => {
	await page.goto('/lessons');
	await expect(page.getByText(content.module!.compellingQuestion)).toBeVisible();
	for (const lesson of content.lessons.values()) {
		await expect(page.getByRole('link', { name: lesson.title, exact: true })).toBeVisible();
	}
	await expect(page.getByRole('link', { name: /Teacher guide/ })).toHaveCount(0);
});

test('the glossary lists every term with an anchor that lessons link to', async ({ page }) => {
	await page.goto('/glossary');
	for (const entry of content.glossary.values()) {
		await expect(page.locator(`[id="${entry.id}"]`)).toContainText(entry.term);
	}
});

test('the timeline runs from 2006 and labels how sure each event is', async ({ page }) => {
	await page.goto('/timeline');
	const events = page.locator('.timeline-event');
	await expect(events).toHaveCount(content.module!.timeline.length);
	await expect(events.first()).toContainText('2006');
	await expect(page.getByText('Confirmed by other sources').first()).toBeVisible();
});

test('the teacher guide is refused to visitors and students, and shows keys and rubrics to teachers', async ({
	browser,
	baseURL
}) => {
	const visitor = await browser.newPage();
	await visitor.goto('/teacher-guide');
	await expect(visitor).toHaveURL(/\/signin\?redirectTo=%2Fteacher-guide/);
	await visitor.close();

	const studentContext = await browser.newContext({ baseURL });
	await signInContext(studentContext, baseURL!, 'student');
	const student = await studentContext.newPage();
	expect((await student.goto('/teacher-guide'))?.status()).toBe(403);
	await studentContext.close();

	const teacherContext = await browser.newContext({ baseURL });
	await signInContext(teacherContext, baseURL!, 'teacher');
	const teacher = await teacherContext.newPage();
	await teacher.goto('/teacher-guide');
	await expect(teacher.getByRole('heading', { level: 1, name: 'Teacher guide' })).toBeVisible();
	await expect(teacher.getByRole('heading', { name: 'Answer key' })).toHaveCount(
		[...content.lessons.values()].filter((l) => l.questions.length > 0).length
	);
	await expect(teacher.getByRole('table', { name: 'Rubric' }).first()).toBeVisible();
	await teacher.goto('/lessons');
	await expect(teacher.getByRole('link', { name: /Teacher guide/ })).toBeVisible();
	await teacherContext.close();
});
