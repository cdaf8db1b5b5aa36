import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';

// Issue #19, access and print: each printable handout passes axe on screen, and printed (Chromium's own PDF
// output, US Letter) leaves the site's header and navigation off, prints black on white, fits the paper's
// width and takes a sane number of pages. The adapted article says it is an adaptation and links every
// paragraph to the original.

const handouts = [
	{ path: '/handouts', maxPages: 1 },
	{ path: '/handouts/article', maxPages: 6 },
	{ path: '/handouts/timeline', maxPages: 4 },
	{ path: '/handouts/notes', maxPages: 1 },
	{ path: '/handouts/map', maxPages: 1 }
];

// Letter is 8.5 in wide and the print CSS leaves 0.6 in margins: 7.3 in at 96 CSS pixels an inch
const printableWidth = Math.floor(7.3 * 96);

/** Pages in a PDF from Chromium, which writes one uncompressed /Type /Page object for each. */
const pageCount = (pdf: Buffer) => pdf.toString('latin1').match(/\/Type\s*\/Page\b/g)?.length ?? 0;

async function axeViolations(page: Page) {
	const results = await new AxeBuilder({ page })
		.withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'])
		.options({ resultTypes: ['violations'] })
		.analyze();
	return results.violations.map(
		(v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`
	);
}

/** The elements whose right edge passes the page's width, as tag#id.class, in print media. */
function elementsPastTheEdge(page: Page) {
	return page.evaluate(() => {
		const width = document.documentElement.clientWidth;
		return [...document.querySelectorAll('body *')]
			.filter((element) => {
				const box = element.getBoundingClientRect();
				return box.width > 0 && box.right > width + 1;
			})
			.map((element) => `${element.tagName.toLowerCase()}#${element.id}.${element.className}`);
	});
}

for (const handout of handouts) {
	test(`${handout.path}: axe finds nothing on screen`, async ({ page }) => {
		await page.goto(handout.path);
		expect(await axeViolations(page)).toEqual([]);
	});

	test(`${handout.path} prints without the site's chrome, black on white, within the paper`, async ({
		page
	}) => {
		await page.setViewportSize({ width: printableWidth, height: 1000 });
		// the dark theme on screen must not reach the paper
		await page.emulateMedia({ media: 'print', colorScheme: 'dark' });
		await page.goto(handout.path);

		await expect(page.locator('.site-header')).toBeHidden();
		await expect(page.getByRole('navigation', { name: 'Main' })).toBeHidden();
		await expect(page.locator('.site-footer')).toBeHidden();
		await expect(page.getByRole('button', { name: 'Print this handout' })).toBeHidden();
		await expect(page.locator('h1')).toBeVisible();
		const colours = await page.evaluate(() => {
			const style = getComputedStyle(document.body);
			return [style.color, style.backgroundColor];
		});
		expect(colours).toEqual(['rgb(0, 0, 0)', 'rgb(255, 255, 255)']);
		const scroll = await page.evaluate(() => [
			document.documentElement.scrollWidth,
			document.documentElement.clientWidth
		]);
		expect(scroll[0], 'the printed page scrolls sideways').toBeLessThanOrEqual(scroll[1] ?? 0);
		expect(await elementsPastTheEdge(page)).toEqual([]);
	});

	test(`${handout.path}: Chromium's PDF takes at most ${handout.maxPages} Letter page(s)`, async ({
		page
	}) => {
		await page.goto(handout.path);
		const pdf = await page.pdf({ format: 'Letter' });
		const pages = pageCount(pdf);
		expect(pages).toBeGreaterThanOrEqual(1);
		expect(pages).toBeLessThanOrEqual(handout.maxPages);
	});
}

test('the page counter counts a PDF’s pages (positive control: the adapted article runs long)', async ({
	page
}) => {
	await page.goto('/sources/truthout-2014/adapted');
	expect(pageCount(await page.pdf({ format: 'Letter' }))).toBeGreaterThan(6);
});

test('the numbered article handout has p01 to p35 and nothing that is not article text', async ({
	page
}) => {
	await page.goto('/handouts/article');
	const ids = await page
		.locator('.numbered-article > li')
		.evaluateAll((items) => items.map((item) => item.id));
	expect(ids).toEqual(Array.from({ length: 35 }, (_, i) => `p${String(i + 1).padStart(2, '0')}`));
	await expect(page.getByText('A critical message, before you scroll away')).toHaveCount(0);
});

test('the border map names both city pairs, both counties, the river and the state, and says it is not to scale', async ({
	page
}) => {
	await page.goto('/handouts/map');
	const map = page.getByRole('img', { name: /Sketch map of the lower Rio Grande border/ });
	await expect(map).toBeVisible();
	for (const place of [
		'Matamoros',
		'Brownsville',
		'Reynosa',
		'McAllen, Pharr',
		'Cameron County',
		'Hidalgo County',
		'Rio Grande',
		'TAMAULIPAS, MEXICO',
		'Not to scale'
	]) {
		await expect(map.locator('text', { hasText: place })).toHaveCount(1);
	}
});

test('the adapted article says it is not the original and links each paragraph to the original', async ({
	page
}) => {
	await page.goto('/sources/truthout-2014');
	await page.getByRole('link', { name: 'Read an adapted version' }).click();
	await expect(page).toHaveURL('/sources/truthout-2014/adapted');
	await expect(
		page.getByText('Adapted for easier reading — not the original; quote the original')
	).toBeVisible();
	const originals = page.getByRole('link', { name: /^Original paragraph p\d{2}$/ });
	await expect(originals).toHaveCount(35);
	await expect(originals.first()).toHaveAttribute('href', '/sources/truthout-2014#p01');
	await originals.nth(21).click();
	await expect(page).toHaveURL('/sources/truthout-2014#p22');
	await expect(page.locator('#p22')).toContainText('Grupo Hercules');
});
