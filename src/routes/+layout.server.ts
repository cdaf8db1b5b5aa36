import { getDatabase } from '$lib/server/db';
import { siteSettings } from '$lib/server/auth/site-settings';
import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = async ({ locals }) => {
	const user = locals.user;
	// only a teacher's menu depends on the admin's choice; admins always may invite
	const mayInvite =
		user?.role === 'admin' ||
		(user?.role === 'teacher' && (await siteSettings(await getDatabase())).teachersMayInvite);
	return { user, mayInvite };
};
