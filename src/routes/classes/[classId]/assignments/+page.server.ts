import { error } from '@sveltejs/kit';
import { showDate } from '$lib/dates';
import { getContent } from '$lib/server/content';
import { getDatabase } from '$lib/server/db';
import { requireOwnClass } from '$lib/server/classes/access';
import {
	assignedLessons,
	assignmentTitle,
	classAssignments,
	createAssignment,
	deleteAssignment
} from '$lib/server/classes/assignments';
import { classWorkRule } from '$lib/server/classes/class-work';
import { assignmentForm, createAssignmentForm, dueAtFrom } from '$lib/server/classes/forms';
import { formFailure, parseForm } from '$lib/server/forms';
import { readForm } from '$lib/server/request';
import { zoneDescription } from '$lib/server/time-zones';
import type { Actions, PageServerLoad } from './$types';

const archivedMessage =
	'This class is archived, so its assignments can’t change. Unarchive it in Settings first.';
const noSuchAssignment =
	'That assignment is not in this class (it may already be deleted). Reload the page to see the current list.';

export const load: PageServerLoad = async (event) => {
	const db = await getDatabase();
	const { classRow } = await requireOwnClass(event, db);
	const content = getContent();
	const rows = await classAssignments(db, classRow.id);
	const assignments = rows.map((row) => ({
		id: row.id,
		title: assignmentTitle(content, row.lessonSlug),
		wholeModule: row.lessonSlug === null,
		behaviour: row.behaviour,
		due: row.dueAt && showDate(row.dueAt, classRow.timeZone)
	}));
	// ?delete=<id> is the confirm step, so deleting works without JavaScript
	const deleteId = event.url.searchParams.get('delete');
	const toDelete = deleteId === null ? null : assignments.find((a) => a.id === deleteId);
	if (toDelete === undefined) error(404, noSuchAssignment);
	return {
		archived: classRow.archivedAt !== null,
		assignments,
		lessons: assignedLessons(content, null).map((lesson) => ({
			slug: lesson.slug,
			title: lesson.title
		})),
		// due dates are typed and shown in the class's zone, named in the form's hint
		timeZone: zoneDescription(classRow.timeZone),
		classWorkRule,
		confirmDelete: toDelete
	};
};

export const actions: Actions = {
	create: async (event) => {
		const db = await getDatabase();
		const { classRow } = await requireOwnClass(event, db);
		const submitted = await readForm(event.request);
		const echo = Object.fromEntries(
			['lesson', 'behaviour', 'dueDate', 'dueTime'].map((key) => [
				key,
				String(submitted.get(key) ?? '').slice(0, 200)
			])
		);
		if (classRow.archivedAt) return formFailure(409, archivedMessage, {}, echo);
		const form = parseForm(createAssignmentForm, submitted);
		if (!form.ok) return formFailure(400, form.message, form.fieldErrors, echo);
		const { lessonSlug } = form.data;
		if (lessonSlug !== null && !getContent().lessons.has(lessonSlug)) {
			const message = 'There is no such lesson. Choose the whole module or a lesson from the list.';
			return formFailure(400, message, { lesson: message }, echo);
		}

		const { due, ...chosen } = form.data;
		const dueAt = dueAtFrom(due.date, due.time, classRow.timeZone);
		await createAssignment(db, { classId: classRow.id, ...chosen, dueAt });
		return { created: assignmentTitle(getContent(), lessonSlug) };
	},
	delete: async (event) => {
		const db = await getDatabase();
		const { classRow } = await requireOwnClass(event, db);
		if (classRow.archivedAt) return formFailure(409, archivedMessage);
		const form = parseForm(assignmentForm, await readForm(event.request));
		if (!form.ok) return formFailure(400, form.message, form.fieldErrors);

		const rows = await classAssignments(db, classRow.id);
		const row = rows.find((r) => r.id === form.data.assignmentId);
		if (!row || !(await deleteAssignment(db, classRow.id, row.id))) {
			return formFailure(404, noSuchAssignment);
		}
		return { deleted: assignmentTitle(getContent(), row.lessonSlug) };
	}
};
