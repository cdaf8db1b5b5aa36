import { flushSync, mount, unmount } from 'svelte';
import { afterEach, describe, expect, it } from 'vitest';
import { baseLocale, overwriteGetLocale } from '$lib/paraglide/runtime';
import Dashboard from './+page.svelte';

// The class dashboard offers its grades and responses CSVs in English and in Spanish, as the questions
// page does, whatever the page's own language; the links stay on the page's language path.

const mounted: Record<string, unknown>[] = [];
afterEach(() => {
	for (const component of mounted.splice(0)) unmount(component);
	document.body.replaceChildren();
	overwriteGetLocale(() => baseLocale);
});

const data = {
	classInfo: {
		id: 'c1',
		name: 'Period 3',
		joinCode: 'ABCD-EFGH',
		archived: false,
		defaultLocale: 'en' as const
	},
	columns: [],
	rows: [
		{
			student: { id: 's1', displayName: 'Ana', username: 'ana-1234' },
			cells: [],
			live: null,
			lessonsComplete: 0,
			meanScore: null
		}
	],
	mostMissed: [],
	sort: 'name',
	dir: 'asc'
};

function csvLinks() {
	const holder = document.createElement('div');
	document.body.append(holder);
	// the page's data is wider than this; the export section reads only these fields
	mounted.push(
		mount(Dashboard, { target: holder, props: { data, params: { classId: 'c1' } } as never })
	);
	flushSync();
	return [...holder.querySelectorAll<HTMLAnchorElement>('a[download]')].map((a) => ({
		href: a.getAttribute('href'),
		lang: a.hreflang,
		text: a.textContent?.trim()
	}));
}

describe('the class dashboard’s CSV links', () => {
	it('offers each CSV in English and Spanish on the English page', () => {
		expect(csvLinks()).toEqual([
			{ href: '/classes/c1/export/grades.csv?lang=en', lang: 'en', text: 'CSV (English)' },
			{ href: '/classes/c1/export/grades.csv?lang=es', lang: 'es', text: 'CSV (español)' },
			{ href: '/classes/c1/export/responses.csv?lang=en', lang: 'en', text: 'CSV (English)' },
			{ href: '/classes/c1/export/responses.csv?lang=es', lang: 'es', text: 'CSV (español)' }
		]);
		expect(document.body.textContent).toContain('Download grades (CSV):');
	});

	it('offers both on the Spanish page too, under /es', () => {
		overwriteGetLocale(() => 'es');
		const links = csvLinks();
		expect(links.map((link) => link.href)).toEqual([
			'/es/classes/c1/export/grades.csv?lang=en',
			'/es/classes/c1/export/grades.csv?lang=es',
			'/es/classes/c1/export/responses.csv?lang=en',
			'/es/classes/c1/export/responses.csv?lang=es'
		]);
		expect(document.body.textContent).toContain('Descargar calificaciones (CSV):');
		// the scope under the grid is the grading area's message, shared with the grading and questions pages
		expect(document.body.textContent).toContain(
			'Aquí solo cuenta el trabajo hecho para esta clase: las respuestas dadas para sus tareas asignadas'
		);
	});
});
