import { expect, test, type Page } from '@playwright/test';
import { questionTypes, type Question, type QuestionType } from '../src/lib/quiz/registry';
import { answerCorrectly, answerWrongly } from './fixtures/answer';
import { content, lessons, studyLessons } from './fixtures/content';
import { countRows, signInContext } from './fixtures/db';
import { holdBackAppScripts } from './fixtures/slow-network';

/** The first end-of-lesson quiz question of each type, wherever it is. */
const sampleByType = new Map<QuestionType, { question: Question; lessonSlug: string }>();
for (const lesson of lessons) {
	for (const question of lesson.questions) {
		if (lesson.quizIds.includes(question.id) && !sampleByType.has(question.type)) {
			sampleByType.set(question.type, { question, lessonSlug: lesson.slug });
		}
	}
}

const verdictFor = (question: Question) =>
	question.type === 'written' ? 'Submitted: your teacher will score this' : 'Correct';

async function expectFeedbackWithEvidence(page: Page, question: Question) {
	const section = page.locator(`#question-${question.id}`);
	await expect(section.getByRole('heading', { name: verdictFor(question) })).toBeVisible();
	await expect(section.getByText('Why:')).toBeVisible();
	const paragraph = question.evidence.find((e) => 'paragraph' in e);
	if (paragraph && 'paragraph' in paragraph) {
		const number = Number(paragraph.paragraph.slice(1));
		const link = section.getByRole('link', {
			name: `Read paragraph ${number} (${paragraph.paragraph}) in the article`
		});
		await expect(link.first()).toHaveAttribute(
			'href',
			`/sources/truthout-2014#${paragraph.paragraph}`
		);
		if (paragraph.quote) await expect(section.locator('mark').first()).toBeVisible();
	}
	if (question.type === 'written') {
		await expect(section.getByText(question.modelAnswer)).toBeVisible();
	}
}

test('the sample covers every question type', () => {
	expect([...sampleByType.keys()].sort()).toEqual(Object.keys(questionTypes).sort());
});

for (const javaScriptEnabled of [true, false]) {
	test.describe(`practice with JavaScript ${javaScriptEnabled ? 'on' : 'off'}`, () => {
		test.use({ javaScriptEnabled });

		test('one question of every type: feedback and evidence, saved across a reload', async ({
			page,
			context,
			baseURL
		}) => {
			test.setTimeout(90_000);
			await signInContext(context, baseURL!, 'student');
			for (const { question, lessonSlug } of sampleByType.values()) {
				await page.goto(`/lessons/${lessonSlug}/quiz?mode=practice`);
				const section = page.locator(`#question-${question.id}`);
				await answerCorrectly(section, question);
				await section.getByRole('button', { name: 'Check answer' }).click();
				await expectFeedbackWithEvidence(page, question);

				await page.reload();
				await expectFeedbackWithEvidence(page, question);
			}
		});

		test('an inline check shows the misconception behind a wrong answer, then accepts a retry', async ({
			page
		}) => {
			const lesson = lessons.find((l) =>
				l.checkIds.some((id) => {
					const type = l.questions.find((q) => q.id === id)?.type;
					return type === 'single-choice' || type === 'true-false';
				})
			);
			const question = lesson?.questions.find(
				(q) =>
					lesson.checkIds.includes(q.id) && (q.type === 'single-choice' || q.type === 'true-false')
			);
			if (!lesson || !question)
				throw new Error('no single-choice or true/false check in any lesson');

			await page.goto(`/lessons/${lesson.slug}`);
			const section = page.locator(`#question-${question.id}`);
			const misconception = await answerWrongly(section, question);
			await section.getByRole('button', { name: 'Check answer' }).click();
			await expect(section.getByRole('heading', { name: 'Not quite' })).toBeVisible();
			if (misconception) await expect(section.getByText(misconception)).toBeVisible();

			await answerCorrectly(section, question);
			await section.getByRole('button', { name: 'Check again' }).click();
			await expect(section.getByRole('heading', { name: 'Correct' })).toBeVisible();
		});

		test('an answer chosen before the page finishes loading is kept when it comes alive', async ({
			page
		}) => {
			const lesson = lessons.find((l) =>
				l.checkIds.some((id) => l.questions.find((q) => q.id === id)?.type === 'single-choice')
			);
			const question = lesson?.questions.find(
				(q) => lesson.checkIds.includes(q.id) && q.type === 'single-choice'
			);
			if (!lesson || !question) throw new Error('no single-choice check in any lesson');

			const release = await holdBackAppScripts(page);
			await page.goto(`/lessons/${lesson.slug}`, { waitUntil: 'domcontentloaded' });
			const section = page.locator(`#question-${question.id}`);
			const misconception = await answerWrongly(section, question);
			release();
			await page.waitForLoadState('networkidle');

			await section.getByRole('button', { name: 'Check answer' }).click();
			await expect(section.getByRole('heading', { name: 'Not quite' })).toBeVisible();
			if (misconception) await expect(section.getByText(misconception)).toBeVisible();
		});

		test('quiz behaviour: an incomplete quiz is refused with answers kept; a full one is scored once and reviewable', async ({
			page,
			context,
			baseURL
		}) => {
			test.setTimeout(90_000);
			await signInContext(context, baseURL!, 'student');
			const lesson = studyLessons[0]!;
			const questions = lesson.questions.filter((q) => lesson.quizIds.includes(q.id));
			const first = questions[0]!;
			const responsesBefore = await countRows('responses');

			await page.goto(`/lessons/${lesson.slug}/quiz?mode=quiz`);
			await expect(page.getByText('Why:')).toHaveCount(0);
			await answerCorrectly(page.locator(`#question-${first.id}`), first);
			await page.getByRole('button', { name: 'Submit the quiz' }).click();
			await expect(page.getByRole('alert')).toContainText('need an answer before you submit');
			expect(await countRows('responses')).toBe(responsesBefore);

			for (const question of questions)
				await answerCorrectly(page.locator(`#question-${question.id}`), question);
			await page.getByRole('button', { name: 'Submit the quiz' }).click();
			await expect(page).toHaveURL(new RegExp(`/lessons/${lesson.slug}/quiz/attempts/`));
			const scored = questions.filter((q) => q.type !== 'written').length;
			await expect(
				page.getByText(`${scored.toFixed(1)} of ${questions.length} points`)
			).toBeVisible();
			expect(await countRows('responses')).toBe(responsesBefore + questions.length);

			const reviewUrl = page.url();
			await page.reload();
			await expect(page.getByRole('heading', { name: 'Correct' })).toHaveCount(scored);

			// another student cannot open it
			await context.clearCookies();
			await signInContext(context, baseURL!, 'student');
			const response = await page.goto(reviewUrl);
			expect(response?.status()).toBe(404);
		});
	});
}

test('a visitor gets feedback without an account, kept in a guest record', async ({
	page,
	context
}) => {
	const { question, lessonSlug } = sampleByType.get('single-choice')!;
	const before = await countRows('responses');
	await page.goto(`/lessons/${lessonSlug}/quiz?mode=practice`);
	const section = page.locator(`#question-${question.id}`);
	await answerCorrectly(section, question);
	await section.getByRole('button', { name: 'Check answer' }).click();
	await expect(section.getByRole('heading', { name: 'Correct' })).toBeVisible();
	expect(await countRows('responses')).toBe(before + 1);
	expect((await context.cookies()).some((c) => c.name === 'evidencia_session')).toBe(true);
	await page.reload();
	await expect(section.getByRole('heading', { name: 'Correct' })).toBeVisible();
});

test.describe('malformed answers get a clear 400 and store nothing', () => {
	const lesson = studyLessons[0]!;
	const choice = lesson.questions.find((q) => q.type === 'single-choice')!;
	const cases: [string, Record<string, string>, RegExp][] = [
		[
			'an unknown question id',
			{ questionId: 'no-such-question', 'no-such-question': 'a' },
			/not part of this lesson/
		],
		[
			'an option that does not exist',
			{ questionId: choice.id, [choice.id]: 'zz' },
			/not part of this question/
		],
		['no answer at all', { questionId: choice.id }, /Choose an answer/],
		[
			'a 1 MB answer',
			{ questionId: choice.id, [choice.id]: 'x'.repeat(1024 * 1024) },
			/Choose one option/
		],
		[
			'the wrong shape (an ordering answer for a choice question)',
			{ questionId: choice.id, [`${choice.id}.a`]: '1' },
			/Choose an answer/
		]
	];
	for (const [name, form, message] of cases) {
		test(name, async ({ context, baseURL }) => {
			await signInContext(context, baseURL!, 'student');
			const before = await countRows('responses');
			const response = await context.request.post(`/lessons/${lesson.slug}?/answer`, {
				form,
				headers: { origin: baseURL! }
			});
			expect(response.status()).toBe(400);
			expect(await response.text()).toMatch(message);
			expect(await countRows('responses')).toBe(before);
		});
	}

	test('a quiz submission for a lesson that does not exist', async ({ context, baseURL }) => {
		const response = await context.request.post('/lessons/no-such-lesson/quiz?/submit', {
			form: {},
			headers: { origin: baseURL! }
		});
		expect(response.status()).toBe(404);
	});
});

test('the source reader numbers paragraphs, highlights the linked one and marks what is not article text', async ({
	page
}) => {
	await page.goto('/sources/truthout-2014#p07');
	expect(await page.evaluate(() => document.querySelector(':target')?.id)).toBe('p07');
	await expect(page.locator('#p07')).toContainText('flat-out kill mission');
	await expect(page.getByRole('complementary', { name: 'Pull quote pq1' })).toContainText(
		'not article text'
	);
	await expect(page.getByRole('complementary', { name: 'Site chrome x02' })).toContainText(
		'not article text'
	);
	await expect(page.getByText('Published by')).toBeVisible();
	const source = content.sources.get('truthout-2014')!;
	expect(await page.locator('.source-paragraph').count()).toBe(source.paragraphs.size);
});
