import { redirect } from '@sveltejs/kit';
import { localHref, m } from '$lib/i18n';
import { showDate } from '$lib/dates';
import { requireTeacher } from '$lib/server/auth/guards';
import { classMembersOf, findClass, teacherClasses } from '$lib/server/classes/classes';
import { getContent } from '$lib/server/content';
import { getDatabase } from '$lib/server/db';
import { formFailure, parseForm } from '$lib/server/forms';
import {
	customSecondsField,
	joinCodeForm,
	maxExtraSeconds,
	maxMissedCount,
	maxTimerSeconds,
	minTimerSeconds,
	recentLiveSessions,
	startSessionForm
} from '$lib/server/live/pages';
import { lookUpLiveCode } from '$lib/server/live/guesses';
import { liveCookieName } from '$lib/server/live/players';
import {
	createLiveSession,
	liveQuestionsOf,
	membersOnlyNeedsClass
} from '$lib/server/live/sessions';
import type { LiveOptions } from '$lib/server/live/types';
import { readForm } from '$lib/server/request';
import { readerTimeZone } from '$lib/server/time-zones';
import type { Actions, PageServerLoad } from './$types';

const isTeacher = (user: App.Locals['user']) => user?.role === 'teacher' || user?.role === 'admin';

export const load: PageServerLoad = async ({ locals, url }) => {
	const user = locals.user;
	if (!user || !isTeacher(user)) {
		return {
			audience: 'player' as const,
			code: (url.searchParams.get('code') ?? '').trim().slice(0, 20)
		};
	}
	const db = await getDatabase();
	const content = getContent();
	const classes = (await teacherClasses(db, user.id)).filter((c) => c.archivedAt === null);
	const members = await Promise.all(classes.map((c) => classMembersOf(db, c.id)));
	const zone = await readerTimeZone(db, user);
	return {
		audience: 'teacher' as const,
		lessons: content.lessonsInOrder
			.map((lesson) => ({
				slug: lesson.slug,
				title: lesson.title,
				questionCount: liveQuestionsOf(lesson.questions).length
			}))
			.filter((lesson) => lesson.questionCount > 0),
		classes: classes.map((c, i) => ({
			id: c.id,
			name: c.name,
			students: (members[i] ?? []).map((m) => ({ id: m.id, name: m.displayName }))
		})),
		recent: (await recentLiveSessions(db, user.id)).map(({ createdAt, endedAt: _, ...s }) => ({
			...s,
			created: showDate(createdAt, zone, 'dateTime')
		})),
		limits: { minTimerSeconds, maxTimerSeconds, maxExtraSeconds, maxMissedCount }
	};
};

/** Only short, plain values go back into a refused form. */
function echoStart(submitted: FormData): Record<string, string> {
	const keys = [
		'source',
		'lesson',
		'classId',
		'missedCount',
		'timer',
		'customSeconds',
		'scoring',
		'leaderboard',
		'realNames',
		'extraSeconds',
		'joinMode',
		'nicknameLanguage'
	];
	const values = Object.fromEntries(
		keys.map((key) => [key, String(submitted.get(key) ?? '').slice(0, 200)])
	);
	values.extraStudents = submitted
		.getAll('extraStudent')
		.map((v) => String(v).slice(0, 100))
		.slice(0, 200)
		.join(' ');
	return values;
}

export const actions: Actions = {
	start: async (event) => {
		const teacher = requireTeacher(event);
		const submitted = await readForm(event.request);
		const values = echoStart(submitted);
		const form = parseForm(startSessionForm, submitted);
		if (!form.ok) return formFailure(400, form.message, form.fieldErrors, values);
		const choice = form.data;
		const db = await getDatabase();
		const content = getContent();

		let timerSeconds: number | null = null;
		if (choice.timer === '20' || choice.timer === '60') timerSeconds = Number(choice.timer);
		if (choice.timer === 'custom') {
			const custom = customSecondsField.safeParse(choice.customSeconds ?? '');
			if (!custom.success) {
				const message = custom.error.issues[0]?.message ?? m.live_err_custom_seconds();
				return formFailure(400, message, { customSeconds: message }, values);
			}
			timerSeconds = custom.data;
		}

		if (choice.source === 'lesson' && (!choice.lesson || !content.lessons.has(choice.lesson))) {
			const message = m.live_err_choose_lesson();
			return formFailure(400, message, { lesson: message }, values);
		}

		let classId: string | null = null;
		if (choice.classId) {
			const classRow = await findClass(db, choice.classId);
			if (!classRow || classRow.teacherId !== teacher.id || classRow.archivedAt !== null) {
				const message = m.live_err_choose_current_class();
				return formFailure(400, message, { classId: message }, values);
			}
			classId = classRow.id;
		}
		if (choice.source === 'missed' && !classId) {
			const message = m.live_err_choose_missed_class();
			return formFailure(400, message, { classId: message }, values);
		}
		if (choice.joinMode === 'members' && !classId) {
			return formFailure(
				400,
				membersOnlyNeedsClass(),
				{ joinMode: membersOnlyNeedsClass() },
				values
			);
		}

		// the domain checks that each of them is a student of the chosen class
		const extraStudents = [...new Set(submitted.getAll('extraStudent').map(String))];
		if (extraStudents.length > 200 || extraStudents.some((id) => id.length > 100)) {
			const message = m.live_err_choose_extra_students();
			return formFailure(400, message, { extraStudents: message }, values);
		}
		if (extraStudents.length > 0 && choice.extraSeconds === 0) {
			const message = m.live_err_enter_extra_seconds();
			return formFailure(400, message, { extraSeconds: message }, values);
		}
		const extraTime = Object.fromEntries(extraStudents.map((id) => [id, choice.extraSeconds]));

		const options: LiveOptions = {
			timerSeconds,
			scoring: choice.scoring,
			showLeaderboard: choice.leaderboard === 'shown',
			showRealNames: choice.realNames === 'shown',
			joinMode: choice.joinMode,
			nicknameLanguage: choice.nicknameLanguage,
			extraTime
		};
		const source =
			choice.source === 'lesson'
				? { kind: 'lesson' as const, lessonSlug: choice.lesson ?? '' }
				: choice.source === 'module'
					? { kind: 'module' as const }
					: { kind: 'missed' as const, classId: classId ?? '', count: choice.missedCount };
		const created = await createLiveSession(db, content, {
			teacherId: teacher.id,
			classId,
			source,
			options
		});
		if (!created.ok) return formFailure(created.status, created.message, {}, values);
		redirect(303, localHref(`/live/host/${created.session.id}`));
	},

	join: async (event) => {
		const submitted = await readForm(event.request);
		const values = { code: String(submitted.get('code') ?? '').slice(0, 20) };
		const form = parseForm(joinCodeForm, submitted);
		if (!form.ok) return formFailure(400, form.message, form.fieldErrors, values);
		const found = await lookUpLiveCode(await getDatabase(), {
			code: form.data.code,
			address: event.getClientAddress(),
			user: event.locals.user,
			resumeTokenFor: (sessionId) => event.cookies.get(liveCookieName(sessionId)) ?? null
		});
		if (!found.ok) {
			if (found.status === 429) {
				event.setHeaders({ 'retry-after': String(found.retryAfterSeconds) });
			}
			return formFailure(found.status, found.message, { code: found.message }, values);
		}
		redirect(303, localHref(`/live/${found.session.code}`));
	}
};
