import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { content } from './fixtures/content';
import { signInContext } from './fixtures/db';

// The module's pages in Spanish (/es/…): handouts, the notes sheet, the timeline, the glossary and the teacher
// guide show their interface words in Spanish, say lang="es", link on in Spanish, pass axe, and a Spanish
// handout still prints on as many Letter pages as the English one.

async function axeViolations(page: Page) {
	const results = await new AxeBuilder({ page })
		.withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'])
		.options({ resultTypes: ['violations'] })
		.analyze();
	return results.violations.map(
		(v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`
	);
}

/** Pages in a PDF from Chromium, which writes one uncompressed /Type /Page object for each. */
const pageCount = (pdf: Buffer) => pdf.toString('latin1').match(/\/Type\s*\/Page\b/g)?.length ?? 0;

async function expectSpanishPage(page: Page, path: string, heading: string) {
	const response = await page.goto(path);
	expect(response?.status(), path).toBe(200);
	await expect(page).toHaveURL(path);
	await expect(page.locator('html')).toHaveAttribute('lang', 'es');
	await expect(page.getByRole('heading', { level: 1, name: heading })).toBeVisible();
	expect(await axeViolations(page), path).toEqual([]);
}

test('the handouts and the notes sheet speak Spanish under /es', async ({ page }) => {
	await expectSpanishPage(page, '/es/handouts', 'Materiales para imprimir');
	await expect(page).toHaveTitle('Materiales para imprimir · Evidencia');
	await page.getByRole('link', { name: 'Hoja de notas' }).click();
	await expect(page).toHaveURL('/es/handouts/notes');

	await expectSpanishPage(page, '/es/handouts/notes', 'Sopesar las afirmaciones del artículo');
	// the same words as lesson 1's Spanish glossary (lessons/01-sourcing-the-article/glossary.es.yaml)
	for (const heading of ['¿Quién lo dice?', '¿Está comprobado?']) {
		await expect(page.getByRole('heading', { level: 2, name: heading })).toBeVisible();
		await expect(page.getByRole('columnheader', { name: heading })).toBeVisible();
	}
	const terms = await page.locator('.vocabulary dt').allTextContents();
	expect(terms).toEqual([
		'el autor',
		'una fuente identificada',
		'una fuente anónima',
		'confirmado',
		'sin verificar',
		'contradicho'
	]);
	await expect(page.locator('.handout-meta strong')).toHaveText(['opinión', 'independientes']);
	await expect(
		page.getByRole('table', { name: 'Afirmaciones del artículo, para completar' })
	).toBeVisible();
	await expect(page.getByRole('link', { name: 'Todos los materiales' })).toHaveAttribute(
		'href',
		'/es/handouts'
	);
	await expect(page.getByRole('button', { name: 'Imprimir este material' })).toBeVisible();
});

test('the Spanish notes sheet and border map each print on one Letter page', async ({ page }) => {
	for (const path of ['/es/handouts/notes', '/es/handouts/map']) {
		await page.goto(path);
		await expect(page.locator('html')).toHaveAttribute('lang', 'es');
		await expect(page.getByText('Nombre: ')).toBeVisible();
		expect(pageCount(await page.pdf({ format: 'Letter' })), path).toBe(1);
	}
	const map = page.getByRole('img', {
		name: 'Croquis de la frontera en el bajo río Bravo, sin escala'
	});
	for (const label of ['Río Bravo', 'Condado de Cameron', 'TAMAULIPAS, MÉXICO', 'Sin escala']) {
		await expect(map.locator('text', { hasText: label })).toHaveCount(1);
	}
});

test('the timeline and the glossary speak Spanish under /es', async ({ page }) => {
	await expectSpanishPage(page, '/es/timeline', 'Cronología, de 2006 a 2025');
	await expect(page.getByText('Confirmado por otras fuentes').first()).toBeVisible();
	const evidence = page.getByRole('list', { name: 'Evidencia' }).first();
	await expect(evidence).toBeVisible();
	const articleLink = page.getByRole('link', { name: /^Artículo, p\d{2}$/ }).first();
	await expect(articleLink).toHaveAttribute('href', /^\/es\/sources\/truthout-2014#p\d{2}$/);
	// a month is named in Spanish: "nov 2014", never "Nov 2014"
	const months = await page.locator('.timeline-date time').allTextContents();
	expect(
		months.some((text) =>
			/^(\d{1,2} )?(ene|feb|mar|abr|may|jun|jul|ago|sept|oct|nov|dic) \d{4}$/.test(text)
		)
	).toBe(true);
	expect(months.filter((text) => /[A-Z][a-z]{2} /.test(text))).toEqual([]);

	await expectSpanishPage(page, '/es/glossary', 'Glosario');
	const lessonLinks = page.locator('.glossary a');
	await expect(lessonLinks.first()).toHaveAttribute('href', /^\/es\/lessons\//);
	expect(await page.locator('.glossary dt').count()).toBe(content.glossary.size);
});

test('the teacher guide speaks Spanish to a teacher under /es', async ({ browser, baseURL }) => {
	const context = await browser.newContext({ baseURL });
	await signInContext(context, baseURL!, 'teacher');
	const page = await context.newPage();
	await expectSpanishPage(page, '/es/teacher-guide', 'Guía docente');
	await expect(page.getByRole('navigation', { name: 'Lecciones de esta guía' })).toBeVisible();
	await expect(page.getByRole('heading', { name: 'Clave de respuestas' })).toHaveCount(
		[...content.lessons.values()].filter((l) => l.questions.length > 0).length
	);
	await expect(page.getByRole('table', { name: 'Rúbrica' }).first()).toBeVisible();
	await expect(
		page.getByRole('link', { name: 'página de materiales para imprimir' })
	).toHaveAttribute('href', '/es/handouts');
	await context.close();
});
