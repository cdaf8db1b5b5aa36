import { error, fail } from '@sveltejs/kit';
import { showDate } from '$lib/dates';
import { localHref, m } from '$lib/i18n';
import { getDatabase } from '$lib/server/db';
import { requireOwnClass } from '$lib/server/classes/access';
import {
	accommodationBadges,
	accommodationForm,
	classAccommodations,
	extraTimeChoices,
	maxExtraAttempts,
	noAccommodation,
	setAccommodation
} from '$lib/server/classes/accommodations';
import { classMembersOf, removeMember } from '$lib/server/classes/classes';
import { addStudentsForm, studentForm } from '$lib/server/classes/forms';
import { addStudentsWithCards, resetStudentPassword } from '$lib/server/classes/roster';
import {
	importRoster,
	maxImportBytes,
	maxImportStudents,
	problemsForPage,
	readRosterUpload,
	uploadedCsv
} from '$lib/server/classes/roster-import';
import { formFailure, parseForm } from '$lib/server/forms';
import { classSessionsChanged } from '$lib/server/live/sessions';
import { readForm } from '$lib/server/request';
import { LtiRefusal } from '$lib/server/lti/refusal';
import { classLmsLink, syncCourseRoster } from '$lib/server/lti/roster';
import type { Actions, PageServerLoad } from './$types';

// built per request, so each refusal is in the reader's language
const archivedMessage = () => m.students_archived_refusal();

export const load: PageServerLoad = async (event) => {
	const db = await getDatabase();
	const { classRow } = await requireOwnClass(event, db);
	const [members, accommodations] = await Promise.all([
		classMembersOf(db, classRow.id),
		classAccommodations(db, classRow.id)
	]);
	// ?remove=<id> is the confirm step, so removing works without JavaScript
	const removeId = event.url.searchParams.get('remove');
	const toRemove = removeId === null ? null : members.find((m) => m.id === removeId);
	if (toRemove === undefined) error(404, m.students_not_member_nobody_to_remove());
	return {
		lms: await classLmsLink(db, classRow.id),
		joinCode: classRow.joinCode,
		joinLink: `${event.url.origin}${localHref('/join')}?code=${classRow.joinCode}`,
		signInUrl: `${event.url.origin}${localHref('/signin')}`,
		archived: classRow.archivedAt !== null,
		members: members.map((m) => ({
			id: m.id,
			displayName: m.displayName,
			username: m.username,
			joined: showDate(m.joinedAt, classRow.timeZone, 'date'),
			accommodation: accommodations.get(m.id) ?? noAccommodation,
			badges: accommodationBadges(accommodations.get(m.id) ?? noAccommodation)
		})),
		importLimits: { students: maxImportStudents, megabytes: maxImportBytes / 1024 / 1024 },
		extraTimeChoices: extraTimeChoices(),
		maxExtraAttempts,
		confirmRemove: toRemove && { id: toRemove.id, displayName: toRemove.displayName }
	};
};

export const actions: Actions = {
	syncRoster: async (event) => {
		const db = await getDatabase();
		const { classRow } = await requireOwnClass(event, db);
		if (classRow.archivedAt) return formFailure(409, archivedMessage());
		try {
			return { synced: await syncCourseRoster(db, classRow.id) };
		} catch (refusal) {
			if (!(refusal instanceof LtiRefusal)) throw refusal;
			// the LMS being unreachable is no fault of the request: a 502, as a proxy would answer
			if (refusal.status === 502) return fail(502, { message: refusal.message });
			return formFailure(409, refusal.message);
		}
	},
	addStudents: async (event) => {
		const db = await getDatabase();
		const { classRow } = await requireOwnClass(event, db);
		const submitted = await readForm(event.request);
		const echo = { names: String(submitted.get('names') ?? '').slice(0, 10_000) };
		if (classRow.archivedAt) return formFailure(409, archivedMessage(), {}, echo);
		const form = parseForm(addStudentsForm, submitted);
		if (!form.ok) return formFailure(400, form.message, form.fieldErrors, echo);

		const cards = await addStudentsWithCards(db, classRow.id, form.data.names);
		return {
			cardsFor: 'added' as const,
			cards: cards.map(({ displayName, username, password }) => ({
				displayName,
				username,
				password
			}))
		};
	},
	importRoster: async (event) => {
		const db = await getDatabase();
		const { classRow } = await requireOwnClass(event, db);
		const submitted = await readForm(event.request);
		const [file, enrollments] = await Promise.all([
			uploadedCsv(submitted.get('file')),
			uploadedCsv(submitted.get('enrollments'))
		]);
		const classSourcedId = String(submitted.get('classSourcedId') ?? '').slice(0, 200);
		// what the teacher chose comes back with the problems; a browser can't refill a file input
		const values = {
			importFiles: [file, enrollments].flatMap((f) => (f ? [f.name] : [])).join(', '),
			classSourcedId
		};
		if (classRow.archivedAt) return formFailure(409, archivedMessage(), {}, values);

		const reading = readRosterUpload({ file, enrollments, classSourcedId });
		if (!reading.ok) {
			return fail(reading.status, {
				message: m.roster_import_failed_message(),
				fieldErrors: {} as Record<string, string>,
				values,
				importProblems: problemsForPage(reading.files),
				classChoices: reading.classChoices
			});
		}
		const { cards, skipped } = await importRoster(db, classRow.id, reading);
		return {
			cardsFor: 'imported' as const,
			cards: cards.map(({ displayName, username, password }) => ({
				displayName,
				username,
				password
			})),
			skipped
		};
	},
	resetPassword: async (event) => {
		const db = await getDatabase();
		const { teacher, classRow } = await requireOwnClass(event, db);
		if (classRow.archivedAt) return formFailure(409, archivedMessage());
		const form = parseForm(studentForm, await readForm(event.request));
		if (!form.ok) return formFailure(400, form.message, form.fieldErrors);

		const reset = await resetStudentPassword(db, {
			classId: classRow.id,
			studentId: form.data.studentId,
			resetBy: { id: teacher.id, role: teacher.role }
		});
		if (!reset.ok) return formFailure(reset.status, reset.message);
		const { displayName, username, password } = reset.card;
		return { cardsFor: 'reset' as const, cards: [{ displayName, username, password }] };
	},
	accommodate: async (event) => {
		const db = await getDatabase();
		const { classRow } = await requireOwnClass(event, db);
		const submitted = await readForm(event.request);
		// only short, plain values go back; the form they refill is the one student's
		const values = {
			accommodationsFor: String(submitted.get('studentId') ?? '').slice(0, 100),
			extraTime: String(submitted.get('extraTime') ?? '').slice(0, 20),
			extraAttempts: String(submitted.get('extraAttempts') ?? '').slice(0, 20),
			readAloud: submitted.get('readAloud') === 'on' ? 'on' : ''
		};
		if (classRow.archivedAt) return formFailure(409, archivedMessage(), {}, values);
		const form = parseForm(accommodationForm, submitted);
		if (!form.ok) return formFailure(400, form.message, form.fieldErrors, values);

		const { studentId, ...accommodation } = form.data;
		const saved = await setAccommodation(db, {
			classId: classRow.id,
			userId: studentId,
			accommodation
		});
		if (!saved.ok) return formFailure(saved.status, saved.message, {}, values);
		// an open live session of the class shows each player their new time at once
		await classSessionsChanged(db, classRow.id);
		return { accommodated: studentId };
	},
	remove: async (event) => {
		const db = await getDatabase();
		const { classRow } = await requireOwnClass(event, db);
		if (classRow.archivedAt) return formFailure(409, archivedMessage());
		const form = parseForm(studentForm, await readForm(event.request));
		if (!form.ok) return formFailure(400, form.message, form.fieldErrors);

		const members = await classMembersOf(db, classRow.id);
		const student = members.find((m) => m.id === form.data.studentId);
		if (!student || !(await removeMember(db, classRow.id, student.id))) {
			return formFailure(404, m.students_not_member_nobody_removed());
		}
		return { removed: student.displayName };
	}
};
