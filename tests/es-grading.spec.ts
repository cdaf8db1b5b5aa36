import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { sessionCookieName } from '../src/lib/server/auth/session';
import { createClassWorld } from './fixtures/classes';

// The teacher's assignments, grading and question statistics in Spanish (/es/…): assigning with a due
// date works without JavaScript and confirms in Spanish; the pages say lang="es" and axe finds nothing.

let world: Awaited<ReturnType<typeof createClassWorld>>;
test.beforeAll(async () => {
	world = await createClassWorld();
});

async function signIn(page: Page, baseURL: string | undefined) {
	await page
		.context()
		.addCookies([{ name: sessionCookieName, value: world.teacher.token, url: baseURL! }]);
}

async function expectAxeClean(page: Page) {
	const results = await new AxeBuilder({ page })
		.withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'])
		.setLegacyMode()
		.options({ resultTypes: ['violations'] })
		.analyze();
	expect(
		results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(', ')}`)
	).toEqual([]);
}

test.describe('without JavaScript', () => {
	test.use({ javaScriptEnabled: false });

	test('assigns the whole module with a due date and confirms in Spanish', async ({
		page,
		baseURL
	}) => {
		await signIn(page, baseURL);
		await page.goto(`/es/classes/${world.ownClass.id}/assignments`);
		await expect(page.locator('html')).toHaveAttribute('lang', 'es');
		await expect(page).toHaveTitle(/^Tareas asignadas · /);
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('Tareas asignadas');

		await page.getByLabel('Qué asignar').selectOption('module');
		await page.getByRole('radio', { name: /^Práctica:/ }).check();
		await page.getByLabel('Fecha de entrega', { exact: true }).fill('2030-05-14');
		await page.getByLabel('Hora de entrega').fill('15:30');
		await page.getByRole('button', { name: 'Asignar', exact: true }).click();

		await expect(page.getByRole('status')).toContainText('está asignada a la clase.');
		await expect(page).toHaveURL(new RegExp(`/es/classes/${world.ownClass.id}/assignments`));
		const table = page.getByRole('table', { name: /^Tareas asignadas de / });
		await expect(table.getByRole('columnheader', { name: 'Cómo funciona' })).toBeVisible();
		await expect(table).toContainText('(todas las lecciones)');
		await expect(table).toContainText('Intentos ilimitados');
		await expect(page.locator('html')).toHaveAttribute('lang', 'es');
	});
});

// axe runs in the page, so it checks the assignments page with JavaScript on
test('the assignments page reads in Spanish and is axe-clean', async ({ page, baseURL }) => {
	await signIn(page, baseURL);
	await page.goto(`/es/classes/${world.ownClass.id}/assignments`);
	await expect(page.locator('html')).toHaveAttribute('lang', 'es');
	await expect(page.getByRole('heading', { name: 'Asignar lecciones' })).toBeVisible();
	await expect(page.getByRole('group', { name: 'Ajustes del cuestionario' })).toBeHidden();
	await page.getByRole('radio', { name: /^Cuestionario:/ }).check();
	await expect(page.getByRole('group', { name: 'Ajustes del cuestionario' })).toBeVisible();
	await expectAxeClean(page);
});

test('the grading page reads in Spanish', async ({ page, baseURL }) => {
	await signIn(page, baseURL);
	await page.goto(`/es/classes/${world.ownClass.id}/grading`);
	await expect(page.locator('html')).toHaveAttribute('lang', 'es');
	await expect(page).toHaveTitle(/^Calificación: /);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Calificación');
	await expect(page.getByText(/por calificar, en 1 pregunta\./)).toBeVisible();
	await expect(page.getByRole('button', { name: 'Guardar calificación' })).toBeVisible();
	await expect(
		page.getByRole('group', { name: /^Nivel de la rúbrica para la respuesta de / })
	).toBeVisible();
	await expectAxeClean(page);
});

test('the question statistics read in Spanish and offer the CSV in both languages', async ({
	page,
	baseURL
}) => {
	await signIn(page, baseURL);
	await page.goto(`/es/classes/${world.ownClass.id}/questions`);
	await expect(page.locator('html')).toHaveAttribute('lang', 'es');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Estadísticas de las preguntas');
	await expect(page.getByRole('heading', { name: 'De un vistazo' })).toBeVisible();
	const spanishCsv = page.getByRole('link', { name: 'CSV (español)' });
	await expect(spanishCsv).toHaveAttribute(
		'href',
		`/es/classes/${world.ownClass.id}/export/responses.csv?lang=es`
	);
	await expectAxeClean(page);

	const english = await page.request.get(
		(await page.getByRole('link', { name: 'CSV (English)' }).getAttribute('href'))!
	);
	const spanish = await page.request.get((await spanishCsv.getAttribute('href'))!);
	expect((await english.text()).slice(1).split(',').slice(0, 2)).toEqual(['Name', 'Username']);
	expect((await spanish.text()).slice(1).split(',').slice(0, 2)).toEqual(['Nombre', 'Usuario']);
});
