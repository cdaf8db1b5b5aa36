import { expect, test, type Page } from '@playwright/test';
import { quizQuestions } from '../src/lib/server/quiz/answers';
import { answerCorrectly } from './fixtures/answer';
import { quizLesson } from './fixtures/classes';
import { fingerprint, lessons, secretsOf, spanishContent } from './fixtures/content';
import { classWithAssignedQuiz, signIn } from './fixtures/quiz-policy';

/** Every text body the browser receives (HTML, data payloads, every JavaScript chunk), as one fingerprint. */
function recordDownloads(page: Page) {
	const bodies: Promise<string>[] = [];
	const urls: string[] = [];
	page.on('response', (response) => {
		const type = response.headers()['content-type'] ?? '';
		if (!/html|javascript|json|text/.test(type)) return;
		urls.push(response.url());
		bodies.push(response.text().catch(() => ''));
	});
	return {
		urls,
		fingerprint: async () => fingerprint((await Promise.all(bodies)).join('\n'))
	};
}

for (const lesson of lessons) {
	test(`no answer key, feedback or explanation reaches the browser before submitting: ${lesson.slug}`, async ({
		page
	}) => {
		const downloads = recordDownloads(page);
		// arrive by client-side navigation as well, so the __data.json payloads are fetched too
		await page.goto('/lessons');
		await page.getByRole('link', { name: lesson.title }).click();
		await expect(page.getByRole('heading', { level: 1, name: lesson.title })).toBeVisible();
		// "Start here" has only checks in its prose, no end-of-lesson quiz
		if (lesson.quizIds.length > 0) {
			await page.getByRole('link', { name: /Practice: feedback after each question/ }).click();
			await expect(page).toHaveURL(/mode=practice/);
			await page.getByRole('link', { name: /Quiz: answer everything, submit once/ }).click();
			await expect(page).toHaveURL(/mode=quiz/);
		}
		await page.goto(`/lessons/${lesson.slug}`);
		if (lesson.quizIds.length > 0) await page.goto(`/lessons/${lesson.slug}/quiz?mode=quiz`);

		expect(downloads.urls.some((url) => url.includes('__data.json'))).toBe(true);
		expect(downloads.urls.some((url) => url.endsWith('.js'))).toBe(true);
		const received = await downloads.fingerprint();
		const secrets = lesson.questions.flatMap((question) =>
			secretsOf(question)
				.filter((secret) => fingerprint(secret).length >= 20)
				.map((secret) => ({ questionId: question.id, secret }))
		);
		const leaks = secrets
			.filter(({ secret }) => received.includes(fingerprint(secret)))
			.map(({ questionId, secret }) => `${questionId}: ${secret.slice(0, 60)}`);
		expect(secrets.length).toBeGreaterThan(lesson.questions.length);
		expect(leaks).toEqual([]);
		// the fingerprints do match text that is on these pages, so a leaked secret would be found
		expect(received).toContain(fingerprint(lesson.title));
	});
}

// the same pages in Spanish: neither language's keys, feedback or explanations before submitting
for (const lesson of lessons) {
	const spanish = spanishContent.lessons.get(lesson.slug)!;
	test(`no answer key in either language reaches the browser on the Spanish pages: ${lesson.slug}`, async ({
		page
	}) => {
		const downloads = recordDownloads(page);
		await page.goto('/es/lessons');
		await expect(page.locator('html')).toHaveAttribute('lang', 'es');
		await page.getByRole('link', { name: spanish.title }).click();
		await expect(page).toHaveURL(new RegExp(`/es/lessons/${lesson.slug}$`));
		await expect(page.getByRole('heading', { level: 1, name: spanish.title })).toBeVisible();
		if (lesson.quizIds.length > 0) {
			await page.locator('a[href*="mode=practice"]').first().click();
			await expect(page).toHaveURL(/\/es\/lessons\/.*mode=practice/);
			await page.locator('a[href*="mode=quiz"]').first().click();
			await expect(page).toHaveURL(/\/es\/lessons\/.*mode=quiz/);
		}
		await page.goto(`/es/lessons/${lesson.slug}`);
		if (lesson.quizIds.length > 0) await page.goto(`/es/lessons/${lesson.slug}/quiz?mode=quiz`);

		expect(downloads.urls.some((url) => url.includes('__data.json'))).toBe(true);
		const received = await downloads.fingerprint();
		const secrets = [...lesson.questions, ...spanish.questions].flatMap((question) =>
			secretsOf(question)
				.filter((secret) => fingerprint(secret).length >= 20)
				.map((secret) => ({ questionId: question.id, secret }))
		);
		const leaks = secrets
			.filter(({ secret }) => received.includes(fingerprint(secret)))
			.map(({ questionId, secret }) => `${questionId}: ${secret.slice(0, 60)}`);
		// the Spanish secrets are really Spanish: not one of them is the English text left in place
		const englishSecrets = new Set(lesson.questions.flatMap(secretsOf));
		expect(spanish.questions.flatMap(secretsOf).filter((s) => englishSecrets.has(s))).toEqual([]);
		expect(leaks).toEqual([]);
		// the control: the Spanish prompts are on these pages, so a leaked Spanish secret would be found
		expect(received).toContain(fingerprint(spanish.title));
		const prompts = spanish.questions.map((question) => fingerprint(question.prompt));
		expect(prompts.some((prompt) => received.includes(prompt))).toBe(true);
	});
}

test('no answer key reaches the browser from an assigned quiz’s card, its open attempt, or the review page and its __data.json before the answers are released', async ({
	browser,
	baseURL
}) => {
	const teacher = await browser.newContext({ baseURL });
	const { student } = await classWithAssignedQuiz(await teacher.newPage(), baseURL!, {
		answersShown: 'on-release'
	});
	await teacher.close();
	const context = await browser.newContext({ baseURL });
	await signIn(context, baseURL!, student);
	const page = await context.newPage();
	const downloads = recordDownloads(page);

	// by client-side navigation, so each page's __data.json is fetched as well as its HTML
	await page.goto('/lessons');
	await page.getByRole('link', { name: quizLesson.title }).click();
	await page.getByRole('link', { name: /Practice: feedback after each question/ }).click();
	await expect(page.getByRole('heading', { name: 'Practice is closed for now' })).toBeVisible();
	await page.getByRole('link', { name: /Quiz: answer everything, submit once/ }).click();
	await page.getByRole('button', { name: 'Start the quiz' }).click();
	const questions = quizQuestions(quizLesson);
	for (const question of questions)
		await answerCorrectly(page.locator(`#question-${question.id}`), question);
	await page.getByRole('button', { name: 'Submit the quiz' }).click();
	await expect(page.getByRole('heading', { level: 1, name: /^Quiz review/ })).toBeVisible();
	await expect(
		page.getByText('Answers and explanations are shown when your teacher releases them.')
	).toBeVisible();
	await page.reload();

	expect(
		downloads.urls.filter((url) => /\/quiz\/attempts\/[^/]+\/__data\.json/.test(url))
	).not.toEqual([]);
	expect(downloads.urls.some((url) => /\/quiz\/__data\.json/.test(url))).toBe(true);
	const received = await downloads.fingerprint();
	const leaks = questions.flatMap((question) =>
		secretsOf(question)
			.filter(
				(secret) => fingerprint(secret).length >= 20 && received.includes(fingerprint(secret))
			)
			.map((secret) => `${question.id}: ${secret.slice(0, 60)}`)
	);
	expect(leaks).toEqual([]);
	// the control: what the student wrote is there, so a leaked key would be found as well
	expect(received).toContain(
		fingerprint('The article is from Truthout, an outlet funded by readers')
	);
	await context.close();
});
