import { compile } from 'mdsvex';
import { describe, expect, it } from 'vitest';
import { rehypeSectionIds, sectionId } from '../../content/section-ids.js';
import { buildContent } from './build';
import { readContentFiles } from './content-files';

const files = readContentFiles();
const { content } = buildContent(files);

async function headingIds(markdown: string, filename?: string): Promise<string[]> {
	const compiled = await compile(markdown, {
		rehypePlugins: [rehypeSectionIds],
		extensions: ['.md'],
		filename
	});
	return [...(compiled?.code ?? '').matchAll(/<h2\s+id="([^"]*)"\s*>/g)].map(
		(match) => match[1] ?? ''
	);
}

describe('section ids', () => {
	it('slugs a heading the same way whatever its accents, quotes and punctuation', () => {
		expect(sectionId('From “Ya me cansé” to “Fue el Estado”')).toBe(
			'from-ya-me-canse-to-fue-el-estado'
		);
		expect(sectionId('Aid or sales? Reading p12 closely')).toBe('aid-or-sales-reading-p12-closely');
	});

	it('gives every lesson h2 the id the server stores progress under, in the same order', async () => {
		for (const lesson of files.lessons) {
			const slug = lesson.folder.replace(/^\d+-/, '');
			const sections = content.lessons.get(slug)?.sections.map((s) => s.id);
			expect(sections?.length, slug).toBeGreaterThan(0);
			expect(await headingIds(lesson.index.text), slug).toEqual(sections);
		}
	});

	it('gives a Spanish lesson’s h2s the English ids, section by section, so progress is one record', async () => {
		for (const lesson of files.lessons) {
			const slug = lesson.folder.replace(/^\d+-/, '');
			const spanish = lesson.spanish?.index;
			expect(spanish, slug).toBeDefined();
			const ids = await headingIds(spanish?.text ?? '', `lessons/${lesson.folder}/index.es.md`);
			expect(ids, slug).toEqual(content.lessons.get(slug)?.sections.map((s) => s.id));
			// the Spanish headings themselves would slug differently: the ids really come from the English
			expect(await headingIds(spanish?.text ?? ''), slug).not.toEqual(ids);
		}
	});

	it('keeps an id a heading already has', async () => {
		const compiled = await compile('<h2 id="kept">Kept</h2>\n\n## New one\n', {
			rehypePlugins: [rehypeSectionIds]
		});
		expect(compiled?.code).toContain('<h2 id="new-one">');
	});
});
