import { redirect } from '@sveltejs/kit';
import { getDatabase } from '$lib/server/db';
import { invalidateUserSessions } from '$lib/server/auth/session';
import { startSession } from '$lib/server/auth/sign-in';
import {
	joinAsStudent,
	joinAudience,
	joinForm,
	joinWithAccountForm,
	joinWithNewAccount,
	maxDisplayNameLength,
	teachersDontJoinMessage,
	usernameRule
} from '$lib/server/classes/join';
import { formFailure, parseForm } from '$lib/server/forms';
import { readForm } from '$lib/server/request';
import { getLocale, localHref } from '$lib/i18n';
import { accountLocale, rememberLocaleCookie } from '$lib/server/i18n/preference';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals, url }) => {
	const user = locals.user;
	return {
		audience: joinAudience(user),
		// from the join link or QR code a teacher shows
		code: (url.searchParams.get('code') ?? '').trim().slice(0, 20),
		signedInAs: user && !user.isGuest ? user.displayName : null,
		isGuest: user?.isGuest ?? false,
		usernameRule: usernameRule(),
		maxDisplayNameLength
	};
};

export const actions: Actions = {
	default: async (event) => {
		const user = event.locals.user;
		const audience = joinAudience(user);
		if (audience === 'teacher') {
			return formFailure(403, teachersDontJoinMessage(), {}, { code: '', name: '', username: '' });
		}
		const submitted = await readForm(event.request);
		// echo back only short, plain values; never a password
		const echo = {
			code: String(submitted.get('code') ?? '').slice(0, 20),
			name: String(submitted.get('name') ?? '').slice(0, maxDisplayNameLength),
			username: String(submitted.get('username') ?? '').slice(0, 30)
		};
		const db = await getDatabase();
		const address = event.getClientAddress();
		const retryAfter = (refused: { status: number; retryAfterSeconds?: number }) => {
			if (refused.status === 429 && refused.retryAfterSeconds !== undefined) {
				event.setHeaders({ 'retry-after': String(refused.retryAfterSeconds) });
			}
		};

		if (user && audience === 'student') {
			const form = parseForm(joinForm, submitted);
			if (!form.ok) return formFailure(400, form.message, form.fieldErrors, echo);
			const joined = await joinAsStudent(db, user.id, form.data.code, address);
			if (!joined.ok) {
				retryAfter(joined);
				return formFailure(joined.status, joined.message, { code: joined.message }, echo);
			}
			// a student who never chose a language reads in the class's
			const locale = (await accountLocale(db, user.id)) ?? getLocale();
			rememberLocaleCookie(event.cookies, locale);
			redirect(303, localHref(`/learn?joined=${encodeURIComponent(joined.classId)}`, locale));
		}

		const form = parseForm(joinWithAccountForm, submitted);
		if (!form.ok) return formFailure(400, form.message, form.fieldErrors, echo);
		const guestId = user?.isGuest ? user.id : null;
		const joined = await joinWithNewAccount(db, form.data, guestId, address);
		if (!joined.ok) {
			retryAfter(joined);
			return formFailure(joined.status, joined.message, { [joined.field]: joined.message }, echo);
		}
		// the guest's old cookie is worthless now: the account starts a fresh session
		if (guestId) await invalidateUserSessions(db, guestId);
		const locale = await startSession(db, event, joined.userId);
		redirect(303, localHref(`/learn?joined=${encodeURIComponent(joined.classId)}`, locale));
	}
};
