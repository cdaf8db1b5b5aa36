import { expect, test } from '@playwright/test';
import { axeViolations } from './fixtures/axe';

// The article and the packet in Spanish: every quote stays English (lang="en"), our translation sits beside it,
// labelled as a translation and marked lang="es"; the page itself is Spanish and axe finds nothing.

test('/es/sources/truthout-2014: each paragraph in English with its labelled Spanish translation', async ({
	page
}) => {
	await page.goto('/es/sources/truthout-2014');
	await expect(page.locator('html')).toHaveAttribute('lang', 'es');
	await expect(page).toHaveTitle(/^La fuente: US Support for Mexico’s Drug War/);
	await expect(page.getByRole('heading', { level: 1 })).toHaveAttribute('lang', 'en');
	await expect(
		page.getByText('Cita siempre el original en inglés, nunca la traducción.')
	).toBeVisible();

	const p18 = page.locator('#p18');
	await expect(p18.locator('p[lang="en"]')).toContainText(
		'The apparent massacre was allegedly orchestrated by the local mayor and his wife'
	);
	const translation = p18.locator('.source-paragraph-translation');
	await expect(translation).toHaveAttribute('lang', 'es');
	await expect(translation).toContainText('Traducción al español — cita el original en inglés');
	await expect(translation).toContainText('La aparente masacre fue supuestamente orquestada');
	await expect(page.locator('.source-paragraph-translation')).toHaveCount(35);
	await expect(page.getByRole('link', { name: 'Párrafo p01' })).toBeVisible();
	await expect(page.getByRole('link', { name: 'Lee una versión adaptada' })).toHaveAttribute(
		'href',
		'/es/sources/truthout-2014/adapted'
	);
	expect(await axeViolations(page)).toEqual([]);
});

test('/es/sources/packet: Spanish titles and summaries, excerpts in their own language', async ({
	page
}) => {
	await page.goto('/es/sources/packet');
	await expect(page.locator('html')).toHaveAttribute('lang', 'es');
	await expect(page).toHaveTitle('Paquete de documentos · Evidencia');
	await expect(
		page.getByRole('heading', { level: 1, name: 'Paquete de documentos' })
	).toBeVisible();

	const d1 = page.locator('#document-D1');
	await expect(d1.getByRole('heading', { level: 3 })).toContainText(
		'Personal del Servicio de Alguaciles'
	);
	await expect(d1).toContainText('Reportaje periodístico');
	await expect(d1.locator('.packet-document-original-title [lang="en"]')).toHaveText(
		'U.S. Marshals Service Personnel Dressed as Mexican Marines Pursue Cartel Bosses'
	);
	await expect(d1.locator('blockquote')).toHaveAttribute('lang', 'en');
	await expect(d1.locator('blockquote')).toContainText('U.S. Justice Department personnel');
	const translation = d1.locator('.packet-document-translation');
	await expect(translation).toHaveAttribute('lang', 'es');
	await expect(translation).toContainText('Traducción al español — cita el original');
	await expect(d1).toContainText('En breve (en nuestras palabras):');

	// the Navy's statement is quoted in Spanish, its own language: no translation beside it
	const d2 = page.locator('#document-D2');
	await expect(d2.locator('blockquote')).toHaveAttribute('lang', 'es');
	await expect(d2.locator('.packet-document-translation')).toHaveCount(0);
	expect(await axeViolations(page)).toEqual([]);
});

test('/es/sources/truthout-2014/adapted: the page in Spanish, the adaptation in English', async ({
	page
}) => {
	await page.goto('/es/sources/truthout-2014/adapted');
	await expect(page.locator('html')).toHaveAttribute('lang', 'es');
	await expect(page.getByText('La adaptación está en inglés, como el original')).toBeVisible();
	await expect(page.getByRole('heading', { level: 1 })).toHaveAttribute('lang', 'en');
	expect(await axeViolations(page)).toEqual([]);
});
