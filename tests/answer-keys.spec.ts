import { expect, test, type Page } from '@playwright/test';
import { fingerprint, lessons, secretsOf } from './fixtures/content';

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
		await page.getByRole('link', { name: /Practice: feedback after each question/ }).click();
		await expect(page).toHaveURL(/mode=practice/);
		await page.getByRole('link', { name: /Quiz: answer everything, submit once/ }).click();
		await expect(page).toHaveURL(/mode=quiz/);
		await page.goto(`/lessons/${lesson.slug}`);
		await page.goto(`/lessons/${lesson.slug}/quiz?mode=quiz`);

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
