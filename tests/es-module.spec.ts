import { expect, test } from '@playwright/test';
import { axeViolations } from './fixtures/axe';
import { buildContent } from '../src/lib/server/content/build';
import { readContentFiles } from '../src/lib/server/content/content-files';
import { translatedContent } from '../src/lib/server/content/localize';
import { signInContext } from './fixtures/db';

// The module page, the timeline and the teacher guide under /es/ show lessons/module.es.yaml.
const built = buildContent(readContentFiles());
const english = built.content.module!;
const spanish = translatedContent(built.content, built.translations).module!;

test('the module page and the timeline are in Spanish under /es/, with the same events', async ({
	page
}) => {
	await page.goto('/es/lessons');
	await expect(page.locator('html')).toHaveAttribute('lang', 'es');
	await expect(page.getByText(spanish.compellingQuestion)).toBeVisible();
	await expect(page.getByText(english.compellingQuestion)).toHaveCount(0);
	await expect(page.getByText(spanish.outcomes[0]!)).toBeVisible();
	expect(await axeViolations(page)).toEqual([]);

	await page.goto('/es/timeline');
	await expect(page.locator('html')).toHaveAttribute('lang', 'es');
	const events = page.locator('.timeline-event');
	await expect(events).toHaveCount(spanish.timeline.length);
	await expect(events.first()).toContainText(spanish.timeline[0]!.label);
	await expect(events.last()).toContainText(spanish.timeline.at(-1)!.label);
	expect(await axeViolations(page)).toEqual([]);
});

test('the teacher guide is in Spanish under /es/', async ({ browser, baseURL }) => {
	const context = await browser.newContext({ baseURL });
	await signInContext(context, baseURL!, 'teacher');
	const page = await context.newPage();
	await page.goto('/es/teacher-guide');
	await expect(page.locator('html')).toHaveAttribute('lang', 'es');
	await expect(page.getByText(spanish.teacherGuide.overview)).toBeVisible();
	const notes = spanish.teacherGuide.lessons.find((l) => l.slug === 'after-2014')!;
	await expect(page.getByText(notes.teachingNotes[0]!)).toBeVisible();
	await expect(page.getByText(english.teacherGuide.overview)).toHaveCount(0);
	await context.close();
});
