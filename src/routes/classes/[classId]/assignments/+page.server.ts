import { error, redirect } from '@sveltejs/kit';
import { showDate } from '$lib/dates';
import { localHref, m } from '$lib/i18n';
import { getContent } from '$lib/server/content';
import { getDatabase } from '$lib/server/db';
import { requireOwnClass } from '$lib/server/classes/access';
import {
	assignedLessons,
	assignmentTitle,
	classAssignments,
	createAssignment,
	deleteAssignment,
	releaseAnswers,
	updateAssignmentPolicy
} from '$lib/server/classes/assignments';
import {
	assignmentForm,
	createAssignmentForm,
	dueAtFrom,
	maxAttemptsAllowed,
	maxTimeLimitMinutes,
	policyFieldNames,
	policyForm
} from '$lib/server/classes/forms';
import {
	answerReleaseChoices,
	canReleaseAnswers,
	gradingMethodChoices,
	policyInWords
} from '$lib/server/classes/policy-text';
import { formFailure, parseForm, type FormResult } from '$lib/server/forms';
import { readForm } from '$lib/server/request';
import { defaultPolicy, type PolicyChoices } from '$lib/server/classes/quiz-policy';
import { zoneDescription } from '$lib/server/time-zones';
import type { Actions, PageServerLoad } from './$types';

// refusals in the request's language, so built when one is returned
const archivedMessage = () => m.assign_archived();
const practiceHasNoSettings = () => m.assign_practice_no_settings();
const noSuchAssignment = () => m.assign_no_such_assignment();

/** A policy as the quiz-settings form's values, to fill it in. */
const policyValues = (policy: PolicyChoices): Record<string, string> => ({
	attempts: policy.attemptsAllowed === null ? 'unlimited' : String(policy.attemptsAllowed),
	answersShown: policy.answersShown,
	scoreShown: policy.scoreShown ? 'yes' : '',
	timeLimit: policy.timeLimitMinutes === null ? '' : String(policy.timeLimitMinutes),
	gradingMethod: policy.gradingMethod
});

export const load: PageServerLoad = async (event) => {
	const db = await getDatabase();
	const { classRow } = await requireOwnClass(event, db);
	const content = getContent();
	const rows = await classAssignments(db, classRow.id);
	const now = new Date();
	const assignments = rows.map((row) => ({
		id: row.id,
		title: assignmentTitle(content, row.lessonSlug),
		wholeModule: row.lessonSlug === null,
		behaviour: row.behaviour,
		due: row.dueAt && showDate(row.dueAt, classRow.timeZone),
		policy: policyInWords(
			row,
			row.answersReleasedAt
				? showDate(row.answersReleasedAt, classRow.timeZone, 'dateTime', { now }).text
				: null
		),
		canRelease: canReleaseAnswers(row, now)
	}));
	// ?delete=<id> is the confirm step, so deleting works without JavaScript
	const deleteId = event.url.searchParams.get('delete');
	const toDelete = deleteId === null ? null : assignments.find((a) => a.id === deleteId);
	if (toDelete === undefined) error(404, noSuchAssignment());
	// ?edit=<id> shows a quiz's settings in a form of their own, so editing works without JavaScript too
	const editId = event.url.searchParams.get('edit');
	const editRow = editId === null ? null : rows.find((row) => row.id === editId);
	if (editRow === undefined) error(404, noSuchAssignment());
	if (editRow && editRow.behaviour !== 'quiz') error(409, practiceHasNoSettings());
	const savedId = event.url.searchParams.get('saved');
	return {
		archived: classRow.archivedAt !== null,
		assignments,
		lessons: assignedLessons(content, null).map((lesson) => ({
			slug: lesson.slug,
			title: lesson.title
		})),
		// due dates are typed and shown in the class's zone, named in the form's hint
		timeZone: zoneDescription(classRow.timeZone),
		classWorkRule: m.assign_class_work_rule(),
		confirmDelete: toDelete,
		editing: editRow
			? {
					id: editRow.id,
					title: assignmentTitle(content, editRow.lessonSlug),
					values: policyValues(editRow)
				}
			: null,
		saved: assignments.find((a) => a.id === savedId)?.title ?? null,
		policyChoices: {
			answersShown: answerReleaseChoices(),
			gradingMethod: gradingMethodChoices(),
			maxAttempts: maxAttemptsAllowed,
			maxTimeLimit: maxTimeLimitMinutes,
			defaults: policyValues(defaultPolicy('quiz'))
		}
	};
};

export const actions: Actions = {
	create: async (event) => {
		const db = await getDatabase();
		const { classRow } = await requireOwnClass(event, db);
		const submitted = await readForm(event.request);
		const echo = Object.fromEntries(
			['lesson', 'behaviour', 'dueDate', 'dueTime', ...policyFieldNames].map((key) => [
				key,
				String(submitted.get(key) ?? '').slice(0, 200)
			])
		);
		if (classRow.archivedAt) return formFailure(409, archivedMessage(), {}, echo);
		const form = parseForm(createAssignmentForm, submitted);
		// practice keeps its own defaults (defaultPolicy): the quiz settings count only for a quiz
		const policy: FormResult<PolicyChoices | undefined> =
			echo.behaviour === 'quiz' ? parseForm(policyForm, submitted) : { ok: true, data: undefined };
		if (!form.ok || !policy.ok) {
			const failed = [form, policy].flatMap((result) => (result.ok ? [] : [result]));
			return formFailure(
				400,
				failed.map((result) => result.message).join(' '),
				Object.assign({}, ...failed.map((result) => result.fieldErrors)),
				echo
			);
		}
		const { lessonSlug } = form.data;
		if (lessonSlug !== null && !getContent().lessons.has(lessonSlug)) {
			const message = m.assign_no_such_lesson();
			return formFailure(400, message, { lesson: message }, echo);
		}

		const { due, ...chosen } = form.data;
		const dueAt = dueAtFrom(due.date, due.time, classRow.timeZone);
		await createAssignment(db, { classId: classRow.id, ...chosen, dueAt, policy: policy.data });
		return { created: assignmentTitle(getContent(), lessonSlug) };
	},
	update: async (event) => {
		const db = await getDatabase();
		const { classRow } = await requireOwnClass(event, db);
		const submitted = await readForm(event.request);
		const echo = Object.fromEntries(
			policyFieldNames.map((key) => [key, String(submitted.get(key) ?? '').slice(0, 200)])
		);
		if (classRow.archivedAt) return formFailure(409, archivedMessage(), {}, echo);
		const which = parseForm(assignmentForm, submitted);
		if (!which.ok) return formFailure(400, which.message, which.fieldErrors, echo);
		const policy = parseForm(policyForm, submitted);
		if (!policy.ok) return formFailure(400, policy.message, policy.fieldErrors, echo);

		const id = which.data.assignmentId;
		const result = await updateAssignmentPolicy(db, classRow.id, id, policy.data);
		if (result === 'not-found') return formFailure(404, noSuchAssignment(), {}, echo);
		if (result === 'not-quiz') return formFailure(409, practiceHasNoSettings(), {}, echo);
		redirect(303, localHref(`/classes/${classRow.id}/assignments?saved=${encodeURIComponent(id)}`));
	},
	release: async (event) => {
		const db = await getDatabase();
		const { classRow } = await requireOwnClass(event, db);
		if (classRow.archivedAt) return formFailure(409, archivedMessage());
		const form = parseForm(assignmentForm, await readForm(event.request));
		if (!form.ok) return formFailure(400, form.message, form.fieldErrors);

		const rows = await classAssignments(db, classRow.id);
		const row = rows.find((r) => r.id === form.data.assignmentId);
		const result = row ? await releaseAnswers(db, classRow.id, row.id) : 'not-found';
		if (!row || result === 'not-found') return formFailure(404, noSuchAssignment());
		if (result === 'already-out') return formFailure(409, m.assign_already_out());
		return { released: assignmentTitle(getContent(), row.lessonSlug) };
	},
	delete: async (event) => {
		const db = await getDatabase();
		const { classRow } = await requireOwnClass(event, db);
		if (classRow.archivedAt) return formFailure(409, archivedMessage());
		const form = parseForm(assignmentForm, await readForm(event.request));
		if (!form.ok) return formFailure(400, form.message, form.fieldErrors);

		const rows = await classAssignments(db, classRow.id);
		const row = rows.find((r) => r.id === form.data.assignmentId);
		if (!row || !(await deleteAssignment(db, classRow.id, row.id))) {
			return formFailure(404, noSuchAssignment());
		}
		return { deleted: assignmentTitle(getContent(), row.lessonSlug) };
	}
};
