import { error } from '@sveltejs/kit';
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
import { assignmentForm, createAssignmentForm } from '$lib/server/classes/forms';
import { formFailure, parseForm } from '$lib/server/forms';
import { readForm } from '$lib/server/request';
import type { Actions, PageServerLoad } from './$types';

const archivedMessage =
	'This class is archived, so its assignments can’t change. Unarchive it in Settings first.';
const noSuchAssignment =
	'That assignment is not in this class (it may already be deleted). Reload the page to see the current list.';

// due dates are entered and shown in the server's time zone, the one the form's dates are read in
const formatDue = (dueAt: Date) =>
	dueAt.toLocaleString('en-US', { dateStyle: 'full', timeStyle: 'short' });

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
		dueAt: row.dueAt?.toISOString() ?? null,
		due: row.dueAt ? formatDue(row.dueAt) : null
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
		timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
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

		await createAssignment(db, { classId: classRow.id, ...form.data });
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
