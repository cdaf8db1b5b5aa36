import { redirect } from '@sveltejs/kit';
import { getDatabase } from '$lib/server/db';
import { authenticate } from '$lib/server/auth/accounts';
import { adoptGuest } from '$lib/server/auth/guests';
import { signInForm } from '$lib/server/auth/forms';
import { waitInWords } from '$lib/server/auth/rate-limit';
import { safeRedirectTarget } from '$lib/server/auth/guards';
import { homeFor, startSession } from '$lib/server/auth/sign-in';
import { formFailure, parseForm } from '$lib/server/forms';
import { readForm } from '$lib/server/request';
import { localHref, m, routePath } from '$lib/i18n';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals, url }) => {
	if (locals.user && !locals.user.isGuest)
		redirect(
			303,
			localHref(
				routePath(safeRedirectTarget(url.searchParams.get('redirectTo'), homeFor(locals.user.role)))
			)
		);
	return {
		redirectTo: safeRedirectTarget(url.searchParams.get('redirectTo'), ''),
		signedOutEverywhere: url.searchParams.get('signedOut') === 'everywhere'
	};
};

export const actions: Actions = {
	default: async (event) => {
		const form = parseForm(signInForm, await readForm(event.request));
		if (!form.ok) return formFailure(400, form.message, form.fieldErrors, { login: '' });

		const db = await getDatabase();
		const result = await authenticate(db, { ...form.data, ipAddress: event.getClientAddress() });
		if (!result.ok) {
			if (result.reason === 'rate-limited') {
				event.setHeaders({ 'retry-after': String(result.retryAfterSeconds) });
				const message = m.signin_too_many({ wait: waitInWords(result.retryAfterSeconds) });
				return formFailure(429, message, {}, { login: form.data.login });
			}
			return formFailure(400, m.signin_failed(), {}, { login: form.data.login });
		}

		// a guest who signs in brings what they did as a guest into the account
		if (event.locals.user?.isGuest) await adoptGuest(db, event.locals.user.id, result.userId);
		const locale = await startSession(db, event, result.userId);
		const target = event.url.searchParams.get('redirectTo');
		redirect(303, localHref(routePath(safeRedirectTarget(target, homeFor(result.role))), locale));
	}
};
