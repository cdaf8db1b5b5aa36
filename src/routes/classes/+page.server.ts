import { redirect } from '@sveltejs/kit';
import { getLocale, localHref } from '$lib/i18n';
import { getDatabase } from '$lib/server/db';
import { requireTeacher } from '$lib/server/auth/guards';
import { createClass, teacherClasses } from '$lib/server/classes/classes';
import { createClassForm } from '$lib/server/classes/forms';
import { formFailure, parseForm } from '$lib/server/forms';
import { readForm } from '$lib/server/request';
import { readerTimeZone, timeZoneChoices } from '$lib/server/time-zones';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const teacher = requireTeacher(event);
	const db = await getDatabase();
	const classes = await teacherClasses(db, teacher.id);
	// without JavaScript a new class takes the zone of the teacher's latest one; with it, their device's
	const timeZone = await readerTimeZone(db, teacher);
	const summary = (c: (typeof classes)[number]) => ({
		id: c.id,
		name: c.name,
		joinCode: c.joinCode,
		studentCount: c.studentCount
	});
	return {
		teacherName: teacher.displayName,
		openClasses: classes.filter((c) => c.archivedAt === null).map(summary),
		archivedClasses: classes.filter((c) => c.archivedAt !== null).map(summary),
		timeZone,
		timeZones: timeZoneChoices(timeZone)
	};
};

export const actions: Actions = {
	create: async (event) => {
		const teacher = requireTeacher(event);
		const submitted = await readForm(event.request);
		const form = parseForm(createClassForm, submitted);
		const echo = {
			name: String(submitted.get('name') ?? '').slice(0, 100),
			timeZone: String(submitted.get('timeZone') ?? '').slice(0, 64)
		};
		if (!form.ok) return formFailure(400, form.message, form.fieldErrors, echo);

		const { name, timeZone } = form.data;
		// the class's students see the language the teacher created it in until they choose one
		const db = await getDatabase();
		const created = await createClass(db, teacher.id, name, new Date(), timeZone, getLocale());
		// the roster page shows the join code, which is what a teacher needs next
		redirect(303, localHref(`/classes/${created.id}/students`));
	}
};
