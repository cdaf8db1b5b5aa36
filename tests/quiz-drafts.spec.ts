import { expect, test } from '@playwright/test';
import { answerCorrectly } from './fixtures/answer';
import { lessons } from './fixtures/content';
import { countRows, signInContext } from './fixtures/db';

// The first lesson's quiz, answered in part: its first two questions
const lesson = lessons.find((l) => l.quizIds.length >= 3)!;
const questions = lesson.questions.filter((q) => lesson.quizIds.includes(q.id));
const [first, second, third] = questions;
const quizUrl = `/lessons/${lesson.slug}/quiz?mode=quiz`;

for (const javaScriptEnabled of [true, false]) {
	test.describe(`a quiz draft with JavaScript ${javaScriptEnabled ? 'on' : 'off'}`, () => {
		test.use({ javaScriptEnabled });

		test('answers survive leaving the page and coming back, and the bar counts them', async ({
			page,
			context,
			baseURL
		}) => {
			await signInContext(context, baseURL!, 'student');
			await page.goto(quizUrl);
			const bar = page.getByRole('navigation', { name: 'Questions' });
			await expect(bar).toContainText(`0 of ${questions.length} answered`);

			await answerCorrectly(page.locator(`#question-${first!.id}`), first!);
			await answerCorrectly(page.locator(`#question-${second!.id}`), second!);
			if (javaScriptEnabled) {
				// counted as the student answers, and kept without pressing anything
				await expect(bar).toContainText(`2 of ${questions.length} answered`);
				await expect(page.getByText('Your answers are saved.')).toBeVisible();
			} else {
				await page.getByRole('button', { name: 'Save my answers for later' }).click();
				await expect(page.getByRole('status').filter({ hasText: 'Saved 2 of' })).toContainText(
					`Saved 2 of ${questions.length} answers`
				);
			}
			const responsesBefore = await countRows('responses');

			await page.goto(`/lessons/${lesson.slug}`);
			await page.goto(quizUrl);
			await expect(bar).toContainText(`2 of ${questions.length} answered`);
			await expect(
				bar.getByRole('link', { name: 'Question 1, answered', exact: true })
			).toBeVisible();
			await expect(
				bar.getByRole('link', { name: 'Question 3, not answered yet', exact: true })
			).toBeVisible();
			// a draft is not a submission: nothing is scored or stored as an answer
			expect(await countRows('responses')).toBe(responsesBefore);

			// the refusal lists each missing question, linked to it
			await page.getByRole('button', { name: 'Submit the quiz' }).click();
			const summary = page.getByRole('alert');
			await expect(summary).toContainText('need an answer before you submit');
			await summary.getByRole('link', { name: /^Question 3:/ }).click();
			await expect(page).toHaveURL(new RegExp(`#question-${third!.id}$`));
			await expect(page.locator(`#question-${third!.id}`)).toBeInViewport();

			for (const question of questions)
				await answerCorrectly(page.locator(`#question-${question.id}`), question);
			await page.getByRole('button', { name: 'Submit the quiz' }).click();
			await expect(page).toHaveURL(new RegExp(`/lessons/${lesson.slug}/quiz/attempts/`));
			// the review opens with a strip of marks, each a link to its question
			const strip = page.getByRole('navigation', { name: 'Your answers at a glance' });
			const written = questions.filter((q) => q.type === 'written').length;
			await expect(strip).toContainText(`${questions.length - written} right`);
			await strip.getByRole('link', { name: 'Question 3: right', exact: true }).click();
			await expect(page.locator(`#question-review-${third!.id}`)).toBeInViewport();

			// once submitted, the draft is gone: a new sitting starts empty
			await page.goto(quizUrl);
			await expect(bar).toContainText(`0 of ${questions.length} answered`);
		});
	});
}
