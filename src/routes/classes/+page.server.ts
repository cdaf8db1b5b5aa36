import { redirect } from '@sveltejs/kit';
import { getDatabase } from '$lib/server/db';
import { requireTeacher } from '$lib/server/auth/guards';
import { createClass, teacherClasses } from '$lib/server/classes/classes';
import { createClassForm } from '$lib/server/classes/forms';
import { formFailure, parseForm } from '$lib/server/forms';
import { readForm } from '$lib/server/request';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const teacher = requireTeacher(event);
	const classes = await teacherClasses(await getDatabase(), teacher.id);
	const summary = (c: (typeof classes)[number]) => ({
		id: c.id,
		name: c.name,
		joinCode: c.joinCode,
		studentCount: c.studentCount
	});
	return {
		teacherName: teacher.displayName,
		openClasses: classes.filter((c) => c.archivedAt === null).map(summary),
		archivedClasses: classes.filter((c) => c.archivedAt !== null).map(summary)
	};
};

export const actions: Actions = {
	create: async (event) => {
		const teacher = requireTeacher(event);
		const submitted = await readForm(event.request);
		const form = parseForm(createClassForm, submitted);
		const echo = { name: String(submitted.get('name') ?? '').slice(0, 100) };
		if (!form.ok) return formFailure(400, form.message, form.fieldErrors, echo);

		const created = await createClass(await getDatabase(), teacher.id, form.data.name);
		// the roster page shows the join code, which is what a teacher needs next
		redirect(303, `/classes/${created.id}/students`);
	}
};
