import { requireOwnClass } from '$lib/server/classes/access';
import { exportFilename, responsesCsv } from '$lib/server/classes/exports';
import { getContent } from '$lib/server/content';
import { getDatabase } from '$lib/server/db';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async (event) => {
	const db = await getDatabase();
	const { classRow } = await requireOwnClass(event, db);
	const csv = await responsesCsv(db, getContent(), classRow.id);
	return new Response(csv, {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': `attachment; filename="${exportFilename(classRow.name, 'responses')}"`,
			// students' answers: never kept by a shared cache or the browser's disk cache
			'cache-control': 'private, no-store'
		}
	});
};
