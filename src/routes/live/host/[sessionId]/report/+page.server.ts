import { error } from '@sveltejs/kit';
import { m } from '$lib/i18n';
import { showDate } from '$lib/dates';
import { findClass } from '$lib/server/classes/classes';
import { getContent } from '$lib/server/content';
import { getDatabase } from '$lib/server/db';
import { requireOwnLiveSession } from '$lib/server/live/pages';
import { sessionReport } from '$lib/server/live/report';
import { readerTimeZone } from '$lib/server/time-zones';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const db = await getDatabase();
	const { teacher, session } = await requireOwnLiveSession(event, db);
	const report = await sessionReport(db, getContent(), session.id);
	if (!report) error(404, m.live_err_no_such_session());
	// a class's session in the class's zone; one without a class in the teacher's
	const playedIn = session.classId ? await findClass(db, session.classId) : null;
	const zone = playedIn?.timeZone ?? (await readerTimeZone(db, teacher));
	const when = (date: Date) => showDate(date, zone, 'dateTime');
	return {
		sessionId: session.id,
		title: report.session.title,
		code: report.session.code,
		phase: report.session.phase,
		scoring: report.session.scoring,
		created: when(report.session.createdAt),
		ended: report.session.endedAt ? when(report.session.endedAt) : null,
		questions: report.questions,
		players: report.players
	};
};
