import { getDatabase } from '$lib/server/db';
import { siteSettings } from '$lib/server/auth/site-settings';
import { studentAccommodations } from '$lib/server/classes/accommodations';
import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = async ({ locals }) => {
	const user = locals.user;
	// only a teacher's menu depends on the admin's choice; admins always may invite
	const mayInvite =
		user?.role === 'admin' ||
		(user?.role === 'teacher' && (await siteSettings(await getDatabase())).teachersMayInvite);
	// a student's read-aloud accommodation puts a button on every question they answer (QuestionInput)
	const readAloud =
		user?.role === 'student' &&
		!user.isGuest &&
		(await studentAccommodations(await getDatabase(), user.id)).readAloud;
	return { user, mayInvite, readAloud };
};
