import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { sessionCookieName } from '../src/lib/server/auth/session';
import { createClassWorld, quizLesson, type Person } from './fixtures/classes';

// The drill-down (one student's work on one lesson) at /es/…, as the class's teacher: Spanish words,
// <html lang="es">, axe-clean with scripts on; and the comment form answering in Spanish with them off.

type World = Awaited<ReturnType<typeof createClassWorld>>;

async function pageAs(browser: Browser, baseURL: string, who: Person, javaScriptEnabled = true) {
	const context = await browser.newContext({ baseURL, javaScriptEnabled });
	await context.addCookies([{ name: sessionCookieName, value: who.token, url: baseURL }]);
	return { context, page: await context.newPage() };
}

const drillDownUrl = (w: World) =>
	`/es/classes/${w.ownClass.id}/students/${w.student.id}/lessons/${quizLesson.slug}`;

async function expectNoAxeViolations(page: Page) {
	const results = await new AxeBuilder({ page })
		.withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'])
		.setLegacyMode()
		.options({ resultTypes: ['violations'] })
		.analyze();
	expect(
		results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)
	).toEqual([]);
}

test('the drill-down in Spanish: its words, lang="es", axe-clean', async ({ browser, baseURL }) => {
	const w = await createClassWorld();
	const { context, page } = await pageAs(browser, baseURL!, w.teacher);
	await page.goto(drillDownUrl(w));
	await expect(page.locator('html')).toHaveAttribute('lang', 'es');
	await expect(page).toHaveTitle(
		`${w.student.displayName} · Lección ${quizLesson.number} · ${w.ownClass.name} · Evidencia`
	);
	await expect(page.getByRole('link', { name: '← Volver al panel' })).toHaveAttribute(
		'href',
		`/es/classes/${w.ownClass.id}`
	);
	await expect(page.getByRole('heading', { name: 'Asignado', exact: true })).toBeVisible();
	const attempt = page.getByRole('article', { name: /^Intento de cuestionario 1/ });
	await expect(attempt).toContainText('Cuenta en el registro de calificaciones');
	await expect(attempt).toContainText('1 respuesta escrita por calificar');
	await expect(page.getByText('1 de 1 usados')).toBeVisible();
	await expect(page.getByRole('button', { name: /^Conceder un intento más en «/ })).toBeVisible();
	await expect(page.getByRole('button', { name: 'Enviar el comentario' })).toBeVisible();
	await expect(
		attempt.getByText(/^Respuestas del cuestionario y retroalimentación \(\d+\)$/)
	).toBeVisible();
	await expectNoAxeViolations(page);
	await context.close();
});

test.describe('without JavaScript', () => {
	test('a comment sent from the Spanish page is confirmed in Spanish', async ({
		browser,
		baseURL
	}) => {
		const w = await createClassWorld();
		const { context, page } = await pageAs(browser, baseURL!, w.teacher, false);
		await page.goto(drillDownUrl(w));
		await page.getByLabel(`Comentario para ${w.student.displayName}`).fill('¡Buen trabajo!');
		await page.getByRole('button', { name: 'Enviar el comentario' }).click();
		await expect(page.locator('html')).toHaveAttribute('lang', 'es');
		await expect(page.getByRole('status')).toHaveText(
			`Comentario enviado: ${w.student.displayName} lo ve en su página Mi aprendizaje.`
		);
		await expect(page.getByText('Sin abrir todavía')).toBeVisible();
		await context.close();
	});
});
