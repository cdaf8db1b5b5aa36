import { expect, test } from '@playwright/test';
import { gradedByTeacher } from '../src/lib/quiz/registry';
import { repostingDomains } from '../src/lib/server/content/editorial';
import { answerCorrectly } from './fixtures/answer';
import { content, studyLessons } from './fixtures/content';
import { signInContext } from './fixtures/db';

// Each lesson fits a period: the page says how long its core path takes and sets extensions apart;
// the packet cites originals; no page of the module links a site that only reposts them.

// a lesson with an auto-scored check inside an extension
const extended = studyLessons.find((lesson) =>
	lesson.questions.some((q) => lesson.extensionCheckIds.includes(q.id) && !gradedByTeacher(q))
)!;
const extensionCheck = extended.questions.find(
	(q) => extended.extensionCheckIds.includes(q.id) && !gradedByTeacher(q)
)!;

test('a lesson shows its computed core path and marks each extension, whose checks work like any other', async ({
	page
}) => {
	await page.goto(`/lessons/${extended.slug}`);
	await expect(
		page.getByText(
			`${extended.coreMinutes} min core path + ${extended.extensionMinutes} min extension`
		)
	).toBeVisible();
	const extensions = page.locator('aside.extension');
	expect(await extensions.count()).toBeGreaterThan(0);
	await expect(extensions.first()).toContainText('Extension');
	await expect(extensions.first()).toContainText('not part of the lesson');

	// a check inside an extension is answered, and marked, in place
	const check = extensions.locator(`#question-${extensionCheck.id}`);
	await answerCorrectly(check, extensionCheck);
	await check.getByRole('button', { name: 'Check answer' }).click();
	await expect(check.getByRole('heading', { name: 'Correct' })).toBeVisible();
});

test('the lesson list gives every lesson its core path, within one period', async ({ page }) => {
	await page.goto('/lessons');
	for (const lesson of content.lessonsInOrder) {
		expect(lesson.coreMinutes, lesson.slug).toBeLessThanOrEqual(50);
		const card = page.locator('.lesson-list > li').filter({
			has: page.getByRole('link', { name: lesson.title, exact: true })
		});
		await expect(card).toContainText(`${lesson.coreMinutes} min core path`);
	}
});

test('the packet lists every document with its citation, linked to the original publisher', async ({
	page
}) => {
	await page.goto('/sources/packet');
	await expect(page.getByRole('heading', { level: 1, name: 'Document packet' })).toBeVisible();
	for (const document of content.documents.values()) {
		const card = page.locator(`#document-${document.id}`);
		await expect(card.getByRole('link', { name: document.title })).toHaveAttribute(
			'href',
			document.url
		);
		await expect(card).toContainText(document.publisher);
	}
});

test('no page of the module links a reposting site', async ({ page }) => {
	const pages = [
		'/lessons',
		'/timeline',
		'/glossary',
		'/sources/packet',
		...[...content.sources.keys()].map((id) => `/sources/${id}`),
		...content.lessonsInOrder.map((lesson) => `/lessons/${lesson.slug}`)
	];
	let outsideLinks = 0;
	for (const path of pages) {
		await page.goto(path);
		const hosts = await page
			.locator('a[href^="http"]')
			.evaluateAll((links) =>
				links.map((link) => new URL((link as HTMLAnchorElement).href).hostname)
			);
		const reposts = hosts.filter((host) =>
			repostingDomains.some((domain) => host === domain || host.endsWith(`.${domain}`))
		);
		expect(reposts, path).toEqual([]);
		outsideLinks += hosts.length;
	}
	// the module does cite outside sources: the check above looked at real links
	expect(outsideLinks).toBeGreaterThan(50);
});

test('the teacher guide shows each lesson’s core path and which checks are extension', async ({
	browser,
	baseURL
}) => {
	const context = await browser.newContext({ baseURL });
	await signInContext(context, baseURL!, 'teacher');
	const page = await context.newPage();
	await page.goto('/teacher-guide');
	const section = page.locator(`#guide-${extended.slug}`);
	await expect(section).toContainText(`${extended.coreMinutes} min core path`);
	await expect(section.getByText('extension check').first()).toBeVisible();
	await context.close();
});
