import { requireTeacher } from '$lib/server/auth/guards';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => {
	const teacher = requireTeacher(event);
	return { teacherName: teacher.displayName };
};
