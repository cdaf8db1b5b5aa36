import { getDatabase } from '$lib/server/db';
import { changePassword } from '$lib/server/auth/accounts';
import { changePasswordForm } from '$lib/server/auth/forms';
import { requireUser } from '$lib/server/auth/guards';
import { startSession } from '$lib/server/auth/sign-in';
import { formFailure, parseForm } from '$lib/server/forms';
import { readForm } from '$lib/server/request';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => {
	const user = requireUser(event);
	return { account: { username: user.username, displayName: user.displayName, role: user.role } };
};

export const actions: Actions = {
	changePassword: async (event) => {
		const user = requireUser(event);
		const form = parseForm(changePasswordForm, await readForm(event.request));
		if (!form.ok) return formFailure(400, form.message, form.fieldErrors);

		const db = await getDatabase();
		const result = await changePassword(
			db,
			user.id,
			form.data.currentPassword,
			form.data.newPassword
		);
		if (!result.ok) {
			const message = 'Your current password is not right.';
			return formFailure(400, message, { currentPassword: message });
		}
		// every other device was signed out; this one carries on with a new session
		await startSession(db, event, user.id);
		return { changed: true };
	}
};
