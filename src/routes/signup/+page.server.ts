import { redirect } from '@sveltejs/kit';
import { getDatabase } from '$lib/server/db';
import { createTeacherAccount } from '$lib/server/auth/accounts';
import { convertGuest } from '$lib/server/auth/guests';
import { invalidateUserSessions } from '$lib/server/auth/session';
import { signUpForm } from '$lib/server/auth/forms';
import { homeFor, startSession } from '$lib/server/auth/sign-in';
import { formFailure, parseForm } from '$lib/server/forms';
import { readForm } from '$lib/server/request';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals }) => {
	if (locals.user && !locals.user.isGuest) redirect(303, homeFor(locals.user.role));
};

export const actions: Actions = {
	default: async (event) => {
		const submitted = await readForm(event.request);
		const form = parseForm(signUpForm, submitted);
		// echo back only short, plain values; never the password
		const echo = {
			name: String(submitted.get('name') ?? '').slice(0, 100),
			email: String(submitted.get('email') ?? '').slice(0, 254)
		};
		if (!form.ok) return formFailure(400, form.message, form.fieldErrors, echo);

		const db = await getDatabase();
		const guest = event.locals.user?.isGuest ? event.locals.user : null;
		// a guest's record becomes the account, so everything they answered stays theirs
		const created = guest
			? await convertGuest(db, guest.id, {
					username: form.data.email,
					email: form.data.email,
					displayName: form.data.name,
					role: 'teacher',
					password: form.data.password
				}).then((r) =>
					r.ok ? { ok: true as const, user: { id: guest.id } } : { ok: false as const }
				)
			: await createTeacherAccount(db, form.data);
		if (!created.ok) {
			const message = 'An account with this email already exists. Sign in instead.';
			return formFailure(400, message, { email: 'This email already has an account.' }, echo);
		}
		if (guest) await invalidateUserSessions(db, guest.id);
		await startSession(db, event, created.user.id);
		redirect(303, homeFor('teacher'));
	}
};
