import { error } from '@sveltejs/kit';
import { getContent } from '$lib/server/content';
import { getDatabase } from '$lib/server/db';
import { requireOwnLiveSession } from '$lib/server/live/pages';
import { reportCsv, sessionReport } from '$lib/server/live/report';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async (event) => {
	const db = await getDatabase();
	const { session } = await requireOwnLiveSession(event, db);
	const report = await sessionReport(db, getContent(), session.id);
	if (!report) error(404, 'There is no such review session. It may have been deleted.');
	const day = session.createdAt.toISOString().slice(0, 10);
	return new Response(reportCsv(report), {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': `attachment; filename="live-review-${session.code}-${day}.csv"`,
			// students' answers: never kept by a shared cache or the browser's disk cache
			'cache-control': 'private, no-store'
		}
	});
};
