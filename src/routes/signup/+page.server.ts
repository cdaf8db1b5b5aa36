import { redirect } from '@sveltejs/kit';
import { getDatabase } from '$lib/server/db';
import { invalidateUserSessions } from '$lib/server/auth/session';
import { staffAccountForm, studentSignUpForm, usernameRule } from '$lib/server/auth/forms';
import { waitInWords } from '$lib/server/auth/rate-limit';
import { homeFor, startSession } from '$lib/server/auth/sign-in';
import { signUp, signUpKinds, type SignUpKind } from '$lib/server/auth/sign-up';
import { formFailure, parseForm } from '$lib/server/forms';
import { readForm } from '$lib/server/request';
import { localHref, m } from '$lib/i18n';
import type { Actions, PageServerLoad } from './$types';

const requestedKind = (value: unknown): SignUpKind => (value === 'teacher' ? 'teacher' : 'student');

export const load: PageServerLoad = ({ locals, url }) => {
	if (locals.user && !locals.user.isGuest) redirect(303, localHref(homeFor(locals.user.role)));
	const kinds = signUpKinds();
	const kind = requestedKind(url.searchParams.get('as'));
	return {
		kind: kinds.includes(kind) ? kind : 'student',
		openTeacherSignUp: kinds.includes('teacher'),
		usernameRule: usernameRule()
	};
};

export const actions: Actions = {
	default: async (event) => {
		const submitted = await readForm(event.request);
		const kind = requestedKind(submitted.get('kind'));
		// echo back only short, plain values; never the password
		const echo = {
			kind,
			name: String(submitted.get('name') ?? '').slice(0, 100),
			email: String(submitted.get('email') ?? '').slice(0, 254),
			username: String(submitted.get('username') ?? '').slice(0, 30)
		};
		if (!signUpKinds().includes(kind)) {
			return formFailure(403, m.signup_teacher_closed(), {}, echo);
		}
		const form =
			kind === 'teacher'
				? parseForm(staffAccountForm, submitted)
				: parseForm(studentSignUpForm, submitted);
		if (!form.ok) return formFailure(400, form.message, form.fieldErrors, echo);
		const data = form.data;
		const account =
			'email' in data
				? {
						username: data.email,
						email: data.email,
						displayName: data.name,
						password: data.password
					}
				: { username: data.username, displayName: data.name, password: data.password };

		const db = await getDatabase();
		const guestId = event.locals.user?.isGuest ? event.locals.user.id : null;
		const result = await signUp(db, {
			kind,
			account,
			guestId,
			ipAddress: event.getClientAddress()
		});
		if (!result.ok) {
			if (result.reason === 'rate-limited') {
				event.setHeaders({ 'retry-after': String(result.retryAfterSeconds) });
				const message = m.signup_too_many({ wait: waitInWords(result.retryAfterSeconds) });
				return formFailure(429, message, {}, echo);
			}
			if (result.reason === 'teacher-sign-up-closed') {
				return formFailure(403, m.signup_teacher_closed(), {}, echo);
			}
			const field = kind === 'teacher' ? 'email' : 'username';
			const message = kind === 'teacher' ? m.signup_email_taken() : m.form_username_taken();
			return formFailure(400, message, { [field]: message }, echo);
		}
		// the guest's old cookie is worthless now: the account starts a fresh session
		if (guestId) await invalidateUserSessions(db, guestId);
		const locale = await startSession(db, event, result.userId);
		redirect(303, localHref(homeFor(result.role), locale));
	}
};
