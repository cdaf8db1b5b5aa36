import { error } from '@sveltejs/kit';
import { getContent } from '$lib/server/content';
import { getDatabase } from '$lib/server/db';
import { requireOwnLiveSession } from '$lib/server/live/pages';
import { sessionReport } from '$lib/server/live/report';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const db = await getDatabase();
	const { session } = await requireOwnLiveSession(event, db);
	const report = await sessionReport(db, getContent(), session.id);
	if (!report) error(404, 'There is no such review session. It may have been deleted.');
	const when = (date: Date) =>
		date.toLocaleString('en-US', { dateStyle: 'medium', timeStyle: 'short' });
	return {
		sessionId: session.id,
		title: report.session.title,
		code: report.session.code,
		phase: report.session.phase,
		scoring: report.session.scoring,
		createdAt: report.session.createdAt.toISOString(),
		created: when(report.session.createdAt),
		ended: report.session.endedAt ? when(report.session.endedAt) : null,
		questions: report.questions,
		players: report.players
	};
};
