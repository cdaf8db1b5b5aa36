import { error } from '@sveltejs/kit';
import { m } from '$lib/i18n';
import { requireOwnClass } from '$lib/server/classes/access';
import { exportFilename, exportLocale, gradesCsv } from '$lib/server/classes/exports';
import { getContent } from '$lib/server/content';
import { getDatabase } from '$lib/server/db';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async (event) => {
	const db = await getDatabase();
	const { classRow } = await requireOwnClass(event, db);
	// headers and words in cells in the page's language, or in the one ?lang= asks for
	const lang = event.url.searchParams.get('lang');
	const locale = exportLocale(lang);
	if (locale === null) error(400, m.export_bad_lang({ lang: (lang ?? '').slice(0, 20) }));
	const csv = await gradesCsv(db, getContent(locale), classRow.id, new Date(), locale);
	return new Response(csv, {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': `attachment; filename="${exportFilename(classRow.name, 'grades')}"`,
			// students’ marks: never kept by a shared cache or the browser's disk cache
			'cache-control': 'private, no-store'
		}
	});
};
