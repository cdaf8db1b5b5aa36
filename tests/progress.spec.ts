import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { eq } from 'drizzle-orm';
import { newId } from '../src/lib/server/ids';
import { answerCorrectly } from './fixtures/answer';
import { studyLessons } from './fixtures/content';
import { signInContext, withE2eDatabase } from './fixtures/db';

// the first lesson with questions: it has several sections, inline checks and a quiz
const lesson = studyLessons[0]!;
const sectionAt = (index: number) => {
	const section = lesson.sections[index];
	if (!section) throw new Error(`${lesson.slug} has fewer than ${index + 1} sections`);
	return section;
};
const firstSection = sectionAt(0);
const secondSection = sectionAt(1);
const thirdSection = sectionAt(2);

const panel = (page: Page) => page.getByRole('region', { name: 'Your progress in this lesson' });
// the rows are in the bar's list, which is closed (hidden) until opened
const sectionRow = (page: Page, title: string) =>
	panel(page)
		.getByRole('listitem', { includeHidden: true })
		.filter({ has: page.getByRole('link', { name: title, exact: true, includeHidden: true }) });

/** The bar's list of sections is closed until asked for, so the first screen is the lesson. */
async function openSections(page: Page) {
	const list = panel(page).locator('details');
	if (!(await list.evaluate((details) => (details as HTMLDetailsElement).open))) {
		await list.locator('summary').click();
	}
}

async function markWithButton(page: Page, title: string) {
	await openSections(page);
	await sectionRow(page, title)
		.getByRole('button', { name: `Mark as read: “${title}”` })
		.click();
	await expect(sectionRow(page, title)).toContainText('Read ✓');
}

async function axeViolations(page: Page) {
	const results = await new AxeBuilder({ page })
		.withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'])
		.analyze();
	return results.violations.map(
		(v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`
	);
}

test.describe('JavaScript off', () => {
	test.use({ javaScriptEnabled: false });

	test('on a phone the first screen is the lesson, and a section is marked read with its button', async ({
		page,
		context,
		baseURL
	}) => {
		await page.setViewportSize({ width: 390, height: 844 });
		await signInContext(context, baseURL!, 'student');
		await page.goto(`/lessons/${lesson.slug}`);

		// title, time and what the lesson teaches, and no row of buttons
		await expect(page.getByRole('heading', { level: 1, name: lesson.title })).toBeInViewport();
		const facts = `${lesson.sections.length} sections · ${lesson.questions.length} questions`;
		await expect(
			page.getByText(
				new RegExp(`^${lesson.coreMinutes} min core path( \\+ \\d+ min extension)? · ${facts}$`)
			)
		).toBeInViewport();
		await expect(
			page.getByRole('heading', { level: 2, name: 'What you will learn' })
		).toBeInViewport();
		await expect(page.getByText('By the end of this lesson:')).toBeInViewport();
		await expect(
			page.getByRole('listitem').filter({ hasText: /^You can tell the article/ })
		).toBeInViewport();
		await expect(page.getByRole('button', { name: /as read/ })).toHaveCount(0);
		await expect(panel(page)).toContainText('0 of 8 sections read');
		await expect(sectionRow(page, secondSection.title)).toContainText('Not read yet');

		await markWithButton(page, secondSection.title);
		await expect(sectionRow(page, secondSection.title).getByRole('button')).toHaveCount(0);
		await expect(panel(page)).toContainText(`1 of ${lesson.sections.length} sections read`);
		await expect(panel(page).locator('progress')).toHaveAttribute('value', '1');

		// a fresh visit shows what was stored, not what the last response said
		await page.goto(`/lessons/${lesson.slug}`);
		await expect(sectionRow(page, secondSection.title)).toContainText('Read ✓');
		await expect(sectionRow(page, firstSection.title)).toContainText('Not read yet');
	});
});

test('JavaScript on: scrolling through a lesson marks each section read as it is reached', async ({
	page,
	context,
	baseURL
}) => {
	await signInContext(context, baseURL!, 'student');
	await page.goto(`/lessons/${lesson.slug}`);
	// the bar's list open, with a button on each unread section: axe-clean in both themes
	await openSections(page);
	for (const colorScheme of ['light', 'dark'] as const) {
		// no colour transitions, so axe sees the theme's colours and not a blend
		await page.emulateMedia({ colorScheme, reducedMotion: 'reduce' });
		expect(await axeViolations(page), `axe, the open list, ${colorScheme}`).toEqual([]);
	}
	await panel(page).locator('summary').click();
	await expect(panel(page).getByRole('button')).toHaveCount(0);
	for (const section of lesson.sections) {
		await page
			.locator(`.lesson-prose h2[id="${section.id}"]`)
			.evaluate((heading) => heading.scrollIntoView({ block: 'start' }));
		await expect(sectionRow(page, section.title)).toContainText('Read ✓');
		// the bar stays in view while the student reads
		await expect(panel(page)).toBeInViewport();
	}
	await page.reload();
	const total = lesson.sections.length;
	await expect(panel(page)).toContainText(`${total} of ${total} sections read`);
	await expect(panel(page).getByText('Not read yet')).toHaveCount(0);
});

test('a student who reads, answers and leaves is offered “Continue” at the first unread section', async ({
	browser,
	baseURL
}) => {
	// first visit, JavaScript off so that only the buttons mark sections
	const firstVisit = await browser.newContext({ baseURL, javaScriptEnabled: false });
	const account = await signInContext(firstVisit, baseURL!, 'student');
	const page = await firstVisit.newPage();
	await page.goto(`/lessons/${lesson.slug}`);
	await markWithButton(page, firstSection.title);
	await markWithButton(page, secondSection.title);
	const check = lesson.questions.find((q) => q.id === lesson.checkIds[0]);
	if (!check) throw new Error(`${lesson.slug} has no inline check`);
	const checkSection = page.locator(`#question-${check.id}`);
	await answerCorrectly(checkSection, check);
	await checkSection.getByRole('button', { name: 'Check answer' }).click();
	await expect(checkSection.getByRole('heading', { name: /Correct|Submitted/ })).toBeVisible();
	await firstVisit.close();

	// later, on another device: sign in and come back
	const secondVisit = await browser.newContext({ baseURL });
	const again = await secondVisit.newPage();
	await again.goto('/learn');
	await expect(again).toHaveURL(/\/signin\?redirectTo=%2Flearn/);
	await again.getByLabel('Email or username').fill(account.username);
	await again.getByLabel('Password').fill(account.password);
	await again.getByRole('button', { name: 'Sign in' }).click();
	await expect(again).toHaveURL(/\/learn$/);

	const resume = again.getByRole('link', { name: `Continue “${lesson.title}”` });
	await expect(resume).toHaveAttribute('href', `/lessons/${lesson.slug}#${thirdSection.id}`);
	await expect(again.getByText(`pick up at the section “${thirdSection.title}”`)).toBeVisible();
	await resume.click();
	await expect(again).toHaveURL(new RegExp(`/lessons/${lesson.slug}#${thirdSection.id}$`));
	await expect(again.locator(`h2[id="${thirdSection.id}"]`)).toBeInViewport();
	await secondVisit.close();
});

/** Gives a student answers at several mastery levels, so /learn shows every kind of chip and bar. */
async function seedProgress(username: string) {
	await withE2eDatabase(async (db) => {
		const { attempts, responses, sectionReads, users } = db.tables;
		const [user] = await db.read
			.select({ id: users.id })
			.from(users)
			.where(eq(users.username, username));
		if (!user) throw new Error(`no user ${username}`);
		const now = Date.now();
		const quizIds = lesson.quizIds;
		await db.write(async (tx) => {
			await tx.insert(sectionReads).values(
				[firstSection, secondSection].map((section) => ({
					userId: user.id,
					lessonSlug: lesson.slug,
					sectionId: section.id,
					readAt: new Date(now - 60_000)
				}))
			);
			for (const [mode, offset, ids] of [
				['quiz', 50_000, quizIds],
				['review', 10_000, quizIds.slice(0, 1)]
			] as const) {
				const attemptId = newId();
				const at = new Date(now - offset);
				await tx.insert(attempts).values({
					id: attemptId,
					userId: user.id,
					lessonSlug: lesson.slug,
					mode,
					startedAt: at,
					submittedAt: at
				});
				await tx.insert(responses).values(
					ids.map((questionId, index) => {
						// right, partly right and wrong in turn, so objectives land on different levels
						const earned = mode === 'review' ? 1 : [1, 0.75, 0][index % 3]!;
						return {
							id: newId(),
							attemptId,
							userId: user.id,
							lessonSlug: lesson.slug,
							questionId,
							answer: 'seeded',
							status: 'scored' as const,
							earned,
							possible: 1,
							correct: earned === 1,
							answeredAt: at
						};
					})
				);
			}
		});
	});
}

for (const colorScheme of ['light', 'dark'] as const) {
	test(`/learn has no axe violations, new and with progress, ${colorScheme} theme`, async ({
		page,
		context,
		baseURL
	}) => {
		await page.emulateMedia({ colorScheme });
		const account = await signInContext(context, baseURL!, 'student');
		for (const seeded of [false, true]) {
			if (seeded) await seedProgress(account.username);
			await page.goto('/learn');
			await expect(page.getByRole('heading', { level: 1, name: 'My learning' })).toBeVisible();
			if (seeded) await expect(page.getByText(/\d of \d+ points/).first()).toBeVisible();
			expect(
				await axeViolations(page),
				`axe violations on /learn (${seeded ? 'with progress' : 'new'})`
			).toEqual([]);
		}
	});
}
