import { getDatabase } from '$lib/server/db';
import { changePassword } from '$lib/server/auth/accounts';
import { changePasswordForm } from '$lib/server/auth/forms';
import { requireAccount } from '$lib/server/auth/guards';
import { deleteAccount } from '$lib/server/account/my-data';
import { teacherClasses } from '$lib/server/classes/classes';
import { deleteSessionCookie } from '$lib/server/auth/cookie';
import { countUserSessions, invalidateUserSessions } from '$lib/server/auth/session';
import { fail, redirect } from '@sveltejs/kit';
import { startSession } from '$lib/server/auth/sign-in';
import { formFailure, parseForm } from '$lib/server/forms';
import { readForm } from '$lib/server/request';
import { localHref, m } from '$lib/i18n';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const user = requireAccount(event);
	// deleting a teacher's account deletes their classes too: the page says so
	const db = await getDatabase();
	const classCount = user.role === 'student' ? 0 : (await teacherClasses(db, user.id)).length;
	return {
		account: {
			username: user.username,
			displayName: user.displayName,
			role: user.role,
			locale: user.locale ?? null
		},
		classCount,
		deviceCount: await countUserSessions(db, user.id)
	};
};

export const actions: Actions = {
	changePassword: async (event) => {
		const user = requireAccount(event);
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
			const message = m.account_wrong_password();
			return formFailure(400, message, { currentPassword: message });
		}
		// every other device was signed out; this one carries on with a new session
		await startSession(db, event, user.id);
		return { changed: true };
	},
	// for a lost phone or a shared computer left signed in: every session of the account ends, this one too
	signOutEverywhere: async (event) => {
		const user = requireAccount(event);
		await invalidateUserSessions(await getDatabase(), user.id);
		deleteSessionCookie(event.cookies, event.url);
		redirect(303, localHref('/signin?signedOut=everywhere'));
	},
	deleteAccount: async (event) => {
		const user = requireAccount(event);
		const form = await readForm(event.request);
		const confirmation = form.get('confirmUsername');
		if (typeof confirmation !== 'string' || confirmation.trim().toLowerCase() !== user.username) {
			return fail(400, {
				deleteError: m.account_delete_mismatch({ username: user.username })
			});
		}
		await deleteAccount(await getDatabase(), user.id);
		deleteSessionCookie(event.cookies, event.url);
		redirect(303, localHref('/?deleted=1'));
	}
};
