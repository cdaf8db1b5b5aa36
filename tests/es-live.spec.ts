import { expect, test, type Browser, type Page } from '@playwright/test';
import { axeViolations } from './fixtures/axe';
import { sessionCookieName } from '../src/lib/server/auth/session';
import { buildContent } from '../src/lib/server/content/build';
import { readContentFiles } from '../src/lib/server/content/content-files';
import { translatedContent } from '../src/lib/server/content/localize';
import { accountWithCookie, liveQuestions, sessionFor } from './fixtures/live';

// Each phone in its player's language, the projector in the teacher's: one live session with a Spanish
// phone (joined at /es/live/CODE) and an English one (/live/CODE) answering the same question.

const spanish = (() => {
	const built = buildContent(readContentFiles());
	return translatedContent(built.content, built.translations);
})();

/** Screenshots for the eye (not compared): 390 and 1280 px wide, light and dark, then back to the phone. */
async function shots(page: Page, name: string) {
	for (const width of [390, 1280]) {
		await page.setViewportSize({ width, height: width === 390 ? 844 : 800 });
		for (const colorScheme of ['light', 'dark'] as const) {
			await page.emulateMedia({ colorScheme });
			await page.screenshot({ path: `/tmp/shots-live/${name}-${width}-${colorScheme}.png` });
		}
	}
	await page.setViewportSize({ width: 390, height: 844 });
	await page.emulateMedia({ colorScheme: 'light' });
}

async function phone(browser: Browser, baseURL: string) {
	const context = await browser.newContext({ baseURL, viewport: { width: 390, height: 844 } });
	return context.newPage();
}

/** Joins from the page in its language and waits for the stream to open. */
async function join(page: Page, path: string, label: string, nickname: string, button: string) {
	await page.goto(path);
	await page.getByLabel(label).fill(nickname);
	const alive = page.waitForRequest(/\/events$/);
	await page.getByRole('button', { name: button, exact: true }).click();
	await alive;
}

test('a Spanish and an English phone in one session, the projector in English', async ({
	browser,
	baseURL
}) => {
	const teacher = await accountWithCookie('teacher', 'es-live');
	const session = await sessionFor(teacher.id);
	const first = liveQuestions[0]!;
	const spanishFirst = spanish.questions.get(first.id)!.question;
	expect(spanishFirst.prompt).not.toBe(first.prompt);

	const projectorContext = await browser.newContext({
		baseURL,
		viewport: { width: 1280, height: 720 }
	});
	await projectorContext.addCookies([
		{ name: sessionCookieName, value: teacher.token, url: baseURL! }
	]);
	const projector = await projectorContext.newPage();
	await projector.goto(`/live/host/${session.id}/projector`);
	await expect(projector.locator('html')).toHaveAttribute('lang', 'en');

	const ana = await phone(browser, baseURL!);
	await ana.goto(`/es/live/${session.code}`);
	await shots(ana, 'join');
	await join(ana, `/es/live/${session.code}`, 'Apodo', 'Ana', 'Unirme');
	await expect(ana.locator('html')).toHaveAttribute('lang', 'es');
	await expect(
		ana.getByRole('heading', { name: 'Esperando a que tu docente empiece' })
	).toBeVisible();
	expect(await axeViolations(ana)).toEqual([]);
	await shots(ana, 'lobby');

	const bo = await phone(browser, baseURL!);
	await join(bo, `/live/${session.code}`, 'Nickname', 'Bo', 'Join');
	await expect(bo.locator('html')).toHaveAttribute('lang', 'en');
	await expect(
		bo.getByRole('heading', { name: 'Waiting for your teacher to start' })
	).toBeVisible();

	// the teacher runs the session from the projector, as in class
	await projector.getByRole('button', { name: /^Start the first question/ }).click();
	await expect(ana.getByRole('heading', { name: /^Pregunta 1 de \d+$/ })).toBeVisible();
	await expect(ana.getByText(spanishFirst.prompt, { exact: true })).toBeVisible();
	await expect(bo.getByRole('heading', { name: /^Question 1 of \d+$/ })).toBeVisible();
	await expect(bo.getByText(first.prompt, { exact: true })).toBeVisible();
	await expect(projector.getByText(first.prompt, { exact: true })).toBeVisible();
	await expect(projector.getByText(spanishFirst.prompt, { exact: true })).toHaveCount(0);
	expect(await axeViolations(ana)).toEqual([]);
	await shots(ana, 'question');

	// the right tile has the same letter in both languages: the keys are the same
	const rightIndex =
		first.type === 'true-false'
			? first.answer
				? 0
				: 1
			: first.type === 'single-choice'
				? first.options.findIndex((option) => option.id === first.answer)
				: -1;
	expect(rightIndex).toBeGreaterThanOrEqual(0);
	const letter = String.fromCharCode(65 + rightIndex);
	for (const page of [ana, bo]) {
		await page.getByRole('button', { name: new RegExp(`^${letter}: `) }).click();
	}
	await expect(ana.getByRole('status')).toHaveText('Respuesta recibida');
	await expect(bo.getByRole('status')).toHaveText('Answer received');

	await projector.getByRole('button', { name: /^Reveal the answer/ }).click();
	await expect(ana.getByRole('heading', { name: 'Correcto' })).toBeVisible();
	await expect(bo.getByRole('heading', { name: 'Right', exact: true })).toBeVisible();
	await expect(ana.getByText(spanishFirst.explanation)).toBeVisible();
	// the same answer at about the same moment: the same points (accuracy scoring)
	const anaPoints = (await ana.locator('.earned').textContent())?.match(/\d+/)?.[0];
	const boPoints = (await bo.locator('.earned').textContent())?.match(/\d+/)?.[0];
	expect(anaPoints).toBeTruthy();
	expect(anaPoints).toBe(boPoints);
	await expect(projector.getByText(first.prompt).first()).toBeVisible();
	expect(await axeViolations(ana)).toEqual([]);
	await shots(ana, 'reveal');

	await Promise.all([ana, bo, projector].map((page) => page.context().close()));
});
