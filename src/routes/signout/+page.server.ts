import { redirect } from '@sveltejs/kit';
import { getDatabase } from '$lib/server/db';
import { deleteSessionCookie } from '$lib/server/auth/cookie';
import { invalidateSession } from '$lib/server/auth/session';
import { localHref } from '$lib/i18n';
import type { Actions } from './$types';

export const actions: Actions = {
	default: async ({ locals, cookies, url }) => {
		if (locals.session) await invalidateSession(await getDatabase(), locals.session.id);
		deleteSessionCookie(cookies, url);
		redirect(303, localHref('/'));
	}
};
