import { error, type RequestEvent } from '@sveltejs/kit';
import { instantInZone, zoneName } from '$lib/dates';
import { requireOwnClass } from '$lib/server/classes/access';
import {
	addWorkComment,
	grantAttempt,
	reopenUntil,
	studentLessonWork,
	studentOfClass
} from '$lib/server/classes/drill-down';
import {
	assignmentForm,
	maxWorkCommentLength,
	parseClock,
	parseDay,
	reopenForm,
	workCommentForm
} from '$lib/server/classes/forms';
import { m } from '$lib/i18n';
import { getContent } from '$lib/server/content';
import type { Database } from '$lib/server/db/database';
import { getDatabase } from '$lib/server/db';
import { formFailure, parseForm } from '$lib/server/forms';
import { readForm } from '$lib/server/request';
import type { Actions, PageServerLoad } from './$types';

// built per request, so they are in the request's language
const archivedMessage = () => m.drill_archived();
const notAMember = () => m.drill_not_a_member();

/** The class (its teacher only), the student (a member, or someone with work for it) and the lesson. */
async function drillDown(event: Pick<RequestEvent, 'locals' | 'url' | 'params'>, db: Database) {
	const { teacher, classRow } = await requireOwnClass(event, db);
	const student = await studentOfClass(db, classRow.id, event.params.studentId ?? '');
	if (!student) {
		error(404, m.drill_no_student());
	}
	const lesson = getContent().lessons.get(event.params.slug ?? '');
	if (!lesson) error(404, m.drill_no_lesson());
	return { teacher, classRow, student, lesson };
}

export const load: PageServerLoad = async (event) => {
	const db = await getDatabase();
	const { classRow, student, lesson } = await drillDown(event, db);
	return {
		work: await studentLessonWork(db, getContent(), classRow, student, lesson),
		zone: zoneName(classRow.timeZone),
		archived: classRow.archivedAt !== null,
		maxCommentLength: maxWorkCommentLength
	};
};

export const actions: Actions = {
	grant: async (event) => {
		const db = await getDatabase();
		const { classRow, student, lesson } = await drillDown(event, db);
		if (classRow.archivedAt) return formFailure(409, archivedMessage());
		if (!student.member) return formFailure(409, notAMember());
		const form = parseForm(assignmentForm, await readForm(event.request));
		if (!form.ok) return formFailure(400, form.message, form.fieldErrors);

		const result = await grantAttempt(db, getContent(), {
			classId: classRow.id,
			studentId: student.id,
			lessonSlug: lesson.slug,
			assignmentId: form.data.assignmentId
		});
		if (!result.ok) return formFailure(result.status, result.message);
		return { done: m.drill_granted({ name: student.displayName, title: result.title }) };
	},
	reopen: async (event) => {
		const db = await getDatabase();
		const { classRow, student, lesson } = await drillDown(event, db);
		const submitted = await readForm(event.request);
		const echo = {
			form: 'reopen',
			...Object.fromEntries(
				['assignmentId', 'reopenDate', 'reopenTime'].map((key) => [
					key,
					String(submitted.get(key) ?? '').slice(0, 100)
				])
			)
		};
		if (classRow.archivedAt) return formFailure(409, archivedMessage(), {}, echo);
		if (!student.member) return formFailure(409, notAMember(), {}, echo);
		const form = parseForm(reopenForm, submitted);
		if (!form.ok) return formFailure(400, form.message, form.fieldErrors, echo);

		// the schema has checked both; they are read here as the wall clock of the class's zone
		const day = parseDay(form.data.reopenDate)!;
		const clock = parseClock(form.data.reopenTime)!;
		const until = instantInZone(
			{ ...day, hour: clock.hours, minute: clock.minutes },
			classRow.timeZone
		);
		const result = await reopenUntil(db, getContent(), {
			classId: classRow.id,
			studentId: student.id,
			lessonSlug: lesson.slug,
			assignmentId: form.data.assignmentId,
			until
		});
		if (!result.ok) return formFailure(result.status, result.message, {}, echo);
		return { done: m.drill_reopened({ name: student.displayName, title: result.title }) };
	},
	comment: async (event) => {
		const db = await getDatabase();
		const { teacher, classRow, student, lesson } = await drillDown(event, db);
		const submitted = await readForm(event.request);
		const body = submitted.get('body');
		// refill what was typed, unless it is far too long to send back
		const echo = {
			form: 'comment',
			body: typeof body === 'string' && body.length <= 2 * maxWorkCommentLength ? body : ''
		};
		if (classRow.archivedAt) return formFailure(409, archivedMessage(), {}, echo);
		const form = parseForm(workCommentForm, submitted);
		if (!form.ok) return formFailure(400, form.message, form.fieldErrors, echo);

		await addWorkComment(db, {
			classId: classRow.id,
			studentId: student.id,
			lessonSlug: lesson.slug,
			authorId: teacher.id,
			body: form.data.body
		});
		return { done: m.drill_comment_sent({ name: student.displayName }) };
	}
};
