import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { eq } from 'drizzle-orm';
import { Rating } from 'ts-fsrs';
import { scheduleCard } from '../src/lib/server/scheduling/cards';
import { answerCorrectly, answerWrongly } from './fixtures/answer';
import { lessons } from './fixtures/content';
import { countRows, signInContext, withE2eDatabase } from './fixtures/db';

/** An end-of-lesson quiz question of a type, with its lesson. */
function quizQuestion(type: 'single-choice' | 'written') {
	for (const lesson of lessons) {
		const question = lesson.questions.find((q) => q.type === type && lesson.quizIds.includes(q.id));
		if (question) return { lesson, question };
	}
	throw new Error(`no ${type} question in any lesson's quiz`);
}
const choice = quizQuestion('single-choice');
const written = quizQuestion('written');

async function userIdOf(username: string) {
	return withE2eDatabase(async (db) => {
		const { users } = db.tables;
		const [user] = await db.read
			.select({ id: users.id })
			.from(users)
			.where(eq(users.username, username));
		if (!user) throw new Error(`no user ${username}`);
		return user.id;
	});
}

// ts-fsrs brings a missed question back after its first learning step (a minute): the test skips that minute
async function skipAhead(username: string) {
	const userId = await userIdOf(username);
	await withE2eDatabase((db) =>
		db.write((tx) =>
			tx
				.update(db.tables.reviewCards)
				.set({ due: new Date(Date.now() - 1000) })
				.where(eq(db.tables.reviewCards.userId, userId))
		)
	);
}

async function missInLesson(page: Page) {
	await page.goto(`/lessons/${choice.lesson.slug}/quiz?mode=practice`);
	const section = page.locator(`#question-${choice.question.id}`);
	await answerWrongly(section, choice.question);
	await section.getByRole('button', { name: 'Check answer' }).click();
	await expect(section.getByRole('heading', { name: 'Not quite' })).toBeVisible();
}

for (const javaScriptEnabled of [true, false]) {
	test.describe(`review with JavaScript ${javaScriptEnabled ? 'on' : 'off'}`, () => {
		test.use({ javaScriptEnabled });

		test('a question missed in a lesson comes due in /review, is answered right there, and leaves the due list', async ({
			page,
			context,
			baseURL
		}) => {
			const account = await signInContext(context, baseURL!, 'student');
			await page.goto('/review');
			await expect(page.getByText('Nothing is due right now.')).toBeVisible();

			await missInLesson(page);
			await skipAhead(account.username);
			await page.goto('/review');
			await expect(page.getByText('1 question is due.')).toBeVisible();
			const section = page.locator(`#question-${choice.question.id}`);
			await expect(section.getByText(`From the lesson “${choice.lesson.title}”`)).toBeVisible();
			await expect(section.getByText('Why:')).toHaveCount(0);

			const responsesBefore = await countRows('responses');
			await answerCorrectly(section, choice.question);
			await section.getByRole('button', { name: 'Check answer' }).click();
			await expect(section.getByRole('heading', { name: 'Correct' })).toBeVisible();
			await expect(section.getByText('Why:')).toBeVisible();
			const paragraph = choice.question.evidence.find((e) => 'paragraph' in e);
			if (paragraph && 'paragraph' in paragraph) {
				await expect(
					section.getByRole('link', {
						name: new RegExp(`\\(${paragraph.paragraph}\\) in the article`)
					})
				).toBeVisible();
			}
			await expect(section.getByText('This question comes back on')).toBeVisible();
			expect(await countRows('responses')).toBe(responsesBefore + 1);

			await page.goto('/review');
			await expect(page.getByText('Nothing is due right now.')).toBeVisible();
			await expect(page.getByText('The next question comes due on')).toBeVisible();
			await expect(page.locator(`#question-${choice.question.id}`)).toHaveCount(0);
		});

		test('a written card asks the student to rate their own recall', async ({
			page,
			context,
			baseURL
		}) => {
			const account = await signInContext(context, baseURL!, 'student');
			const userId = await userIdOf(account.username);
			// written answers get a card once a teacher scores them; here it is made directly
			await withE2eDatabase((db) =>
				db.write((tx) =>
					scheduleCard(tx, db.tables, {
						userId,
						questionId: written.question.id,
						lessonSlug: written.lesson.slug,
						rating: Rating.Again,
						now: new Date(Date.now() - 10 * 60_000)
					})
				)
			);
			await page.goto('/review');
			const section = page.locator(`#question-${written.question.id}`);
			await answerCorrectly(section, written.question);
			const rating = section.getByRole('group', { name: 'How well did you remember the answer?' });
			await rating.getByRole('radio', { name: /^Good/ }).check();
			await section.getByRole('button', { name: 'Check answer' }).click();
			await expect(
				section.getByRole('heading', { name: 'Submitted: your teacher will score this' })
			).toBeVisible();
			await expect(section.getByText('You rated it Good.')).toBeVisible();
			await page.goto('/review');
			await expect(page.locator(`#question-${written.question.id}`)).toHaveCount(0);
		});
	});
}

test('a review answer for a question that is not in my review gets a 400 and stores nothing', async ({
	context,
	baseURL
}) => {
	await signInContext(context, baseURL!, 'student');
	const before = await countRows('responses');
	const response = await context.request.post('/review?/answer', {
		form: { questionId: choice.question.id, [choice.question.id]: 'a' },
		headers: { origin: baseURL! }
	});
	expect(response.status()).toBe(400);
	expect(await response.text()).toMatch(/not in your review/);
	expect(await countRows('responses')).toBe(before);
});

test('axe finds no violations on /review with due cards and with feedback', async ({
	page,
	context,
	baseURL
}) => {
	const account = await signInContext(context, baseURL!, 'student');
	await missInLesson(page);
	const userId = await userIdOf(account.username);
	await withE2eDatabase((db) =>
		db.write((tx) =>
			scheduleCard(tx, db.tables, {
				userId,
				questionId: written.question.id,
				lessonSlug: written.lesson.slug,
				rating: Rating.Again,
				now: new Date()
			})
		)
	);
	await skipAhead(account.username);
	const analyze = async () => {
		const results = await new AxeBuilder({ page })
			.withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'])
			.analyze();
		return results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' '))}`);
	};
	for (const colorScheme of ['light', 'dark'] as const) {
		await page.emulateMedia({ colorScheme });
		const response = await page.goto('/review');
		expect(response?.status()).toBe(200);
		await expect(page.getByText('2 questions are due.')).toBeVisible();
		expect(await analyze(), `${colorScheme}: due cards`).toEqual([]);
	}

	const section = page.locator(`#question-${choice.question.id}`);
	await answerWrongly(section, choice.question);
	await section.getByRole('button', { name: 'Check answer' }).click();
	await expect(section.getByText('Why:')).toBeVisible();
	expect(await analyze(), 'feedback shown').toEqual([]);
});
